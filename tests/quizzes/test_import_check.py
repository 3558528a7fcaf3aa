"""`lms quizzes import --check` refuses, as `path:line: message`, what the
import could not store: settings beyond their column or past year 9999, NUL
characters, numbers JSON cannot hold, YAML nested 1,000 deep, text longer than
its column. A quiz at the limits imports and can be taken."""

import shutil
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from lms.quizzes.attempts import attempt_start, attempt_submit, quiz_availability
from lms.quizzes.importing import QuizImportError, quizzes_import
from lms.quizzes.models import Question, Quiz

DATA = Path(__file__).parent / "data"
DEEP = "[" * 1000 + "]" * 1000


def folder(root: Path) -> Path:
    root.mkdir()
    shutil.copy(DATA / "web" / "basics.yaml", root / "basics.yaml")
    shutil.copy(DATA / "web" / "quizzes.yaml", root / "quizzes.yaml")
    shutil.copy(DATA / "sample.gift", root / "sample.gift")
    return root


def change(path: Path, old: str, new: str, count: int = 1) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, count)
    path.write_text(text, encoding="utf-8")
    return text


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def check_output(root: Path) -> str:
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("quizzes", "import", str(root), "--check", stderr=err)
    return err.getvalue()


CASES = {
    "a_time_limit_beyond_the_column": (
        "quizzes.yaml",
        "time_limit_minutes: 10",
        "time_limit_minutes: 99999999999999",
        "time_limit_minutes must be 0–10080, not 99999999999999",
    ),
    "a_cooldown_that_overflows_a_date": (
        "quizzes.yaml",
        "cooldown_hours: 1",
        "cooldown_hours: 2000000000",
        "cooldown_hours must be 0–8760, not 2000000000",
    ),
    "attempts_beyond_the_column": (
        "quizzes.yaml",
        "attempts_allowed: 2",
        "attempts_allowed: 9223372036854775808",
        "attempts_allowed must be 0–1000",
    ),
    "a_quiz_title_longer_than_its_column": (
        "quizzes.yaml",
        "title: 基础测验",
        f"title: {'长' * 201}",
        "title is longer than 200 characters",
    ),
    "nesting_1000_deep_in_a_bank": (
        "basics.yaml",
        "type: short",
        f"type: {DEEP}",
        "nested more than 50 levels deep",
    ),
    "a_nul_written_as_a_yaml_escape": (
        "basics.yaml",
        "type: short",
        'type: "short\\0"',
        "contains a NUL character",
    ),
    "a_nul_in_a_gift_file": (
        "sample.gift",
        "Grant's tomb?",
        "Grant's\x00 tomb?",
        "contains a NUL character",
    ),
    "a_gift_number_too_large_for_json": (
        "sample.gift",
        "{#299}",
        "{#1e999}",
        "'1e999' is not a number",
    ),
    "a_gift_range_whose_middle_overflows": (
        "sample.gift",
        "{#1..5}",
        "{#1e308..1.7e308}",
        "a number is too large to store (inf)",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_check_reports_what_the_import_could_not_store_with_its_line(
    db, tmp_path, case
):
    name, old, new, message = CASES[case]
    root = folder(tmp_path / "quizzes")
    text = change(root / name, old, new)
    output = check_output(root)
    # GIFT problems point at the question, which may start a line or two above.
    line = line_of(text, new.splitlines()[0][:12])
    assert any(f"{root / name}:{n}: " in output for n in range(line - 2, line + 1)), (
        output
    )
    assert message in output
    with pytest.raises(QuizImportError):
        quizzes_import(paths=[root])
    assert not Question.objects.exists()


def test_a_quiz_at_the_limits_imports_and_is_timed_and_cooled_down(
    db, tmp_path, learner
):
    root = folder(tmp_path / "quizzes")
    change(root / "quizzes.yaml", "time_limit_minutes: 10", "time_limit_minutes: 10080")
    change(root / "quizzes.yaml", "cooldown_hours: 1", "cooldown_hours: 8760")
    quizzes_import(paths=[root])
    quiz = Quiz.objects.get(slug="basics-quiz")
    attempt = attempt_start(user=learner, quiz=quiz)
    assert attempt.deadline - attempt.started_at == timedelta(minutes=10080)
    attempt_submit(attempt=attempt)
    state = quiz_availability(user=learner, quiz=quiz, now=timezone.now())
    assert not state.can_start
