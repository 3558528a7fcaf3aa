"""Everything one learner did, for the HR / trainer transcript page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch
from django.utils import timezone

from lms.certification.models import AuditLogEntry, Certificate, GoLiveSignOff
from lms.certification.status import PathStatus
from lms.courses.models import CoursePage, LessonProgress
from lms.courses.progress import lessons_by_course
from lms.drills.models import DrillMessage, DrillSession, DrillTurn
from lms.quizzes.models import Attempt

from .roster import RosterRow, report_scope, roster_rows


@dataclass
class LessonLine:
    lesson: object
    first_viewed_at: datetime | None = None
    last_viewed_at: datetime | None = None
    completed_at: datetime | None = None


@dataclass
class CourseLines:
    course: CoursePage
    lessons: list[LessonLine] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(1 for line in self.lessons if line.completed_at)


@dataclass
class Transcript:
    learner: object
    row: RosterRow
    statuses: list[PathStatus]
    courses: list[CourseLines]
    attempts: list[Attempt]
    sessions: list[DrillSession]
    certificates: list[Certificate]
    audit: list[AuditLogEntry]
    signoff: GoLiveSignOff | None


def learner_transcript(learner, *, now: datetime | None = None) -> Transcript:
    """A fixed number of queries, however long the learner's history."""
    now = now or timezone.now()
    scope = report_scope()
    row = roster_rows([learner.id], scope, now=now)[0]
    courses = list(CoursePage.objects.live().order_by("path"))
    lessons = lessons_by_course(courses)
    progress = {
        item.lesson_id: item for item in LessonProgress.objects.filter(user=learner)
    }
    lines = []
    for course in courses:
        block = CourseLines(course=course)
        for lesson in lessons[course.id]:
            seen = progress.get(lesson.id)
            block.lessons.append(
                LessonLine(
                    lesson=lesson,
                    first_viewed_at=seen.first_viewed_at if seen else None,
                    last_viewed_at=seen.last_viewed_at if seen else None,
                    completed_at=seen.completed_at if seen else None,
                )
            )
        lines.append(block)
    turns = DrillTurn.objects.order_by("order").prefetch_related(
        Prefetch("messages", queryset=DrillMessage.objects.order_by("position"))
    )
    sessions = list(
        DrillSession.objects.filter(user=learner)
        .select_related("scenario", "rush_set")
        .prefetch_related(Prefetch("turns", queryset=turns))
        .order_by("-started_at", "-id")
    )
    return Transcript(
        learner=learner,
        row=row,
        statuses=row.statuses,
        courses=lines,
        attempts=list(
            Attempt.objects.filter(user=learner)
            .select_related("quiz")
            .order_by("-started_at", "-id")
        ),
        sessions=sessions,
        certificates=list(
            Certificate.objects.filter(user=learner)
            .select_related("path", "issued_by")
            .order_by("-issued_at")
        ),
        audit=list(
            AuditLogEntry.objects.filter(subject=learner)
            .select_related("actor", "certificate")
            .order_by("-created_at")[:200]
        ),
        signoff=GoLiveSignOff.objects.filter(user=learner)
        .select_related("signed_by")
        .first(),
    )
