"""Shared set-up for the drill web tests: the small drills folder in data/."""

from __future__ import annotations

from pathlib import Path

from lms.drills.loading import drills_load, scenario_apply_source, scenario_version
from lms.drills.models import DrillSession, RushSet, Scenario
from lms.drills.scenario import Scenario as EngineScenario
from lms.drills.sessions import session_reply, session_start

DATA = Path(__file__).parent / "data"
CONTENT = Path(__file__).resolve().parents[2] / "content" / "drills"

XSS = "<script>alert(1)</script><b>x</b>"

# Replies to the test scenarios that meet every key point (model answers).
GOOD = {
    ("bargain-basic", "t1"): (
        "您好,欢迎光临!这款已经是活动价了,本周满300减20,您可以凑单更划算哦~"
    ),
    ("bargain-basic", "t2"): (
        "亲,这款是包邮的哦,江浙沪次日达,其他地区一般两到三天送到。"
    ),
    ("bargain-basic", "t3"): "好的,感谢您的支持!付款后我们当天发货,祝您购物愉快~",
    ("late-parcel", "t1"): (
        "您好,非常抱歉让您久等了!麻烦您提供一下订单号,我马上帮您查询物流进度。"
    ),
    ("late-parcel", "t1-angry"): "真的很抱歉,是我没有先向您道歉。我现在马上帮您查。",
    ("late-parcel", "t2"): (
        "查到了,包裹在中转站滞留了一天,预计明后天送到。我已经联系快递加急,"
        "有进展第一时间告诉您,感谢您的耐心!"
    ),
}


def load_drills(root: Path = DATA) -> dict[str, Scenario]:
    """Load a drills folder (default: the tests' small one); scenarios by id."""
    drills_load(root=root)
    return {scenario.slug: scenario for scenario in Scenario.objects.all()}


def clone_scenario(base: Scenario, slug: str) -> Scenario:
    """A copy of `base` under another id, as if written in the admin."""
    source = base.source.replace(f"id: {base.slug}", f"id: {slug}", 1)
    from lms.drills.documents import parse_scenario_source

    document: EngineScenario = parse_scenario_source(source)
    scenario = scenario_apply_source(Scenario(), source=source, document=document)
    scenario.save()
    scenario_version(scenario)
    return scenario


def make_rush(scenarios: dict[str, Scenario]) -> RushSet:
    copy = clone_scenario(scenarios["bargain-basic"], "bargain-copy")
    return RushSet.objects.create(
        slug="test-rush",
        title="测试高峰",
        scenario_slugs=["bargain-basic", "late-parcel", copy.slug],
        source="",
        content_hash="x",
    )


def current_order(session: DrillSession) -> int:
    return session.turns.order_by("-order").values_list("order", flat=True).first()


def play(session: DrillSession, replies: dict[str, str] | None = None) -> DrillSession:
    """Answer every turn (with GOOD replies unless given) until the drill ends."""
    replies = replies or {}
    while True:
        session.refresh_from_db()
        if not session.is_open:
            return session
        turn = session.turns.order_by("-order").first()
        text = replies.get(turn.turn_id) or GOOD[(session.scenario.slug, turn.turn_id)]
        session_reply(session=session, order=turn.order, text=text)


def finished_session(user, scenario: Scenario, *, mode="practice", replies=None):
    return play(session_start(user=user, scenario=scenario, mode=mode), replies)
