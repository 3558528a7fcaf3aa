"""`lms content import --check` refuses, as `path:line: message`, what the
import could not store or parse: NUL characters, YAML nested 1,000 deep,
impossible dates, numbers and text too big for their columns."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lms.courses.importing import ContentImportError, content_import
from lms.courses.models import LessonPage
from tests.courses.content_fixtures import small_tree

LESSON = "courses/01-basics/01-lesson-1.md"
DEEP = "[" * 1000 + "]" * 1000


def with_lesson(root, change) -> tuple[str, str]:
    """Write the first lesson changed by ``change``; its path and new text."""
    small_tree(root)
    path = root / LESSON
    text = change(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    return str(path), text


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def check_output(root) -> str:
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("content", "import", str(root), "--check", stderr=err)
    return err.getvalue()


CASES = {
    "nul_in_a_fenced_yaml_block": (
        lambda text: text.replace("title: 设置步骤", "title: 设置\x00步骤"),
        "\x00",
        "contains a NUL character",
    ),
    "nul_in_the_markdown_body": (
        lambda text: text.replace("很容易流失", "很容易\x00流失"),
        "\x00",
        "contains a NUL character",
    ),
    "nesting_1000_deep_in_a_block": (
        lambda text: text.replace("title: 设置步骤", f"title: {DEEP}"),
        DEEP,
        "nested more than 50 levels deep",
    ),
    "an_impossible_date": (
        lambda text: text.replace("estimated_minutes: 10", "summary: 2024-02-30"),
        "2024-02-30",
        "'2024-02-30' is not a real date",
    ),
    "minutes_beyond_the_column": (
        lambda text: text.replace("10\n", "99999999999999\n", 1),
        "99999999999999",
        "must be at most 10000, not 99999999999999",
    ),
    "a_summary_longer_than_its_column": (
        lambda text: text.replace("estimated_minutes", f"summary: {'长' * 301}\nx", 1),
        "summary",
        "field 'summary' is longer than 300 characters",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_check_reports_what_the_import_could_not_store_with_its_line(
    site_tree, tmp_path, case
):
    change, needle, message = CASES[case]
    path, text = with_lesson(tmp_path, change)
    assert f"{path}:{line_of(text, needle)}: " in check_output(tmp_path)
    assert message in check_output(tmp_path)
    with pytest.raises(ContentImportError):
        content_import(root=tmp_path)
    assert not LessonPage.objects.exists()


def test_a_nul_is_reported_on_each_line_and_the_rest_of_the_file_still_checked(
    tmp_path,
):
    path, text = with_lesson(
        tmp_path,
        lambda text: text.replace("很容易流失", "很\x00容易\x00流失").replace(
            "estimated_minutes: 10", "estimated_minutes: 0"
        ),
    )
    output = check_output(tmp_path)
    assert output.count("contains a NUL character") == 1  # one line, one report
    assert f"{path}:3: field 'estimated_minutes' must be a positive" in output
