"""Deleting from the admin never takes learners' results with it.

Attempts keep the questions they were given (``on_delete=PROTECT``) and a quiz's
attempts would be deleted with it, so anything already answered is refused, with
a pointer to "Active" instead.
"""

from __future__ import annotations

from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.views import generic

from ..models import Attempt, AttemptQuestion


class GuardedDeleteView(generic.DeleteView):
    def answered_count(self) -> int:
        """How many answers or attempts the deletion would take away."""
        return 0

    def refusal(self, count: int) -> str:
        return _(
            "Learners have answered this in %(count)s attempts, so it cannot be "
            "deleted. Untick “Active” to retire it instead."
        ) % {"count": count}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if count := self.answered_count():
            messages.warning(self.request, self.refusal(count))
            context["is_protected"] = True
        return context

    def form_valid(self, form):
        if count := self.answered_count():
            messages.error(self.request, self.refusal(count))
            return redirect(self.get_success_url())
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(self.request, self.refusal(1))
            return redirect(self.get_success_url())


class QuestionDeleteView(GuardedDeleteView):
    def answered_count(self) -> int:
        return (
            AttemptQuestion.objects.filter(question=self.object)
            .values("attempt")
            .distinct()
            .count()
        )


class QuestionBankDeleteView(GuardedDeleteView):
    def answered_count(self) -> int:
        return (
            AttemptQuestion.objects.filter(question__bank=self.object)
            .values("attempt")
            .distinct()
            .count()
        )


class QuizDeleteView(GuardedDeleteView):
    def answered_count(self) -> int:
        return Attempt.objects.filter(quiz=self.object).count()
