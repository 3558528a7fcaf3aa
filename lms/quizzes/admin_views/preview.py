"""A question as the learner sees it, then (for the trainer) its answer key."""

from __future__ import annotations

import random

from django.utils.translation import gettext_lazy as _

from ..models import Question
from ..presentation import display_question, make_layout
from .object_page import ObjectPageView


def learner_display(question: Question):
    """What the learner's question partial gets: unshuffled, unanswered, first."""
    definition = question.definition
    layout = make_layout(definition, random.Random(0), shuffle=False)
    return display_question(definition, layout, None, 1)


class QuestionPreviewView(ObjectPageView):
    model = Question
    page_title = _("Preview")
    template_name = "quizzes/admin/question_preview.html"
    header_icon = "view"

    def get_queryset(self):
        return Question.objects.select_related("bank", "category", "image")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["definition"] = self.object.definition
        context["display"] = learner_display(self.object)
        return context
