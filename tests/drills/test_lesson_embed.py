"""A lesson's drill block: a start button, or "coming soon"."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from tests.drills.helpers import load_drills

BLOCK = Template('{% include "courses/blocks/drill.html" with value=scenario_id %}')


def render(user, scenario_id: str) -> str:
    request = RequestFactory().get("/")
    request.user = user
    context = Context(
        {"scenario_id": scenario_id, "request": request, "csrf_token": "tok"}
    )
    return BLOCK.render(context)


@pytest.mark.django_db
def test_an_active_scenario_gets_a_practice_start_button(learner):
    load_drills()
    html = render(learner, "bargain-basic")
    assert 'action="/drills/scenarios/bargain-basic/start/"' in html
    assert 'name="mode" value="practice"' in html
    assert 'data-testid="drill-start"' in html


@pytest.mark.django_db
def test_a_missing_or_inactive_scenario_is_coming_soon(learner):
    scenarios = load_drills()
    scenarios["late-parcel"].active = False
    scenarios["late-parcel"].save()
    for scenario_id in ("late-parcel", "no-such-drill"):
        html = render(learner, scenario_id)
        assert "Coming soon" in html or "即将推出" in html
        assert "drill-start" not in html


def test_a_lesson_page_shows_the_start_button(client, learner, site_tree):
    from tests.courses.pages import make_course

    load_drills()
    _home, index = site_tree
    course = make_course(index, "embed", lessons=1)
    lesson = course.get_children().first()
    # The sample lesson body embeds the drill "greeting-product"; rename ours.
    from lms.drills.models import Scenario

    Scenario.objects.filter(slug="bargain-basic").update(slug="greeting-product")
    client.force_login(learner)
    html = client.get(lesson.url).text
    assert 'action="/drills/scenarios/greeting-product/start/"' in html
