"""The statistics page of a quiz: score spread as a bar chart, then a table of
its questions (facility, discrimination, what was chosen)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.courses.markdown import render_markdown

from ..models import Quiz
from ..models.banks import QuestionType
from ..stats import BUCKETS, OptionCount, QuestionStats, quiz_stats
from .object_page import ObjectPageView

CHART_HEIGHT = 160  # px of the tallest bar in the SVG chart
BAR_STEP = 48  # px from one bar to the next
BAR_WIDTH = 36


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    x: int
    y: int
    height: int

    @property
    def centre(self) -> int:
        return self.x + BAR_WIDTH // 2


@dataclass(frozen=True)
class Choice:
    label: str
    count: int
    correct: bool


@dataclass(frozen=True)
class QuestionRow:
    stats: QuestionStats
    type_label: str
    stem_html: SafeString
    edit_url: str
    preview_url: str
    facility_percent: float | None
    choices: list[Choice]


def bucket_label(index: int) -> str:
    low = index * 10
    return f"{low}–100" if index == BUCKETS - 1 else f"{low}–{low + 9}"


def chart_bars(distribution: list[int]) -> list[Bar]:
    tallest = max(distribution, default=0) or 1
    bars = []
    for index, count in enumerate(distribution):
        height = round(CHART_HEIGHT * count / tallest)
        bars.append(
            Bar(
                label=bucket_label(index),
                count=count,
                x=8 + index * BAR_STEP,
                y=20 + CHART_HEIGHT - height,
                height=height,
            )
        )
    return bars


def choice_label(option: OptionCount) -> str:
    if option.key == "true":
        return _("True")
    if option.key == "false":
        return _("False")
    if option.key == "answered":
        return _("Answered")
    text = Truncator(" ".join(option.label.split())).chars(30)
    return f"{option.key.upper()}. {text}"


def question_row(stats: QuestionStats) -> QuestionRow:
    choices = [Choice(choice_label(o), o.count, o.correct) for o in stats.options]
    choices.append(Choice(_("Blank"), stats.blank, False))
    try:
        type_label = str(QuestionType(stats.type).label)
    except ValueError:
        type_label = stats.type
    return QuestionRow(
        stats=stats,
        type_label=type_label,
        # Sanitised by nh3 in render_markdown, hence safe to mark as such.
        stem_html=mark_safe(render_markdown(stats.stem)),
        edit_url=reverse("quiz_questions:edit", args=(stats.question_id,)),
        preview_url=reverse("quiz_questions:preview", args=(stats.question_id,)),
        facility_percent=None if stats.facility is None else 100 * stats.facility,
        choices=choices,
    )


class QuizStatsView(ObjectPageView):
    model = Quiz
    page_title = gettext_lazy("Statistics")
    template_name = "quizzes/admin/quiz_stats.html"
    header_icon = "table"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stats = quiz_stats(quiz=self.object)
        context.update(
            stats=stats,
            pass_percent=None if stats.pass_rate is None else 100 * stats.pass_rate,
            bars=chart_bars(stats.distribution),
            chart_width=16 + BUCKETS * BAR_STEP,
            chart_height=CHART_HEIGHT + 60,
            bar_width=BAR_WIDTH,
            baseline=20 + CHART_HEIGHT,
            rows=[question_row(question) for question in stats.questions],
        )
        return context
