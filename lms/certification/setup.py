"""What `lms quickstart` does for certification: the two 上岗认证 paths.

Idempotent: a path is created once and its requirement lists are filled in when
empty; what does not exist (a course not imported, a drill not loaded) is
skipped. Paths edited in the admin are left as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .models import (
    CertificationPath,
    PathCourseRequirement,
    PathDrillRequirement,
    PathQuizRequirement,
)


@dataclass(frozen=True)
class PathSpec:
    slug: str
    title: str
    description: str
    courses: tuple[str, ...]
    drills: tuple[str, ...]
    drill_average_min: int | None = None
    exam: str = "final-exam"
    exam_min: int = 85


COMMON = ("role", "qianniu", "platform-rules", "communication")

PATHS = (
    PathSpec(
        slug="presales",
        title="售前客服上岗认证",
        description="接待咨询、推荐商品、促成下单的售前客服上岗前须通过的全部课程、测验与实战演练。",
        courses=(*COMMON, "product"),
        drills=(
            "greeting-product",
            "size-recommendation",
            "bargaining",
            "shipping-free",
        ),
        drill_average_min=75,
    ),
    PathSpec(
        slug="aftersales",
        title="售后客服上岗认证",
        description="处理物流、退换货、退款与评价问题的售后客服上岗前须通过的全部课程、测验与实战演练。",
        courses=(*COMMON, "aftersales"),
        drills=(
            "logistics-delay",
            "damaged-goods",
            "return-exchange",
            "refund-only",
            "review-threat",
        ),
    ),
)


@transaction.atomic
def ensure_paths(specs=PATHS) -> list[str]:
    from lms.courses.models import CoursePage
    from lms.drills.models import Scenario
    from lms.quizzes.models import Quiz

    notes = []
    for spec in specs:
        path, created = CertificationPath.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "title": spec.title,
                "description": spec.description,
                "drill_average_min": spec.drill_average_min,
            },
        )
        # Page slugs are unique among siblings only: the first in the tree wins.
        by_slug = {}
        for page in CoursePage.objects.filter(slug__in=spec.courses).order_by("path"):
            by_slug.setdefault(page.slug, page)
        courses = [by_slug[slug] for slug in spec.courses if slug in by_slug]
        added = 0
        if not path.course_requirements.exists():
            for order, course in enumerate(courses):
                PathCourseRequirement.objects.create(
                    path=path, course=course, sort_order=order
                )
                added += 1
        if not path.quiz_requirements.exists():
            quizzes = list(Quiz.objects.filter(course__in=courses).order_by("slug"))
            order_of = {course.pk: i for i, course in enumerate(courses)}
            quizzes.sort(key=lambda quiz: order_of[quiz.course_id])
            for order, quiz in enumerate(quizzes):
                PathQuizRequirement.objects.create(
                    path=path, quiz=quiz, sort_order=order
                )
                added += 1
            exam = Quiz.objects.filter(slug=spec.exam).first()
            if exam is not None:
                PathQuizRequirement.objects.create(
                    path=path,
                    quiz=exam,
                    min_score=spec.exam_min,
                    sort_order=len(quizzes),
                )
                added += 1
        if not path.drill_requirements.exists():
            scenarios = Scenario.objects.in_bulk(spec.drills, field_name="slug")
            for order, slug in enumerate(spec.drills):
                if slug in scenarios:
                    PathDrillRequirement.objects.create(
                        path=path, scenario=scenarios[slug], sort_order=order
                    )
                    added += 1
        if created or added:
            notes.append(f"{spec.slug} {'+' if created else '~'}{added}")
    return notes


def quickstart_steps(base_dir: Path):
    def run() -> str:
        notes = ensure_paths()
        total = CertificationPath.objects.count()
        changed = ", ".join(notes) if notes else "unchanged"
        return f"{total} certification paths ({changed})"

    return [("认证路径 / certification paths", run)]
