"""Quizzes in the Wagtail admin: settings, fixed questions and random draws
inline, and a statistics page per quiz."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from ..models import Attempt, Quiz, QuizFixedQuestion, QuizRandomDraw
from .deletion import QuizDeleteView
from .permissions import AllModelPermissionsMixin
from .quiz_form import QuizForm
from .stats import QuizStatsView


def _per_quiz(queryset, value):
    """A correlated subquery: ``value`` aggregated over ``queryset`` per quiz."""
    return Coalesce(
        Subquery(
            queryset.filter(quiz=OuterRef("pk"))
            .order_by()
            .values("quiz")
            .annotate(total=value)
            .values("total"),
            output_field=IntegerField(),
        ),
        0,
    )


class QuizIndexView(generic.IndexView):
    stats_url_name: str | None = None

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("course")
            .annotate(
                fixed_count=_per_quiz(QuizFixedQuestion.objects.all(), Count("id")),
                drawn_count=_per_quiz(QuizRandomDraw.objects.all(), Sum("count")),
                finished_count=_per_quiz(Attempt.objects.finished(), Count("id")),
            )
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                _("Statistics"),
                url=reverse(self.stats_url_name, args=(instance.pk,)),
                icon_name="table",
                priority=15,
            )
        )
        return buttons


class QuizEditView(generic.EditView):
    stats_url_name: str | None = None

    @property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(
                _("Statistics"),
                url=reverse(self.stats_url_name, args=(self.object.pk,)),
                icon_name="table",
                priority=5,
            ),
        ]


def question_count(quiz: Quiz) -> int:
    return quiz.fixed_count + quiz.drawn_count


class QuizViewSet(AllModelPermissionsMixin, ModelViewSet):
    model = Quiz
    name = "quiz_quizzes"
    url_prefix = "quizzes/quizzes"
    icon = "tasks"
    menu_label = gettext_lazy("Quizzes")
    menu_order = 400
    index_view_class = QuizIndexView
    edit_view_class = QuizEditView
    delete_view_class = QuizDeleteView
    # A copy's inline rows would still point at the original quiz's rows.
    copy_view_enabled = False
    list_display = [
        "title",
        "slug",
        "course",
        "pass_mark",
        Column("questions", label=gettext_lazy("Questions"), accessor=question_count),
        Column(
            "finished_count",
            label=gettext_lazy("Finished attempts"),
            sort_key="finished_count",
        ),
        BooleanColumn("is_active", label=gettext_lazy("Active")),
    ]
    list_filter = ["is_active", "review_policy"]
    search_fields = ["slug", "title"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("title"), FieldPanel("slug")]),
                    FieldPanel("course"),
                    FieldPanel("intro"),
                ],
                heading=gettext_lazy("Quiz"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("pass_mark"), FieldPanel("time_limit_minutes")]
                    ),
                    FieldRowPanel(
                        [FieldPanel("attempts_allowed"), FieldPanel("cooldown_hours")]
                    ),
                    FieldRowPanel(
                        [FieldPanel("shuffle_questions"), FieldPanel("shuffle_options")]
                    ),
                    FieldRowPanel(
                        [FieldPanel("review_policy"), FieldPanel("is_active")]
                    ),
                ],
                heading=gettext_lazy("Rules"),
            ),
            InlinePanel(
                "fixed_questions",
                panels=[FieldPanel("question")],
                heading=gettext_lazy("Fixed questions"),
                label=gettext_lazy("Fixed question"),
            ),
            InlinePanel(
                "random_draws",
                panels=[
                    FieldRowPanel(
                        [
                            FieldPanel("bank"),
                            FieldPanel("category"),
                            FieldPanel("count"),
                        ]
                    )
                ],
                heading=gettext_lazy("Random draws"),
                label=gettext_lazy("Random draw"),
            ),
            FieldPanel("source_path", read_only=True),
        ],
        base_form_class=QuizForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            stats_url_name=self.get_url_name("stats"), **kwargs
        )

    @property
    def stats_view(self):
        return self.construct_view(QuizStatsView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("stats/<int:pk>/", self.stats_view, name="stats"),
        ]
