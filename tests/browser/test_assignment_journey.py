"""A learner sees required training with days left, appeals a drill turn's score
in the report; a trainer resolves the appeal from the review queue."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.drills.models import TurnAppeal
from tests.assignments.helpers import assign
from tests.browser.axe import assert_accessible, axe_install
from tests.drills.helpers import finished_session, load_drills

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def drill_session(site_tree, learner, settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0
    scenario = load_drills()["bargain-basic"]
    return finished_session(learner, scenario, replies={"t2": "嗯"})


def test_required_training_and_a_score_appeal(
    page, login, learner, trainer, drill_session
):
    today = timezone.localdate()
    assign(to=learner, item=drill_session.scenario, due_on=today + timedelta(days=4))
    axe_install(page.context)
    login("learner")
    page.goto("/dashboard/")
    panel = page.locator("[data-testid=required-panel]")
    assert "必修" in panel.inner_text() and "剩余 4 天" in panel.inner_text()
    assert_accessible(page, "the dashboard with required training")

    page.goto(f"/drills/sessions/{drill_session.pk}/report/")
    turn = page.locator("#turn-2")
    turn.locator("details.appeal-form summary").click()
    turn.locator("textarea[name=comment]").fill("我已经回应了顾客,请复核")
    turn.locator("[data-testid=appeal-form] button").click()
    page.wait_for_selector("#turn-2 [data-testid=appeal-note]")
    assert "申诉已提交" in page.content()
    assert_accessible(page, "the report with an appeal")

    page.context.clear_cookies()
    login("trainer")
    page.goto("/drills/review/")
    row = page.locator("[data-testid=appeal-row]")
    assert "我已经回应了顾客,请复核" in row.inner_text()
    assert_accessible(page, "the review queue")
    row.locator("textarea[name=resolution]").fill("已复核,第二轮维持原分")
    row.locator("[data-testid=resolve-form] button").click()
    page.wait_for_selector("text=暂无待处理的申诉。")
    assert not TurnAppeal.objects.get().is_open
