"""A chooser for questions: the quiz form picks fixed questions with it."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser
from wagtail.admin.viewsets.chooser import ChooserViewSet

from ..models import Question, QuestionBank
from .questions import stem_excerpt


class QuestionChooserFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Id or text")}),
    )
    bank = forms.ModelChoiceField(
        label=gettext_lazy("Bank"), queryset=QuestionBank.objects.all(), required=False
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q")
        if query:
            objects = objects.filter(Q(qid__icontains=query) | Q(stem__icontains=query))
            self.is_searching, self.search_query = True, query
        if self.cleaned_data.get("bank"):
            objects = objects.filter(bank=self.cleaned_data["bank"])
        return objects


class QuestionChooseViewMixin:
    filter_form_class = QuestionChooserFilterForm
    per_page = 20

    def get_object_list(self):
        return Question.objects.active().select_related("bank")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("stem", label=gettext_lazy("Question"), accessor=stem_excerpt),
            Column("type", label=gettext_lazy("Type"), accessor="get_type_display"),
        ]


class QuestionChooseView(QuestionChooseViewMixin, chooser.ChooseView):
    pass


class QuestionChooseResultsView(QuestionChooseViewMixin, chooser.ChooseResultsView):
    pass


class QuestionChooserViewSet(ChooserViewSet):
    model = Question
    name = "quiz_question_chooser"
    url_prefix = "quizzes/question-chooser"
    icon = "help"
    choose_one_text = gettext_lazy("Choose a question")
    choose_another_text = gettext_lazy("Choose another question")
    edit_item_text = gettext_lazy("Edit this question")
    choose_view_class = QuestionChooseView
    choose_results_view_class = QuestionChooseResultsView
