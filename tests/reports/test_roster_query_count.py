"""The roster costs a fixed number of queries, however many learners there are."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.accounts.roles import LEARNER
from lms.certification.models import Certificate, GoLiveSignOff, PathAssignment
from lms.courses.models import CourseCompletion, LessonProgress
from lms.drills.models import DrillSession
from lms.quizzes.models import Attempt
from tests.reports.helpers import NOW

pytestmark = pytest.mark.django_db

# Session, user and groups (3), the scope (7), the page (2, or 6 with a status
# filter), the figures (15), header and filter choices (6): none per learner.
MAX_QUERIES = 38


def add_learners(world, count: int, start: int = 0) -> None:
    """`count` learners with lessons, attempts, drills and certificates, in bulk."""
    User = get_user_model()
    users = User.objects.bulk_create(
        User(
            username=f"rep-bulk-{n:05d}",
            display_name=f"学员{n:05d}",
            employee_no=f"B{n:05d}",
            cohort=world.cohort if n % 2 else world.other_cohort,
            team=world.team if n % 3 else world.other_team,
            password="!",
        )
        for n in range(start, start + count)
    )
    users = list(User.objects.filter(username__startswith="rep-bulk-").order_by("id"))
    users = users[start : start + count]
    group = Group.objects.get(name=LEARNER)
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=user.id, group_id=group.id) for user in users
    )
    lessons = world.lessons_a
    LessonProgress.objects.bulk_create(
        LessonProgress(
            user=user,
            lesson=lesson,
            course=world.course_a,
            completed_at=NOW - timedelta(days=n % 9),
        )
        for n, user in enumerate(users)
        for lesson in lessons[: 1 + n % 3]
    )
    CourseCompletion.objects.bulk_create(
        CourseCompletion(user=user, course=world.course_a)
        for n, user in enumerate(users)
        if n % 3 == 2
    )
    Attempt.objects.bulk_create(
        Attempt(
            quiz=quiz,
            user=user,
            number=1,
            status="submitted",
            started_at=NOW - timedelta(days=n % 11),
            submitted_at=NOW - timedelta(days=n % 11),
            score=50 + n % 50,
            passed=50 + n % 50 >= 80,
            pass_mark=80,
            review_policy="immediate",
        )
        for n, user in enumerate(users)
        for quiz in (world.quiz_a, world.exam)
    )
    DrillSession.objects.bulk_create(
        DrillSession(
            user=user,
            scenario=scenario,
            version=scenario.versions.get(),
            mode="practice",
            status="finished",
            started_at=NOW - timedelta(days=n % 13),
            finished_at=NOW - timedelta(days=n % 13),
            score=60 + n % 40,
            passed=True,
        )
        for n, user in enumerate(users)
        for scenario in (world.s1, world.s2)
    )
    Certificate.objects.bulk_create(
        Certificate(
            serial=f"KF-B{user.id:06d}",
            verification_code=f"bulk-{user.id}",
            user=user,
            path=world.path,
            path_version=1,
            holder_name=user.display_name,
            path_title=world.path.title,
            issued_at=NOW - timedelta(days=n % 400),
            expires_at=NOW + timedelta(days=365 - n % 400),
        )
        for n, user in enumerate(users)
        if n % 4 == 0
    )
    PathAssignment.objects.bulk_create(
        PathAssignment(user=user, path=world.path, needs_recertification=n % 17 == 0)
        for n, user in enumerate(users)
    )
    GoLiveSignOff.objects.bulk_create(
        GoLiveSignOff(user=user) for n, user in enumerate(users) if n % 5 == 0
    )


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "path",
    [
        "/hr/",
        "/hr/?sort=-progress",
        "/hr/?sort=-activity&cohort={cohort}",
        "/hr/?status=certified",
        "/hr/?stalled=on&path={path}",
    ],
)
def test_the_roster_uses_as_many_queries_for_1000_learners_as_for_10(
    client, hr, world, django_assert_max_num_queries, path
):
    path = path.format(cohort=world.cohort.pk, path=world.path.pk)
    client.force_login(hr)
    add_learners(world, 10)
    few = count_queries(client, path)
    add_learners(world, 990, start=10)
    assert get_user_model().objects.filter(groups__name=LEARNER).count() == 1000
    with django_assert_max_num_queries(MAX_QUERIES):
        many = count_queries(client, path)
    assert many == few


def test_an_export_reads_in_chunks_not_per_learner(
    world, django_assert_max_num_queries
):
    from lms.reports.exports import roster_table
    from lms.reports.selectors import RosterFilters

    add_learners(world, 1000)
    with django_assert_max_num_queries(60):  # ~15 per chunk of 500 learners
        header, rows = roster_table(RosterFilters())
        assert len(list(rows)) == 1000
    assert len(header) > 10
