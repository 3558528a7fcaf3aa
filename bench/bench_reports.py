"""How long the HR roster page and the exports take for 1,000 and 5,000 learners.

    .venv/bin/python bench/bench_reports.py                 # 1,000 then 5,000
    .venv/bin/python bench/bench_reports.py --learners 2000

Runs against a fresh SQLite database in a temporary folder (or the database in
DATABASE_URL when set). Each learner has lesson progress, two quiz attempts, two
drill sessions; a quarter hold a certificate. The page is fetched through
Django's test client as an HR user (median of 5, after one warm-up), so the
figures include the template; exports are the task's work (export_run).
"""

import argparse
import statistics
import time
from datetime import timedelta

from benchenv import setup_django  # first: puts the repository on sys.path


def build_curriculum():
    from lms.accounts.models import Cohort, Team
    from lms.certification.models import (
        CertificationPath,
        PathCourseRequirement,
        PathDrillRequirement,
        PathQuizRequirement,
    )
    from lms.courses.models import CoursePage, LessonPage
    from lms.courses.site_tree import ensure_site_tree
    from lms.drills.models import Scenario, ScenarioVersion
    from lms.quizzes.models import Quiz

    _home, index = ensure_site_tree()
    path = CertificationPath.objects.create(slug="bench", title="售前客服上岗认证")
    courses = []
    for number in range(1, 6):
        course = index.add_child(
            instance=CoursePage(
                title=f"课程{number}",
                slug=f"bench-{number}",
                summary="-",
                track="tools",
            )
        )
        for lesson in range(1, 7):
            course.add_child(
                instance=LessonPage(title=f"第{lesson}课", slug=f"l{lesson}", body=[])
            )
        PathCourseRequirement.objects.create(path=path, course=course)
        quiz = Quiz.objects.create(slug=f"bench-q{number}", title=f"测验{number}",
                                   course=course)  # fmt: skip
        PathQuizRequirement.objects.create(path=path, quiz=quiz)
        courses.append(course)
    exam = Quiz.objects.create(slug="bench-final", title="期末考试", pass_mark=85)
    PathQuizRequirement.objects.create(path=path, quiz=exam)
    scenarios = []
    for slug in ("bench-s1", "bench-s2", "bench-s3"):
        scenario = Scenario.objects.create(
            slug=slug, title=slug, track="presales", mood="calm", pass_score=70,
            source="", content_hash=slug,
        )  # fmt: skip
        ScenarioVersion.objects.create(scenario=scenario, content_hash=slug, source="")
        PathDrillRequirement.objects.create(path=path, scenario=scenario)
        scenarios.append(scenario)
    cohorts = [Cohort.objects.create(name=f"2026年{m}月批") for m in (9, 10, 11)]
    teams = [Team.objects.create(name=f"客服{n}组") for n in "一二三"]
    return (
        path,
        courses,
        [exam, *Quiz.objects.exclude(pk=exam.pk)],
        scenarios,
        (
            cohorts,
            teams,
        ),
    )


def add_learners(count: int, start: int, world) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from lms.accounts.roles import LEARNER
    from lms.certification.models import Certificate
    from lms.courses.models import LessonPage, LessonProgress
    from lms.drills.models import DrillSession
    from lms.quizzes.models import Attempt

    path, courses, quizzes, scenarios, (cohorts, teams) = world
    now = timezone.now()
    User = get_user_model()
    names = [f"bench-{n:06d}" for n in range(start, start + count)]
    User.objects.bulk_create(
        User(
            username=name,
            display_name=f"学员{n:06d}",
            employee_no=f"KF{n:06d}",
            cohort=cohorts[n % 3],
            team=teams[n % 3],
            password="!",
        )
        for n, name in zip(range(start, start + count), names, strict=True)
    )
    users = list(User.objects.filter(username__in=names).order_by("id"))
    group = Group.objects.get(name=LEARNER)
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=u.id, group_id=group.id) for u in users
    )
    lessons = list(LessonPage.objects.child_of(courses[0]))
    LessonProgress.objects.bulk_create(
        (
            LessonProgress(
                user=u,
                lesson=lesson,
                course=courses[0],
                completed_at=now - timedelta(days=n % 20),
            )  # fmt: skip
            for n, u in enumerate(users)
            for lesson in lessons[: n % 6 + 1]
        ),
        batch_size=2000,
    )
    Attempt.objects.bulk_create(
        (
            Attempt(
                quiz=quiz,
                user=u,
                number=1,
                status="submitted",
                started_at=now - timedelta(days=n % 30),
                submitted_at=now - timedelta(days=n % 30),
                score=40 + n % 60,
                passed=40 + n % 60 >= 80,
                pass_mark=80,
                review_policy="immediate",
            )  # fmt: skip
            for n, u in enumerate(users)
            for quiz in quizzes[:2]
        ),
        batch_size=2000,
    )
    DrillSession.objects.bulk_create(
        (
            DrillSession(
                user=u,
                scenario=s,
                version=s.versions.first(),
                mode="practice",
                status="finished",
                started_at=now - timedelta(days=n % 25),
                finished_at=now - timedelta(days=n % 25),
                score=50 + n % 50,
                passed=True,
            )  # fmt: skip
            for n, u in enumerate(users)
            for s in scenarios[:2]
        ),
        batch_size=2000,
    )
    Certificate.objects.bulk_create(
        Certificate(
            serial=f"B{u.id:08d}",
            verification_code=f"bench{u.id}",
            user=u,
            path=path,
            path_version=1,
            holder_name=u.display_name,
            path_title=path.title,
            issued_at=now - timedelta(days=n % 400),
            expires_at=now + timedelta(days=365 - n % 400),
        )  # fmt: skip
        for n, u in enumerate(users)
        if n % 4 == 0
    )


def timed(run, repeat: int = 5) -> tuple[float, object]:
    run()  # warm-up
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", default="1000,5000")
    args = parser.parse_args()
    tmp = setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tests.factories import HRFactory

    settings.MEDIA_ROOT = tmp / "media"
    from lms.reports.exports import export_run
    from lms.reports.models import ExportJob

    world = build_curriculum()
    hr = HRFactory(username="bench-hr")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(hr)
    have = 0
    print(f"database: {connection.vendor}")
    for target in [int(n) for n in args.learners.split(",")]:
        add_learners(target - have, have, world)
        have = target
        for label, path in (
            ("roster page", "/hr/"),
            ("roster, sorted by last activity", "/hr/?sort=-activity"),
            ("roster, status filter", "/hr/?status=certified"),
        ):

            def fetch(path=path):
                response = client.get(path)
                assert response.status_code == 200, response.status_code
                return response

            seconds, _ = timed(fetch)
            with CaptureQueriesContext(connection) as queries:
                fetch()
            print(
                f"{target:>6} learners  {label:<34} {seconds * 1000:7.0f} ms"
                f"  ({len(queries.captured_queries)} queries)"
            )
        for kind in ("roster_csv", "roster_xlsx", "registry_csv"):

            def export(kind=kind):
                job = ExportJob.objects.create(requested_by=hr, kind=kind)
                return export_run(job_id=str(job.pk))

            seconds, rows = timed(export, repeat=1)
            print(
                f"{target:>6} learners  export {kind:<27} {seconds * 1000:7.0f} ms"
                f"  ({rows} rows)"
            )


if __name__ == "__main__":
    main()
