"""The admin form of a quiz: its settings plus fixed questions and random draws.

The draws are checked like ``formats.yaml`` checks quizzes.yaml: the category
must belong to the bank, and a bank or category must hold enough active
questions (fixed ones left out) for what is drawn from it.
"""

from __future__ import annotations

from collections import Counter

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from ..models import Question, QuestionCategory

FIXED, DRAWS = "fixed_questions", "random_draws"


def _kept(formset) -> list:
    """Child forms that will be saved: filled in and not marked for deletion."""
    return [
        form
        for form in formset.forms
        if form.is_valid()
        and not form.cleaned_data.get("DELETE")
        and (form.instance.pk or form.has_changed())
    ]


class QuizForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        draws = self.formsets.get(DRAWS)
        if draws is not None and "category" in draws.form.base_fields:
            # Category labels name their bank: fetch banks with them, not per option.
            draws.form.base_fields[
                "category"
            ].queryset = QuestionCategory.objects.select_related("bank")

    def clean(self):
        cleaned = super().clean()
        if not self.formsets:
            return cleaned
        fixed = [form.cleaned_data["question"] for form in _kept(self.formsets[FIXED])]
        draws = _kept(self.formsets[DRAWS])
        if cleaned.get("is_active") and not fixed and not draws:
            raise ValidationError(
                _("An active quiz needs fixed questions, random draws or both.")
            )
        self._check_draws(draws, {question.pk for question in fixed})
        return cleaned

    def _check_draws(self, draws: list, fixed_ids: set[int]) -> None:
        requested: Counter[tuple[int, int | None]] = Counter()
        for form in draws:
            bank, category = form.cleaned_data["bank"], form.cleaned_data["category"]
            if category is not None and category.bank_id != bank.pk:
                form.add_error(
                    "category",
                    _("This category belongs to another bank (%(bank)s).")
                    % {"bank": category.bank.slug},
                )
                continue
            key = (bank.pk, category.pk if category else None)
            requested[key] += form.cleaned_data["count"]
            pool = Question.objects.active().filter(bank=bank).exclude(pk__in=fixed_ids)
            if category is not None:
                pool = pool.filter(category=category)
            available = pool.count()
            if requested[key] > available:
                form.add_error(
                    "count",
                    _(
                        "Asks for %(count)s questions, but %(where)s holds only "
                        "%(available)s active ones (fixed questions left out)."
                    )
                    % {
                        "count": requested[key],
                        "where": f"{bank.slug}/{category.slug}"
                        if category
                        else bank.slug,
                        "available": available,
                    },
                )

    def save(self, commit=True):
        # The inline panels cannot reorder these rows, so new ones go last.
        for name in (FIXED, DRAWS):
            formset = self.formsets.get(name)
            if formset is None:
                continue
            start = (
                formset.model.objects.filter(quiz=self.instance.pk).aggregate(
                    last=Max("sort_order")
                )["last"]
                if self.instance.pk
                else None
            )
            position = -1 if start is None else start
            for form in formset.extra_forms:
                position += 1
                form.instance.sort_order = position
        return super().save(commit=commit)
