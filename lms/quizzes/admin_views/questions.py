"""Questions in the Wagtail admin: listing, filters, the YAML-backed edit form
and the learner-eye preview."""

from __future__ import annotations

import django_filters
from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from ..models import Question, QuestionBank, QuestionCategory
from .deletion import QuestionDeleteView
from .permissions import AllModelPermissionsMixin
from .preview import QuestionPreviewView
from .question_form import QuestionForm


def stem_excerpt(question: Question) -> str:
    return Truncator(" ".join(question.stem.split())).chars(60)


def category_title(question: Question) -> str:
    return question.category.title if question.category else "—"


class QuestionFilterSet(WagtailFilterSet):
    bank = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Bank"), queryset=QuestionBank.objects.all()
    )
    category = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Category"),
        queryset=QuestionCategory.objects.select_related("bank"),
    )

    class Meta:
        model = Question
        fields = ["bank", "category", "type", "difficulty", "is_active"]


class QuestionIndexView(generic.IndexView):
    preview_url_name: str | None = None

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("bank", "category")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                _("Preview"),
                url=reverse(self.preview_url_name, args=(instance.pk,)),
                icon_name="view",
                priority=15,
            )
        )
        return buttons


class QuestionEditView(generic.EditView):
    preview_url_name: str | None = None

    @property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(
                _("Preview"),
                url=reverse(self.preview_url_name, args=(self.object.pk,)),
                icon_name="view",
                priority=5,
            ),
        ]


class QuestionViewSet(AllModelPermissionsMixin, ModelViewSet):
    model = Question
    name = "quiz_questions"
    url_prefix = "quizzes/questions"
    icon = "help"
    menu_label = gettext_lazy("Questions")
    menu_order = 300
    index_view_class = QuestionIndexView
    edit_view_class = QuestionEditView
    delete_view_class = QuestionDeleteView
    # A copy would carry the original's stable id; new questions start empty.
    copy_view_enabled = False
    list_per_page = 50
    list_display = [
        "qid",
        Column("stem", label=gettext_lazy("Question"), accessor=stem_excerpt),
        "type",
        "bank",
        Column("category", label=gettext_lazy("Category"), accessor=category_title),
        "difficulty",
        BooleanColumn("is_active", label=gettext_lazy("Active")),
        DateColumn("updated_at", label=gettext_lazy("Updated"), sort_key="updated_at"),
    ]
    filterset_class = QuestionFilterSet
    search_fields = ["qid", "stem", "tags", "lesson_ref"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("qid"), FieldPanel("type")]),
                    FieldRowPanel([FieldPanel("bank"), FieldPanel("category")]),
                    FieldRowPanel([FieldPanel("difficulty"), FieldPanel("is_active")]),
                ],
                heading=gettext_lazy("Id and classification"),
            ),
            FieldPanel("stem"),
            FieldPanel("spec"),
            FieldPanel("explanation"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("tags"), FieldPanel("lesson_ref")]),
                    FieldPanel("image"),
                ],
                heading=gettext_lazy("Tags, lesson and image"),
            ),
        ],
        base_form_class=QuestionForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            preview_url_name=self.get_url_name("preview"), **kwargs
        )

    @property
    def preview_view(self):
        return self.construct_view(QuestionPreviewView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("preview/<int:pk>/", self.preview_view, name="preview"),
        ]
