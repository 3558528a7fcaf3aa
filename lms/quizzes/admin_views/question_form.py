"""The admin form of a question: common fields plus the answer part in YAML."""

from __future__ import annotations

from dataclasses import replace

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import FilteredSelect

from ..formats.yaml import TYPE_FIELDS, check_lesson_refs
from ..importing import data_hash, known_lessons
from ..models import QuestionBank, QuestionCategory
from ..questions import Bank
from ..serialization import question_to_data
from .question_source import (
    SPEC_FIELD,
    CommonFields,
    read_question,
    spec_text,
    split_tags,
    unsupported_features,
)

SPEC_HELP = gettext_lazy(
    "The type-specific part, written exactly as in a bank file: options (single, "
    "multiple, scenario; plus scoring for multiple), answer (truefalse), answers "
    "(short), items (ordering, in the correct order) or pairs (matching)."
)
SPEC_PLACEHOLDER = """options:
  - {text: "…", correct: true}
  - {text: "…", correct: false, feedback: "…"}
  - {text: "…", correct: false}"""


class QuestionForm(WagtailAdminModelForm):
    spec = forms.CharField(
        label=gettext_lazy("Answer part (YAML)"),
        help_text=SPEC_HELP,
        required=False,
        strip=False,
        widget=forms.Textarea(
            attrs={
                "rows": 12,
                "spellcheck": "false",
                "placeholder": SPEC_PLACEHOLDER,
                "style": "font-family: monospace",
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = None
        self.unsupported: list[str] = []
        existing = self.instance.pk is not None
        if existing:
            current = self.instance.definition
            self.unsupported = unsupported_features(current)
            self.fields["qid"].disabled = True
            self.fields["qid"].help_text = _("The stable id; it cannot change.")
            self.initial.setdefault(SPEC_FIELD, spec_text(current))
        if "type" in self.fields:
            self.fields["type"].choices = [
                (value, label)
                for value, label in self.fields["type"].choices
                if value in TYPE_FIELDS or (existing and value == self.instance.type)
            ]
        for name in ("difficulty", "lesson_ref", "explanation"):
            if name in self.fields:  # the bank format requires them
                self.fields[name].required = True
        if "category" in self.fields and "bank" in self.fields:
            self._limit_categories_to_bank()

    def _limit_categories_to_bank(self):
        """Offer only the chosen bank's categories (Wagtail's filtered select)."""
        field = self.fields["category"]
        field.queryset = QuestionCategory.objects.select_related("bank")
        field.widget = FilteredSelect(filter_field=self["bank"].auto_id)
        field.widget.choices = [("", "---------")] + [
            (c.pk, f"{c.bank.slug} / {c.title}", [c.bank_id]) for c in field.queryset
        ]

    def clean(self):
        cleaned = super().clean()
        if self.unsupported:
            raise ValidationError(
                _(
                    "This question uses what the bank format cannot hold (%(what)s); "
                    "edit it in its source file and import it again."
                )
                % {"what": ", ".join(self.unsupported)}
            )
        bank: QuestionBank | None = cleaned.get("bank")
        if bank is None:
            return cleaned
        category = cleaned.get("category")
        if category is not None and category.bank_id != bank.pk:
            self.add_error(
                "category",
                _("This category belongs to another bank (%(bank)s).")
                % {"bank": category.bank.slug},
            )
            category = None
        common = CommonFields(
            qid=cleaned.get("qid") or "",
            bank=bank.slug,
            type=cleaned.get("type") or "",
            category=category.slug if category else "",
            difficulty=cleaned.get("difficulty") or "",
            tags=split_tags(cleaned.get("tags") or ""),
            lesson=cleaned.get("lesson_ref") or "",
            stem=cleaned.get("stem") or "",
            explanation=cleaned.get("explanation") or "",
        )
        result = read_question(
            common,
            cleaned.get(SPEC_FIELD) or "",
            categories={category.slug: category.title} if category else {},
            check_id=self.instance.pk is None,
        )
        self._add_problems([(p.field, p.message) for p in result.problems])
        if result.question is None:
            return cleaned
        question = result.question
        if self.instance.pk is not None:
            # The image path of an imported question is kept; the admin's own
            # image is the Wagtail image field.
            question = replace(question, image=self.instance.definition.image)
        self._check_lesson(question)
        self.definition = question
        cleaned.update(
            stem=question.stem,
            explanation=question.explanation,
            tags=", ".join(question.tags),
            lesson_ref=question.lesson or "",
        )
        return cleaned

    def _add_problems(self, problems: list[tuple[str | None, str]]) -> None:
        # A field whose own validation already failed has said what is wrong.
        failed = {name for name in self.fields if self.has_error(name)}
        for name, message in problems:
            if name is not None and name not in self.fields:
                name = None
            if name not in failed:
                self.add_error(name, message)

    def _check_lesson(self, question) -> None:
        if not question.lesson:
            return
        lessons = known_lessons()
        if not lessons:  # courses not imported yet: only the shape is checked
            return
        bank = Bank(slug="admin", title="admin", questions=(question,))
        self._add_problems(
            [
                ("lesson_ref", problem.message.split(": ", 1)[-1])
                for problem in check_lesson_refs([bank], lessons)
            ]
        )

    def save(self, commit=True):
        if self.definition is not None:
            data = question_to_data(self.definition)
            self.instance.data = data
            self.instance.content_hash = data_hash(data)
        return super().save(commit=commit)
