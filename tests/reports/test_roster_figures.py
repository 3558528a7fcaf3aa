"""The roster's numbers, on data small enough to work out by hand."""

from datetime import date, timedelta

import pytest
import time_machine

from lms.reports.selectors import RosterFilters, roster_page
from tests.reports.helpers import (
    NOW,
    attempt,
    certificate,
    complete_course,
    drill,
    learner,
    view_lesson,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    """林 is half-way and idle for 10 days; 王 has not begun (hired 3 days ago);
    安 is certified and idle for 20 days. (安 < 林 < 王 in code points and pinyin,
    so the name order holds on SQLite and PostgreSQL collations alike.)"""
    lin = learner(world, "rep-lin", display_name="林晓雨", employee_no="KF001")
    wang = learner(
        world,
        "rep-wang",
        display_name="王可",
        hire_date=(NOW - timedelta(days=3)).date(),
    )
    an = learner(world, "rep-an", display_name="安然", hire_date=date(2026, 9, 1))
    idle = NOW - timedelta(days=10)
    complete_course(lin, world.course_a, world.lessons_a, at=idle - timedelta(days=2))
    view_lesson(lin, world.lessons_b[0], world.course_b, at=idle - timedelta(days=1))
    attempt(lin, world.quiz_a, 60, at=idle - timedelta(days=2))
    attempt(lin, world.quiz_a, 90, at=idle - timedelta(days=1))
    attempt(lin, world.exam, 70, at=idle - timedelta(hours=5))
    drill(lin, world.s1, 80, at=idle - timedelta(days=3))
    drill(lin, world.s1, 60, at=idle - timedelta(days=2))
    drill(lin, world.s2, 70, at=idle)
    certificate(an, world.path, issued_at=NOW - timedelta(days=20))
    drill(an, world.s1, 90, at=NOW - timedelta(days=20))
    return {"lin": lin, "wang": wang, "an": an}


def rows_by_username(filters=None):
    with time_machine.travel(NOW, tick=False):
        page = roster_page(filters or RosterFilters())
    return page, {row.user.username: row for row in page.rows}


def test_progress_counts_completed_lessons_of_the_required_courses(people):
    _page, rows = rows_by_username()
    lin = rows["rep-lin"]
    assert (lin.lessons_done, lin.lessons_total, lin.progress) == (3, 5, 60)
    assert (lin.courses_done, lin.courses_total) == (1, 2)
    assert rows["rep-wang"].progress == 0


def test_best_quiz_scores_are_per_course_quiz_and_final_exam(people):
    page, rows = rows_by_username()
    assert [quiz.slug for quiz in page.scope.course_quizzes] == ["rep-quiz-a"]
    assert [quiz.slug for quiz in page.scope.exams] == ["rep-final"]
    ((_quiz, course_best),) = rows["rep-lin"].course_quiz_scores
    ((_exam, exam_best),) = rows["rep-lin"].exam_scores
    assert (course_best.best, course_best.passed, course_best.attempts) == (90, True, 2)
    assert (exam_best.best, exam_best.passed) == (70, False)
    assert rows["rep-wang"].quiz_scores == [None, None]


def test_drill_average_is_the_mean_of_best_scores_per_scenario(people):
    _page, rows = rows_by_username()
    assert rows["rep-lin"].drill_average == 75.0  # (80 + 70) / 2
    assert rows["rep-lin"].drills_played == 2
    assert rows["rep-wang"].drill_average is None


def test_certification_status_per_path_comes_from_status_py(people):
    _page, rows = rows_by_username()
    assert [s.status for s in rows["rep-lin"].statuses] == ["in_progress"]
    assert [s.status for s in rows["rep-wang"].statuses] == ["not_started"]
    assert [s.status for s in rows["rep-an"].statuses] == ["certified"]


def test_last_activity_is_the_latest_lesson_view_attempt_or_drill(people):
    _page, rows = rows_by_username()
    assert rows["rep-lin"].last_activity == NOW - timedelta(days=10)
    assert rows["rep-wang"].last_activity is None


def test_stalled_means_a_week_without_activity_while_not_certified(people):
    _page, rows = rows_by_username()
    assert rows["rep-lin"].stalled  # idle 10 days, not certified
    assert not rows["rep-wang"].stalled  # hired 3 days ago
    assert not rows["rep-an"].stalled  # idle 20 days but certified


def test_a_new_hire_who_never_started_is_stalled_after_a_week(people):
    with time_machine.travel(NOW + timedelta(days=5), tick=False):
        rows = {row.user.username: row for row in roster_page(RosterFilters()).rows}
    assert rows["rep-wang"].stalled


def test_the_roster_page_shows_the_figures(client, hr, people):
    client.force_login(hr)
    with time_machine.travel(NOW, tick=False):
        html = client.get("/hr/").content.decode()
    assert "林晓雨" in html and "KF001" in html
    assert "60%" in html and "3/5" in html
    assert "75" in html  # drill average
    assert "flag--stalled" in html
    assert "status--certified" in html and "status--in_progress" in html


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["rep-an", "rep-lin", "rep-wang"]),
        ("-progress", ["rep-lin", "rep-an", "rep-wang"]),
        ("-activity", ["rep-lin", "rep-an", "rep-wang"]),
        ("activity", ["rep-wang", "rep-an", "rep-lin"]),
    ],
)
def test_the_roster_sorts_by_name_progress_and_last_activity(people, sort, expected):
    page, _rows = rows_by_username(RosterFilters(sort=sort))
    assert [row.user.username for row in page.rows] == expected
