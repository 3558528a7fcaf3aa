"""The store-wide linter by concept: dodges caught, refusals and lookalikes clean."""

import subprocess
import sys
from pathlib import Path

import pytest

from lms.drills.judging.rules import highest_severity, lint_reply
from lms.drills.rules_file import load_rules, validate_rules
from lms.drills.validation import InvalidData
from lms.drills.yamllines import load_yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def store_rules():
    return load_rules(ROOT / "content" / "drills" / "rules.yaml")


def rule_ids(text, rules):
    return {f.id for f in lint_reply(text, rules)}


@pytest.mark.parametrize(
    ("reply", "rule"),
    [
        ("评价写好截个图发我，给您发个小红包", "cashback"),
        ("收到后打个五星，下次来找我打八折", "cashback"),
        ("w e i x i n 搜一下 qf8866 找我", "off-platform"),
        ("有事加我薇信吧", "off-platform"),
        ("您加下我威信，我拉您进群", "off-platform"),
        ("打我电话：一三八 零五七一 二二六六", "off-platform"),
        ("号码 139 0057 1888，直接打给我", "off-platform"),
        ("刚才那位买家的地址我发您参考一下", "privacy"),
        ("麻烦把手机收到的验证码发我一下", "credentials"),
        ("呵呵，那您别买呗", "abuse"),
        ("您能不能把差评删了", "review-pressure"),
        ("保证明天送到", "overpromise"),
        ("这是全网最低价", "ad-law"),
        ("小的这就去给您查", "servile"),
        ("大人请放心，已经发出了", "servile"),
    ],
)
def test_a_violation_is_found_whatever_its_wording(store_rules, reply, rule):
    assert rule in rule_ids(reply, store_rules)


@pytest.mark.parametrize(
    "reply",
    [
        "我们不能做好评返现哦，按真实感受评价就好",
        "平台不允许私下交易，请在淘宝上下单",
        "为了您的账户安全，请不要把验证码告诉任何人",
        "好评很多，您可以看看评价区",
        "第一次购买可以领新客券",
        "您可以返回上一页看看尺码表",
        "刷新一下页面就能看到",
        "这款是大人的尺码，小朋友穿偏大",
        "小的那个包裹是袜子",
        "有人冒充客服让您加好友的话，请不要理会",
        "其他买家的地址属于隐私，我们没法透露",
        "您最好先量一下脚长",
        "想发顺丰的话下单时选顺丰，加12元",
    ],
)
def test_refusals_and_lookalikes_stay_clean(store_rules, reply):
    assert lint_reply(reply, store_rules) == []


def test_each_finding_cites_its_lesson_and_quotes_the_reply(store_rules):
    reply = "有事加我薇信吧"
    [finding] = lint_reply(reply, store_rules)
    assert finding.lesson == "platform-rules/common-violations"
    assert all(q in reply for q in finding.quotes)
    assert "薇信" in "".join(finding.quotes)


def test_highest_severity_names_the_worst_finding(store_rules):
    assert highest_severity(lint_reply("这是全网最低价", store_rules)) == "minor"
    worst = lint_reply("加我vx下单，全网最低价", store_rules)
    assert highest_severity(worst) == "fatal"
    assert highest_severity([]) == "none"


def test_an_empty_rules_file_is_refused_with_its_line():
    problems, rules = validate_rules(None, path="rules.yaml")
    assert rules == ()
    assert [p.format() for p in problems] == [
        "rules.yaml:1: rules file is empty: it needs a 'rules' list"
    ]


def test_an_unknown_concept_is_named_with_its_line(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(
        "concepts:\n"
        "  review: {label: 评价, any: [好评]}\n"
        "rules:\n"
        "  - id: cashback\n"
        "    label: 好评返现\n"
        "    severity: fatal\n"
        "    reason: 不行\n"
        "    lesson: platform-rules/no-cashback\n"
        "    near: [[review, money]]\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidData) as raised:
        load_rules(path)
    [problem] = raised.value.problems
    assert problem.line == 9
    assert "unknown concept 'money'" in problem.message


def test_a_concept_pinyin_that_no_character_reads_is_refused():
    data = load_yaml(
        "concepts:\n"
        "  channel: {label: 渠道, pinyin: [qzx]}\n"
        "rules:\n"
        "  - {id: a, label: a, severity: fatal, reason: r, lesson: a/b,"
        " near: [[channel]]}\n"
    )
    problems, _ = validate_rules(data, path="rules.yaml")
    assert any("no character reads 'qzx'" in p.message for p in problems)


def test_the_judging_engine_imports_nothing_from_django():
    code = (
        "import sys, lms.drills.judging.scoring, lms.drills.judging.rules, "
        "lms.drills.judging.claims, lms.drills.judging.synonyms; "
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
