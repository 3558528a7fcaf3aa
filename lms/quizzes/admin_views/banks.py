"""Question banks and their categories in the Wagtail admin.

A bank is not a ClusterableModel, so its categories have their own listing,
filtered by bank, rather than an inline panel.
"""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import QuestionBank, QuestionCategory
from .deletion import QuestionBankDeleteView
from .permissions import AllModelPermissionsMixin


class QuestionBankIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("course")
            .annotate(question_count=Count("questions", distinct=True))
            .prefetch_related("categories")
        )


def category_titles(bank: QuestionBank) -> str:
    return "、".join(category.title for category in bank.categories.all())


class QuestionBankViewSet(AllModelPermissionsMixin, ModelViewSet):
    model = QuestionBank
    name = "quiz_banks"
    url_prefix = "quizzes/banks"
    icon = "folder-open-inverse"
    menu_label = _("Question banks")
    menu_order = 100
    index_view_class = QuestionBankIndexView
    delete_view_class = QuestionBankDeleteView
    list_display = [
        "title",
        "slug",
        "course",
        Column("categories", label=_("Categories"), accessor=category_titles),
        Column("question_count", label=_("Questions"), sort_key="question_count"),
    ]
    search_fields = ["slug", "title"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("slug"),
            FieldPanel("course"),
            FieldPanel("source_path", read_only=True),
        ]
    )


class QuestionCategoryIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("bank")
            .annotate(question_count=Count("questions"))
        )


class QuestionCategoryViewSet(AllModelPermissionsMixin, ModelViewSet):
    model = QuestionCategory
    name = "quiz_categories"
    url_prefix = "quizzes/categories"
    icon = "tag"
    menu_label = _("Question categories")
    menu_order = 200
    index_view_class = QuestionCategoryIndexView
    list_display = [
        "title",
        "slug",
        "bank",
        Column("question_count", label=_("Questions"), sort_key="question_count"),
    ]
    list_filter = ["bank"]
    search_fields = ["slug", "title"]
    edit_handler = ObjectList(
        [FieldPanel("bank"), FieldPanel("slug"), FieldPanel("title")]
    )
