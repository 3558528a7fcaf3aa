"""A learner plays a chat drill in the workbench and reads the report."""

import pytest

from lms.drills.branching import walk
from lms.drills.loading import drills_load
from lms.drills.models import DrillSession, Scenario
from tests.browser.axe import assert_accessible, axe_install
from tests.drills.helpers import CONTENT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCENARIO = "logistics-delay"


@pytest.fixture
def drills(site_tree, settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0  # customers type instantly here
    drills_load(root=CONTENT)
    return Scenario.objects.get(slug=SCENARIO).document()


def send(page, answered: int) -> None:
    page.wait_for_selector("#qn-turn[data-can-reply=true]", state="attached")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('[data-testid=agent-message]').length > n",
        arg=answered,
    )


def test_learner_plays_a_drill_with_a_quick_phrase_and_reads_the_report(
    page, login, learner, drills
):
    answers = [drills.turn(turn_id).model_answers[0] for turn_id in walk(drills, {})]
    axe_install(page.context)
    login("learner")
    page.goto("/drills/")
    page.click(f"[data-scenario={SCENARIO}] [data-testid=start-practice]")
    page.wait_for_selector("[data-testid=customer-message]")

    # The order tab holds what the customer asks about.
    page.click("[data-testid=tab-order]")
    assert page.locator("[data-testid=panel-order]").is_visible()
    assert "成都转运中心" in page.locator("[data-testid=panel-order]").inner_text()
    assert not page.locator("[data-testid=panel-customer]").is_visible()

    # "/wl" expands to the store's quick phrase.
    box = page.locator("[data-testid=reply-input]")
    box.click()
    box.type("/wl")
    page.wait_for_selector("[data-testid=phrase-suggestions] li")
    page.keyboard.press("Enter")
    assert box.input_value() == "您好，我马上帮您查一下物流，请稍等。"
    box.type(answers[0])
    send(page, 0)
    assert page.locator("[data-testid=feedback]").count() == 1  # practice badge
    assert box.input_value() == ""
    assert_accessible(page, "the drill workbench")

    for answered, answer in enumerate(answers[1:], start=1):
        page.wait_for_selector(  # the next turn's messages are all shown
            f"#qn-turn[value='{answered + 1}'][data-can-reply=true]", state="attached"
        )
        box.fill(answer)
        box.focus()
        send(page, answered)

    page.click("[data-testid=view-report]")
    page.wait_for_selector("[data-testid=overall-score]")
    assert page.locator("[data-testid=turn-report]").count() == len(answers)
    assert page.locator("[data-testid=verdict]").inner_text()
    assert page.locator("mark.hl--good").count() > 0
    session = DrillSession.objects.get(user=learner)
    assert session.is_finished and session.score == int(
        page.locator(".score-ring__value").inner_text()
    )
    assert session.turns.first().reply.startswith("您好，我马上帮您查一下物流")
