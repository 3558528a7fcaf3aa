"""Database banks → Bank dataclasses → GIFT text."""

from __future__ import annotations

from .gift import GiftExport, export_gift
from .models import QuestionBank
from .questions import Bank, Category
from .serialization import question_from_data


def bank_definition(bank: QuestionBank) -> Bank:
    return Bank(
        slug=bank.slug,
        title=bank.title,
        course=bank.course.slug if bank.course else None,
        categories=tuple(Category(c.slug, c.title) for c in bank.categories.all()),
        questions=tuple(
            question_from_data(q.data)
            for q in bank.questions.filter(is_active=True).order_by("qid")
        ),
    )


def bank_export_gift(*, slug: str) -> GiftExport:
    bank = QuestionBank.objects.select_related("course").get(slug=slug)
    return export_gift(bank_definition(bank))
