"""平台规则自查: paste any reply, see the rules it breaks and the lessons."""

import pytest
from django.urls import reverse

from lms.courses.models import LessonPage
from tests.courses.pages import make_course
from tests.drills.helpers import load_drills


@pytest.fixture
def rules_loaded(site_tree):
    load_drills()
    return site_tree


def test_the_linter_flags_a_rule_and_links_its_lesson(client, learner, rules_loaded):
    _home, index = rules_loaded
    course = make_course(index, "platform-rules", lessons=0)
    lesson = course.add_child(
        instance=LessonPage(title="好评返现与刷单", slug="no-cashback", body=[])
    )
    client.force_login(learner)
    html = client.post(reverse("drills:linter"), {"text": "亲,好评返现5元哦"}).text
    assert 'data-testid="finding"' in html
    assert "好评返现" in html
    assert f'href="{lesson.url}"' in html
    assert '<mark class="hl hl--bad">' in html


def test_a_refusal_is_not_a_violation(client, learner, rules_loaded):
    client.force_login(learner)
    html = client.post(
        reverse("drills:linter"), {"text": "抱歉,我们不能做好评返现哦"}
    ).text
    assert 'data-testid="no-findings"' in html


def test_a_cited_lesson_that_does_not_exist_is_shown_as_text(
    client, learner, rules_loaded
):
    client.force_login(learner)
    html = client.post(reverse("drills:linter"), {"text": "您加微信聊吧"}).text
    assert "platform-rules/common-violations" in html
    assert 'class="lesson-link"' not in html.split('data-testid="finding"')[1]


def test_htmx_gets_only_the_results(client, learner, rules_loaded):
    client.force_login(learner)
    response = client.post(
        reverse("drills:linter"), {"text": "好评返现"}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in response.text
    assert 'data-testid="linter-result"' in response.text


def test_the_page_lists_every_rule(client, learner, rules_loaded):
    client.force_login(learner)
    html = client.get(reverse("drills:linter")).text
    assert html.count('class="sev sev--') == 4  # the test folder's four rules
