"""What a learner has met of each certification path's requirements.

A fixed number of queries for one learner and any number of paths. Which results
count depends on the learner's assignment:

- after a rules change (需复训), the changed courses and their quizzes count only
  when done again since `retrain_since`;
- after expiry or revocation, quiz attempts and drill sessions count only from
  `assessments_since` (renewal: the exams are taken again, courses stay done).

Only exam runs of a drill count. Practice shows scores per reply, hints and model
answers, so a practice pass says nothing about the learner on their own; the
panel says when a drill was passed in practice and the exam is still missing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Prefetch

from .models import (
    CertificationPath,
    PathAssignment,
    PathCourseRequirement,
    PathDrillRequirement,
    PathQuizRequirement,
)


class Kind:
    COURSE = "course"
    QUIZ = "quiz"
    DRILL = "drill"
    DRILL_AVERAGE = "drill_average"


@dataclass
class Requirement:
    kind: str
    title: str
    done: bool
    obj: Any = None
    score: float | None = None
    target: float | None = None
    # False for a drill that only counts towards the path's drill average.
    counts: bool = True
    # To be done again since the rules changed / since the renewal began.
    redo: bool = False
    # A drill passed in practice only: the exam run is what is missing.
    practice_passed: bool = False


@dataclass
class PathProgress:
    path: CertificationPath
    assignment: PathAssignment | None
    requirements: list[Requirement] = field(default_factory=list)

    @property
    def counted(self) -> list[Requirement]:
        return [r for r in self.requirements if r.counts]

    @property
    def done(self) -> int:
        return sum(1 for r in self.counted if r.done)

    @property
    def total(self) -> int:
        return len(self.counted)

    @property
    def complete(self) -> bool:
        """Every requirement met; a path without requirements is never complete."""
        return bool(self.counted) and all(r.done for r in self.counted)

    @property
    def open(self) -> list[Requirement]:
        return [r for r in self.counted if not r.done]

    @property
    def missing_exams(self) -> list[Requirement]:
        """Required drills without a passed exam run (practice passes don't count)."""
        return [r for r in self.open if r.kind == Kind.DRILL]

    def score_summary(self) -> dict:
        """What the certificate states about the results (fixed at issue)."""
        courses = [r for r in self.requirements if r.kind == Kind.COURSE]
        quizzes = [r for r in self.requirements if r.kind == Kind.QUIZ]
        drills = [r for r in self.requirements if r.kind == Kind.DRILL]
        average = next(
            (r.score for r in self.requirements if r.kind == Kind.DRILL_AVERAGE), None
        )
        if average is None and drills:
            average = _mean([r.score or 0 for r in drills])
        return {
            "courses_done": sum(1 for r in courses if r.done),
            "courses_total": len(courses),
            "quizzes": [
                {"title": r.title, "score": r.score, "min": r.target} for r in quizzes
            ],
            "drills": [
                {"title": r.title, "score": r.score, "passed": r.done} for r in drills
            ],
            "drill_average": average,
        }


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def with_requirements(paths):
    """Paths with their requirements and the objects they point at, prefetched."""
    return paths.prefetch_related(
        Prefetch(
            "course_requirements",
            PathCourseRequirement.objects.select_related("course"),
        ),
        Prefetch(
            "quiz_requirements", PathQuizRequirement.objects.select_related("quiz")
        ),
        Prefetch(
            "drill_requirements",
            PathDrillRequirement.objects.select_related("scenario"),
        ),
    )


@dataclass
class _Windows:
    """From when results count for one path (None: since ever)."""

    assessments: datetime | None = None
    retrain: datetime | None = None
    retrain_courses: frozenset[int] = frozenset()

    @classmethod
    def of(cls, assignment: PathAssignment | None) -> _Windows:
        if assignment is None:
            return cls()
        retraining = assignment.needs_recertification and assignment.retrain_since
        return cls(
            assessments=assignment.assessments_since,
            retrain=assignment.retrain_since if retraining else None,
            retrain_courses=frozenset(assignment.retrain_course_ids or [])
            if retraining
            else frozenset(),
        )

    def course_since(self, course_id: int) -> datetime | None:
        return self.retrain if course_id in self.retrain_courses else None

    def quiz_since(self, quiz) -> datetime | None:
        since = [self.assessments]
        if quiz.course_id in self.retrain_courses:
            since.append(self.retrain)
        return _latest(since)


def _latest(moments) -> datetime | None:
    moments = [m for m in moments if m is not None]
    return max(moments) if moments else None


def _counts(moment: datetime | None, since: datetime | None) -> bool:
    return moment is not None and (since is None or moment >= since)


def paths_progress(
    *, user, paths: list[CertificationPath], assignments=None
) -> dict[int, PathProgress]:
    """path id → PathProgress for one learner (paths: use `with_requirements`)."""
    from lms.courses.models import CourseCompletion
    from lms.drills.models import DrillSession, Mode
    from lms.quizzes.models import Attempt

    paths = list(paths)
    if assignments is None:
        assignments = {
            a.path_id: a
            for a in PathAssignment.objects.filter(user=user, path__in=paths)
        }
    course_ids, quiz_ids, scenario_ids = set(), set(), set()
    for path in paths:
        course_ids |= {r.course_id for r in path.course_requirements.all()}
        quiz_ids |= {r.quiz_id for r in path.quiz_requirements.all()}
        scenario_ids |= {r.scenario_id for r in path.drill_requirements.all()}

    completions = dict(
        CourseCompletion.objects.filter(
            user=user, course_id__in=course_ids
        ).values_list("course_id", "completed_at")
    )
    attempts = defaultdict(list)
    rows = (
        Attempt.objects.finished()
        .filter(user=user, quiz_id__in=quiz_ids)
        .values_list("quiz_id", "score", "submitted_at")
    )
    for quiz_id, score, submitted_at in rows:
        attempts[quiz_id].append((score or 0.0, submitted_at))
    # Mirrors drills.selectors.drill_best_scores(mode=exam) (best score, any
    # pass, rush sessions included) with a "since" window for renewals.
    sessions = defaultdict(list)
    practice_passes = defaultdict(list)
    rows = (
        DrillSession.objects.finished()
        .filter(user=user, scenario_id__in=scenario_ids)
        .values_list("scenario_id", "mode", "score", "passed", "finished_at")
    )
    for scenario_id, mode, score, passed, finished_at in rows:
        if mode == Mode.EXAM:
            sessions[scenario_id].append((score or 0, passed, finished_at))
        elif passed:
            practice_passes[scenario_id].append(finished_at)

    result = {}
    for path in paths:
        assignment = assignments.get(path.id)
        windows = _Windows.of(assignment)
        progress = PathProgress(path=path, assignment=assignment)
        for req in path.course_requirements.all():
            since = windows.course_since(req.course_id)
            progress.requirements.append(
                Requirement(
                    kind=Kind.COURSE,
                    title=req.course.title,
                    obj=req.course,
                    done=_counts(completions.get(req.course_id), since),
                    redo=since is not None,
                )
            )
        for req in path.quiz_requirements.all():
            since = windows.quiz_since(req.quiz)
            target = req.min_score if req.min_score is not None else req.quiz.pass_mark
            scores = [s for s, at in attempts[req.quiz_id] if _counts(at, since)]
            best = max(scores, default=None)
            progress.requirements.append(
                Requirement(
                    kind=Kind.QUIZ,
                    title=req.quiz.title,
                    obj=req.quiz,
                    score=best,
                    target=target,
                    done=best is not None and best >= target,
                    redo=since is not None,
                )
            )
        drill_scores = []
        for req in path.drill_requirements.all():
            since = windows.assessments
            played = [
                (score, passed)
                for score, passed, at in sessions[req.scenario_id]
                if _counts(at, since)
            ]
            best = max((score for score, _passed in played), default=None)
            drill_scores.append(best or 0)
            done = any(passed for _score, passed in played)
            progress.requirements.append(
                Requirement(
                    kind=Kind.DRILL,
                    title=req.scenario.title,
                    obj=req.scenario,
                    score=best,
                    target=req.scenario.pass_score,
                    done=done,
                    counts=req.must_pass,
                    redo=since is not None,
                    practice_passed=not done
                    and any(
                        _counts(at, since) for at in practice_passes[req.scenario_id]
                    ),
                )
            )
        if path.drill_average_min is not None and drill_scores:
            # Unplayed drills count as 0: the average is over every listed drill.
            average = _mean(drill_scores)
            progress.requirements.append(
                Requirement(
                    kind=Kind.DRILL_AVERAGE,
                    title="",
                    score=average,
                    target=path.drill_average_min,
                    done=average >= path.drill_average_min,
                    redo=windows.assessments is not None,
                )
            )
        result[path.id] = progress
    return result


def path_progress(
    *, user, path: CertificationPath, assignment: PathAssignment | None = None
) -> PathProgress:
    path = with_requirements(CertificationPath.objects.filter(pk=path.pk)).get()
    assignments = {path.id: assignment} if assignment is not None else None
    return paths_progress(user=user, paths=[path], assignments=assignments)[path.id]
