"""Read queries behind the HR roster and exports.

Everything is bulk: a page of 50 learners and a page of 5,000 cost the same
fixed number of aggregated queries (grouped by learner), never one per row.
Transcripts, the certificate registry and the charts have their own modules here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    DateTimeField,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Lower, NullIf
from django.utils import timezone

from lms.accounts.roles import LEARNER
from lms.assignments.status import Learner, overdue_counts
from lms.certification.models import CertificationPath
from lms.certification.status import PathStatus, path_statuses
from lms.courses.models import CoursePage, LessonProgress
from lms.courses.progress import lessons_by_course
from lms.drills.models import DrillSession
from lms.quizzes.models import Attempt, Quiz

from ..aggregation import is_stalled, mean_of_bests, percent
from ..gate import GoLiveGate, evaluate_gate
from .figures import learner_figures
from .paging import CountedPage

PER_PAGE = 50
# Stands in for "never" inside SQL so GREATEST() works the same on SQLite
# (where any NULL argument makes the result NULL) and PostgreSQL.
NEVER = datetime(2000, 1, 1, tzinfo=UTC)

SORTS = {
    "name": ("sort_name", "id"),
    "-name": ("-sort_name", "-id"),
    "progress": ("done_lessons", "sort_name", "id"),
    "-progress": ("-done_lessons", "sort_name", "id"),
    "activity": (F("last_activity").asc(nulls_first=True), "sort_name", "id"),
    "-activity": (F("last_activity").desc(nulls_last=True), "sort_name", "id"),
}


@dataclass(frozen=True)
class RosterFilters:
    cohort_id: int | None = None
    team_id: int | None = None
    path_id: int | None = None
    status: str = ""
    q: str = ""
    stalled: bool = False
    overdue: bool = False  # with an overdue assignment (lms/assignments)
    sort: str = "name"


@dataclass
class ReportScope:
    """What the figures are measured against."""

    paths: list[CertificationPath]  # the columns: the chosen path or every active one
    all_paths: list[CertificationPath]  # every active path (+ the chosen): the gate
    courses: list[CoursePage]
    lesson_ids: list[int]
    course_quizzes: list[Quiz]
    exams: list[Quiz]
    from_requirements: bool  # courses are the paths' required ones, not all
    # Every path, inactive ones too (the filter's choices), by slug.
    every_path: list[CertificationPath] = field(default_factory=list)

    @property
    def quizzes(self) -> list[Quiz]:
        return [*self.course_quizzes, *self.exams]


@dataclass(frozen=True)
class QuizScore:
    best: float
    passed: bool
    attempts: int


@dataclass
class RosterRow:
    user: object
    lessons_done: int
    lessons_total: int
    courses_done: int
    courses_total: int
    quiz_scores: list[QuizScore | None]  # in the order of scope.quizzes
    drill_average: float | None
    drills_played: int
    statuses: list[PathStatus]  # in the order of scope.paths
    last_activity: datetime | None
    stalled: bool
    gate: GoLiveGate
    course_quiz_scores: list[tuple[Quiz, QuizScore | None]] = field(
        default_factory=list
    )
    exam_scores: list[tuple[Quiz, QuizScore | None]] = field(default_factory=list)
    overdue: int = 0  # assignments past their due date, not done

    @property
    def progress(self) -> int:
        return percent(self.lessons_done, self.lessons_total)


@dataclass
class RosterPage:
    scope: ReportScope
    page: Page
    rows: list[RosterRow]


def learners() -> QuerySet:
    """Everyone the roster is about: active accounts in the learner group."""
    return get_user_model().objects.filter(is_active=True, groups__name=LEARNER)


def report_scope(path_id: int | None = None) -> ReportScope:
    """Courses, lessons and quizzes of the chosen path, or of every active path.

    Progress counts the live lessons of the paths' required courses; with no
    requirements anywhere it counts every live course. Quizzes are the courses'
    quizzes, the paths' required quizzes and (when no path names any) every
    active standalone exam.
    """
    every_path = list(
        CertificationPath.objects.prefetch_related(
            "course_requirements", "quiz_requirements", "drill_requirements"
        ).order_by("slug")
    )
    all_paths = [path for path in every_path if path.is_active or path.id == path_id]
    if path_id:
        paths = [path for path in all_paths if path.id == path_id]
    else:
        paths = [path for path in all_paths if path.is_active]
    course_ids = {
        requirement.course_id
        for path in paths
        for requirement in path.course_requirements.all()
    }
    courses = CoursePage.objects.live().order_by("path")
    if course_ids:
        courses = courses.filter(id__in=course_ids)
    courses = list(courses)
    lessons = lessons_by_course(courses)
    lesson_ids = [lesson.id for course in courses for lesson in lessons[course.id]]
    required_quiz_ids = {
        requirement.quiz_id
        for path in paths
        for requirement in path.quiz_requirements.all()
    }
    wanted = Q(is_active=True, course_id__in=[course.id for course in courses])
    wanted |= Q(id__in=required_quiz_ids)
    if not required_quiz_ids:
        wanted |= Q(is_active=True, course__isnull=True)
    quizzes = list(Quiz.objects.filter(wanted).order_by("slug"))
    course_order = {course.id: index for index, course in enumerate(courses)}
    course_quizzes = sorted(
        (quiz for quiz in quizzes if quiz.course_id),
        key=lambda quiz: (
            course_order.get(quiz.course_id, len(course_order)),
            quiz.slug,
        ),
    )
    return ReportScope(
        paths=paths,
        all_paths=all_paths,
        courses=courses,
        lesson_ids=lesson_ids,
        course_quizzes=course_quizzes,
        exams=[quiz for quiz in quizzes if not quiz.course_id],
        from_requirements=bool(course_ids),
        every_path=every_path,
    )


def _latest_of(model, field_name: str):
    newest = (
        model.objects.filter(user_id=OuterRef("pk"))
        .order_by()
        .values("user_id")
        .annotate(newest=Max(field_name))
        .values("newest")
    )
    return Coalesce(Subquery(newest), Value(NEVER), output_field=DateTimeField())


def annotate_roster(users: QuerySet, scope: ReportScope) -> QuerySet:
    """Lessons done (within the scope) and last activity, computed in SQL."""
    if scope.lesson_ids:
        done = (
            LessonProgress.objects.filter(
                user_id=OuterRef("pk"),
                completed_at__isnull=False,
                lesson_id__in=scope.lesson_ids,
            )
            .order_by()
            .values("user_id")
            .annotate(done=Count("id"))
            .values("done")
        )
        done_lessons = Coalesce(Subquery(done), Value(0), output_field=IntegerField())
    else:
        done_lessons = Value(0, output_field=IntegerField())
    newest = Greatest(
        _latest_of(LessonProgress, "last_viewed_at"),
        _latest_of(Attempt, "started_at"),
        _latest_of(Attempt, "submitted_at"),
        _latest_of(DrillSession, "started_at"),
        _latest_of(DrillSession, "finished_at"),
    )
    return users.annotate(
        done_lessons=done_lessons,
        last_activity=NullIf(newest, Value(NEVER, output_field=DateTimeField())),
        sort_name=Lower(Coalesce(NullIf("display_name", Value("")), "username")),
    )


def roster_queryset(filters: RosterFilters, scope: ReportScope) -> QuerySet:
    users = learners()
    if filters.cohort_id:
        users = users.filter(cohort_id=filters.cohort_id)
    if filters.team_id:
        users = users.filter(team_id=filters.team_id)
    if filters.q:
        q = filters.q.strip()
        users = users.filter(
            Q(display_name__icontains=q)
            | Q(username__icontains=q)
            | Q(employee_no__icontains=q)
        )
    users = annotate_roster(users, scope)
    return users.order_by(*SORTS.get(filters.sort, SORTS["name"]))


def joined_at(hire_date, date_joined) -> datetime | None:
    """When the learner's clock started: the hire date, else the account's."""
    if hire_date:
        return timezone.make_aware(datetime.combine(hire_date, time.min))
    return date_joined


def _matches(statuses: list[PathStatus], wanted: str) -> bool:
    return any(status.status == wanted for status in statuses)


def filtered_ids(
    filters: RosterFilters, scope: ReportScope, *, now: datetime
) -> list[int]:
    """Learner ids in roster order, after the filters only Python can apply.

    The status and "stalled" filters read certification standing, which lives
    in status.py; it is computed once for every candidate (a fixed number of
    queries), not per page.
    """
    users = roster_queryset(filters, scope)
    if not (filters.status or filters.stalled or filters.overdue):
        return list(users.values_list("id", flat=True))
    candidates = list(
        users.values_list("id", "last_activity", "hire_date", "date_joined")
    )
    if filters.overdue:
        candidates = _with_overdue(users, candidates, now=now)
    column_ids = {path.id for path in scope.paths}
    statuses = path_statuses([row[0] for row in candidates], paths=scope.paths, now=now)
    kept = []
    for user_id, last_activity, hire_date, date_joined in candidates:
        mine = [s for s in statuses.get(user_id, []) if s.path.id in column_ids]
        if filters.status and not _matches(mine, filters.status):
            continue
        if filters.stalled and not is_stalled(
            statuses=[s.status for s in mine],
            last_activity=last_activity,
            joined=joined_at(hire_date, date_joined),
            now=now,
        ):
            continue
        kept.append(user_id)
    return kept


def _with_overdue(users: QuerySet, candidates: list, *, now: datetime) -> list:
    """The candidates with an overdue assignment (two queries for all of them)."""
    learners = [
        Learner(*row)
        for row in users.values_list(
            "id", "team_id", "cohort_id", "hire_date", "date_joined"
        )
    ]
    late = {uid for uid, n in overdue_counts(learners, now=now).items() if n}
    return [row for row in candidates if row[0] in late]


def roster_page(
    filters: RosterFilters,
    page_number=1,
    *,
    per_page: int = PER_PAGE,
    now: datetime | None = None,
) -> RosterPage:
    """One page of the roster: a fixed number of queries whatever its size."""
    now = now or timezone.now()
    scope = report_scope(filters.path_id)
    if filters.status or filters.stalled or filters.overdue:
        ids = filtered_ids(filters, scope, now=now)
        page = Paginator(ids, per_page).get_page(page_number)
        rows = roster_rows(list(page.object_list), scope, now=now)
        return RosterPage(scope=scope, page=page, rows=rows)
    # No Python-side filter: the page's learners and the total in one query.
    users = roster_queryset(filters, scope).select_related("team", "cohort")
    page = CountedPage.fetch(users, page_number, per_page)
    by_id = {user.id: user for user in page.object_list}
    rows = roster_rows(list(by_id), scope, now=now, users=by_id)
    return RosterPage(scope=scope, page=page, rows=rows)


def iter_roster(
    filters: RosterFilters, *, chunk: int = 500, now: datetime | None = None
) -> tuple[ReportScope, Iterator[RosterRow]]:
    """Every row of a filtered roster, `chunk` learners at a time (exports)."""
    now = now or timezone.now()
    scope = report_scope(filters.path_id)
    ids = filtered_ids(filters, scope, now=now)

    def rows() -> Iterator[RosterRow]:
        for start in range(0, len(ids), chunk):
            yield from roster_rows(ids[start : start + chunk], scope, now=now)

    return scope, rows()


def roster_rows(
    user_ids: list[int],
    scope: ReportScope,
    *,
    now: datetime | None = None,
    users: dict | None = None,
) -> list[RosterRow]:
    """The figures of the given learners, in the given order (``users``: the
    same learners already fetched with their team and cohort, by id)."""
    now = now or timezone.now()
    if not user_ids:
        return []
    if users is None:
        users = get_user_model().objects.filter(id__in=user_ids)
        users = {user.id: user for user in users.select_related("team", "cohort")}
    figures = learner_figures(
        user_ids,
        lesson_ids=scope.lesson_ids,
        course_ids=[course.id for course in scope.courses],
        quiz_ids=[quiz.id for quiz in scope.quizzes],
    )
    done_lessons, last_activity = figures.lessons_done, figures.last_activity
    completions, drills, signed = (
        figures.courses_done,
        figures.drill_bests,
        figures.signed_off,
    )
    scores = {
        key: QuizScore(best=best.best, passed=best.passes > 0, attempts=best.attempts)
        for key, best in figures.quiz_bests.items()
    }
    statuses = path_statuses(user_ids, paths=scope.all_paths, now=now)
    overdue = overdue_counts(users.values(), now=now)
    column_ids = [path.id for path in scope.paths]
    threshold = settings.LMS_GOLIVE_DRILL_AVERAGE
    rows = []
    for user_id in user_ids:
        user = users.get(user_id)
        if user is None:
            continue
        by_path = {status.path.id: status for status in statuses.get(user_id, [])}
        columns = [by_path[path_id] for path_id in column_ids if path_id in by_path]
        average = mean_of_bests(drills.get(user_id, []))
        quiz_scores = [scores.get((user_id, quiz.id)) for quiz in scope.quizzes]
        row = RosterRow(
            user=user,
            lessons_done=done_lessons.get(user_id, 0),
            lessons_total=len(scope.lesson_ids),
            courses_done=completions.get(user_id, 0),
            courses_total=len(scope.courses),
            quiz_scores=quiz_scores,
            drill_average=average,
            drills_played=len(drills.get(user_id, [])),
            statuses=columns,
            last_activity=last_activity.get(user_id),
            stalled=is_stalled(
                statuses=[status.status for status in columns],
                last_activity=last_activity.get(user_id),
                joined=joined_at(user.hire_date, user.date_joined),
                now=now,
            ),
            gate=evaluate_gate(
                statuses=[
                    status.status
                    for status in by_path.values()
                    if status.path.is_active
                ],
                drill_average=average,
                threshold=threshold,
                signed_off=user_id in signed,
            ),
        )
        count = len(scope.course_quizzes)
        row.course_quiz_scores = list(
            zip(scope.course_quizzes, quiz_scores[:count], strict=True)
        )
        row.exam_scores = list(zip(scope.exams, quiz_scores[count:], strict=True))
        row.overdue = overdue.get(user_id, 0)
        rows.append(row)
    return rows
