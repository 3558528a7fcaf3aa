"""`lms quizzes import/export`: YAML and GIFT, --check, rollback, round trip."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from lms.quizzes.models import Question, QuestionBank, Quiz
from tests.quizzes.helpers import WEB_DATA


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("quizzes", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_real_question_banks_import_and_reimport_changes_nothing(db):
    quizzes_dir = str(Path(settings.BASE_DIR) / "quizzes")
    out, _ = run("import", quizzes_dir)
    assert "7 banks, 8 quizzes" in out
    assert Question.objects.count() >= 150
    assert set(Question.objects.values_list("type", flat=True)) >= {
        "single", "multiple", "truefalse", "short", "ordering", "matching", "scenario"
    }  # fmt: skip
    final = Quiz.objects.get(slug="final-exam")
    assert (final.pass_mark, final.time_limit_minutes) == (85, 45)
    assert (final.attempts_allowed, final.cooldown_hours) == (3, 24)
    assert sum(d.count for d in final.random_draws.all()) == 40
    out, _ = run("import", quizzes_dir)
    assert "0 created, 0 updated" in out


def test_check_prints_every_problem_with_path_and_line_and_writes_nothing(db, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "bank: bad\ntitle: 坏题库\nquestions:\n"
        "  - id: bad-001\n    type: single\n    difficulty: easy\n"
        "    lesson: a/b\n    stem: 题\n    explanation: 解\n"
        "    options:\n      - {text: 甲}\n      - {text: 乙}\n"
        "  - id: bad-002\n    type: colour\n    stem: 题\n",
        encoding="utf-8",
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("quizzes", "import", str(bad), "--check", stderr=err)
    lines = err.getvalue().splitlines()
    assert any(line.startswith(f"{bad}:11:") for line in lines), lines
    assert any(f"{bad}:" in line and "colour" in line for line in lines), lines
    assert not QuestionBank.objects.exists()


def test_a_failed_import_writes_nothing(db, tmp_path):
    good = WEB_DATA / "basics.yaml"
    broken = tmp_path / "broken.yaml"
    broken.write_text("bank: broken\ntitle: [\n", encoding="utf-8")
    with pytest.raises(CommandError):
        run("import", str(good), str(broken))
    assert not Question.objects.exists()


def test_a_file_that_is_not_utf8_is_refused_by_name(db, tmp_path):
    gbk = tmp_path / "old.gift"
    gbk.write_bytes("::题::客服用什么工具?{=千牛 ~微信}".encode("gbk"))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("quizzes", "import", str(gbk), stderr=err)
    assert "old.gift is not valid UTF-8" in err.getvalue()


def test_gift_files_import_with_categories_and_feedback(db, tmp_path):
    gift = tmp_path / "extra.gift"
    gift.write_text(
        "$CATEGORY: 售后\n\n"
        "::物流::顾客问包裹到哪了,先做什么?{=查看物流信息#对 ~让顾客自己查#不妥}\n\n"
        "::包邮::满99包邮。{TRUE}\n",
        encoding="utf-8",
    )
    out, _ = run("import", str(gift))
    assert "2 created" in out
    bank = QuestionBank.objects.get(slug="extra")
    assert bank.categories.count() == 1
    out, _ = run("import", str(gift))
    assert "0 created, 0 updated, 2 unchanged" in out


def test_export_to_gift_and_back_round_trips(db, tmp_path):
    run("import", str(WEB_DATA / "basics.yaml"))
    first = tmp_path / "first.gift"
    _, err = run("export", "--format", "gift", "basics", "-o", str(first))
    assert "basics-005" in err  # ordering has no GIFT form: skipped, and said so
    run("import", str(first))
    second = tmp_path / "second.gift"
    run("export", "--format", "gift", "basics", "-o", str(second))
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    assert Question.objects.get(qid="basics-005").is_active  # not lost


def test_export_of_an_unknown_bank_says_so(db):
    with pytest.raises(CommandError, match="no question bank 'nope'"):
        run("export", "nope")


def test_a_question_edited_in_the_admin_is_skipped_unless_forced(db, tmp_path):
    from lms.quizzes.importing import data_hash

    run("import", str(WEB_DATA / "basics.yaml"))
    question = Question.objects.get(qid="basics-001")
    question.data = {**question.data, "stem": "培训师改过的题干"}
    question.stem = "培训师改过的题干"
    question.content_hash = data_hash(question.data)  # what the admin form does
    question.save()
    changed = tmp_path / "basics.yaml"
    changed.write_text(
        (WEB_DATA / "basics.yaml")
        .read_text(encoding="utf-8")
        .replace("客服与顾客沟通必须使用哪个工具?", "客服应当用哪个工具与顾客沟通?"),
        encoding="utf-8",
    )
    out, err = run("import", str(changed))
    assert "1 skipped" in out and "basics-001: skipped" in err
    assert Question.objects.get(qid="basics-001").stem == "培训师改过的题干"
    out, _ = run("import", str(changed), "--force")
    assert (
        Question.objects.get(qid="basics-001").stem == "客服应当用哪个工具与顾客沟通?"
    )
