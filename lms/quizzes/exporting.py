"""Database banks → Bank dataclasses → GIFT or Moodle XML text."""

from __future__ import annotations

from typing import Literal

from .formats.gift import GiftExport, export_gift
from .formats.moodle_xml import MoodleXmlExport, export_moodle_xml
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


def bank_export(
    *, slug: str, file_format: Literal["gift", "xml"] = "gift"
) -> GiftExport | MoodleXmlExport:
    """The bank ``slug`` as a file; raises ``QuestionBank.DoesNotExist``."""
    bank = QuestionBank.objects.select_related("course").get(slug=slug)
    writer = export_moodle_xml if file_format == "xml" else export_gift
    return writer(bank_definition(bank))
