"""Charts drawn as inline SVG, with their figures as text."""

from datetime import date, timedelta

import pytest

from lms.reports.svg import Bar, bar_chart, column_chart
from tests.reports.helpers import NOW, attempt, certificate, learner, view_lesson


def test_a_bar_chart_is_an_accessible_svg_with_its_values_as_text():
    svg = bar_chart(
        chart_id="c",
        title="各批次通过率",
        description="10月批 50% (1/2)",
        bars=[Bar(label="10月批", value=50, text="50% (1/2)")],
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="c-title">各批次通过率</title>' in svg
    assert 'aria-labelledby="c-title c-desc"' in svg
    assert ">50% (1/2)</text>" in svg


def test_chart_text_is_escaped():
    svg = column_chart(
        chart_id="c",
        title="<script>",
        description="&",
        columns=[Bar(label="<b>", value=1, text="1")],
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;" in svg


@pytest.fixture
def results(world):
    october = [
        learner(world, f"rep-oct{n}", hire_date=date(2026, 10, 1)) for n in (1, 2)
    ]
    september = learner(world, "rep-sep", cohort=world.other_cohort)
    attempt(october[0], world.exam, 65, at=NOW - timedelta(days=3))
    attempt(october[0], world.exam, 85, at=NOW - timedelta(days=2))
    attempt(october[1], world.exam, 40, at=NOW - timedelta(days=2))
    attempt(september, world.exam, 92.5, at=NOW - timedelta(days=2))
    certificate(october[0], world.path, issued_at=NOW - timedelta(days=34))  # Oct 21
    view_lesson(
        september, world.lessons_a[0], world.course_a, at=NOW - timedelta(days=50)
    )
    certificate(september, world.path, issued_at=NOW - timedelta(days=5))
    return october, september


@pytest.mark.django_db
def test_the_charts_page_draws_pass_rates_scores_and_days_to_certify(
    client, hr, world, results
):
    client.force_login(hr)
    html = client.get(f"/hr/charts/?quiz={world.exam.slug}").content.decode()
    assert html.count('role="img"') == 3
    # Pass rate: October 1 of 2 passed, September 1 of 1.
    assert ">50% (1/2)</text>" in html and ">100% (1/1)</text>" in html
    # Best scores 85, 40 and 92.5: one each in 80–89, 40–49 and 90–100.
    assert "pass mark 80" in html or "及格线" in html
    assert "40–49: 1" in html and "80–89: 1" in html and "90–100: 1" in html
    # Days to certify: hire date → 20 days; no hire date → first activity, 45 days.
    assert "0–7: 0" in html and "15–21: 1" in html and "31–45: 1" in html


@pytest.mark.django_db
def test_the_score_chart_follows_the_cohort_filter(client, hr, world, results):
    client.force_login(hr)
    html = client.get(
        f"/hr/charts/?quiz={world.exam.slug}&cohort={world.other_cohort.pk}"
    ).content.decode()
    assert "90–100: 1" in html and "80–89: 0" in html


@pytest.mark.django_db
def test_the_charts_page_works_without_any_data(client, hr, site_tree):
    client.force_login(hr)
    response = client.get("/hr/charts/")
    assert response.status_code == 200
