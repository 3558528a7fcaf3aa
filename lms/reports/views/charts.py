"""The charts HR would rather look at than read (inline SVG from the server)."""

from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..aggregation import day_histogram, median, score_histogram
from ..forms import ChartFilterForm
from ..selectors import best_scores, chart_quizzes, cohort_pass_rates, days_to_certify
from ..svg import Bar, bar_chart, column_chart
from .common import hr_required


def _pass_rate_chart(quiz, rates) -> str:
    bars = [
        Bar(
            label=rate.label,
            value=rate.rate,
            text=f"{rate.rate}% ({rate.passed}/{rate.attempted})",
        )
        for rate in rates
    ]
    return bar_chart(
        chart_id="chart-pass-rate",
        title=_("Pass rate per cohort: %(quiz)s") % {"quiz": quiz.title},
        description="; ".join(f"{bar.label} {bar.text}" for bar in bars)
        or _("Nobody has taken it yet."),
        bars=bars,
        empty_text=_("Nobody has taken it yet."),
    )


def _score_chart(quiz, scores, buckets) -> str:
    middle = median(scores)
    summary = _("%(n)s learners, median best score %(median)s, pass mark %(mark)s.") % {
        "n": len(scores),
        "median": f"{middle:g}" if middle is not None else "—",
        "mark": quiz.pass_mark,
    }
    return column_chart(
        chart_id="chart-scores",
        title=_("Best scores: %(quiz)s") % {"quiz": quiz.title},
        description=summary
        + " "
        + "; ".join(f"{bucket.label}: {bucket.count}" for bucket in buckets),
        columns=[
            Bar(
                label=bucket.label,
                value=bucket.count,
                text=str(bucket.count),
                axis_label=f"{bucket.low:g}",
            )
            for bucket in buckets
        ],
        x_caption=_("Best score (points, from)"),
        marker_index=quiz.pass_mark / 10,
        marker_text=_("pass mark %(mark)s") % {"mark": quiz.pass_mark},
        empty_text=_("Nobody has taken it yet."),
    )


def _days_chart(result, buckets) -> str:
    middle = result.median
    return column_chart(
        chart_id="chart-days",
        title=_("Days to certify"),
        description=_("%(n)s certificates, median %(median)s days.")
        % {
            "n": len(result.days),
            "median": f"{middle:g}" if middle is not None else "—",
        }
        + " "
        + "; ".join(f"{bucket.label}: {bucket.count}" for bucket in buckets),
        columns=[
            Bar(label=bucket.label, value=bucket.count, text=str(bucket.count))
            for bucket in buckets
        ],
        x_caption=_("Days from hire date (or first activity) to certificate"),
        empty_text=_("No certificate issued yet."),
    )


@hr_required
@require_GET
def charts(request):
    # mark_safe below: svg.py escapes every text it draws.
    quizzes = chart_quizzes()
    form = ChartFilterForm(request.GET or None, quizzes=quizzes)
    data = form.cleaned()
    by_slug = {quiz.slug: quiz for quiz in quizzes}
    quiz = by_slug.get(data.get("quiz") or "") or (quizzes[0] if quizzes else None)
    cohort = data.get("cohort")
    path = data.get("path")
    context = {"form": form, "quiz": quiz, "cohort": cohort, "path": path}
    if quiz is not None:
        rates = cohort_pass_rates(quiz)
        scores = best_scores(quiz, cohort_id=cohort.pk if cohort else None)
        buckets = score_histogram(scores)
        context.update(
            rates=rates,
            score_buckets=buckets,
            pass_rate_svg=mark_safe(_pass_rate_chart(quiz, rates)),
            scores_svg=mark_safe(_score_chart(quiz, scores, buckets)),
        )
    days = days_to_certify(
        path_id=path.pk if path else None, cohort_id=cohort.pk if cohort else None
    )
    day_buckets = day_histogram(days.days)
    context.update(
        days=days,
        day_buckets=day_buckets,
        days_svg=mark_safe(_days_chart(days, day_buckets)),
    )
    return render(request, "reports/charts.html", context)
