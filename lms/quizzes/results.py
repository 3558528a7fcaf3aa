"""The result page of a finished attempt: score, pass/fail, per-question review."""

from __future__ import annotations

from lms.courses.models import LessonPage

from .models import Attempt, AttemptQuestion
from .review import may_show_answers, review_item
from .serialization import question_from_data


def lesson_links(refs: set[str]) -> dict[str, LessonPage]:
    """`course/lesson` refs → live lesson pages, in one query."""
    if not refs:
        return {}
    pages = LessonPage.objects.live().filter(
        slug__in={ref.split("/")[-1] for ref in refs}
    )
    links = {}
    for page in pages:
        parts = page.url_path.strip("/").split("/")
        ref = "/".join(parts[-2:])
        if ref in refs:
            links[ref] = page
    return links


def attempt_review(attempt: Attempt) -> dict:
    show = may_show_answers(attempt.review_policy, bool(attempt.passed))
    items = []
    for row in AttemptQuestion.objects.filter(attempt=attempt).order_by("position"):
        items.append(
            review_item(
                question_from_data(row.snapshot),
                position=row.position,
                response=row.response,
                fraction=row.fraction or 0.0,
                correct=bool(row.correct),
                show_answers=show,
            )
        )
    links = lesson_links({item.lesson_ref for item in items if item.lesson_ref})
    wrong_lessons = []
    for item in items:
        item.lesson = links.get(item.lesson_ref)
        if item.lesson and not item.correct and item.lesson not in wrong_lessons:
            wrong_lessons.append(item.lesson)
    return {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "items": items,
        "show_answers": show,
        "correct_count": sum(1 for item in items if item.correct),
        "review_lessons": wrong_lessons,
    }
