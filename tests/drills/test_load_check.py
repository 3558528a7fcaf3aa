"""`lms drills load --check` refuses, as `path:line: message`, everything the
load would refuse: an empty scenario or phrase file, NUL characters, YAML
nested 1,000 deep, impossible dates, titles longer than their column."""

import io
import shutil

import pytest
from django.core.management import CommandError, call_command

from lms.drills.loading import DrillLoadError, drills_load
from lms.drills.models import Scenario
from tests.drills.helpers import DATA

DEEP = "[" * 1000 + "]" * 1000


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "drills"
    shutil.copytree(DATA, target)
    return target


def change(path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def check_output(folder) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("drills", "load", str(folder), "--check", stderr=err)
    return err.getvalue()


CASES = {
    "an_empty_scenario_file": (
        "late-parcel.yaml",
        None,
        "",
        "the file is empty",
    ),
    "an_empty_quick_phrases_file": (
        "quick_phrases.yaml",
        None,
        "",
        "the file is empty",
    ),
    "a_nul_in_a_customer_line": (
        "late-parcel.yaml",
        "都五天了",
        "都五天\x00了",
        "contains a NUL character",
    ),
    "a_nul_written_as_a_yaml_escape": (
        "late-parcel.yaml",
        "title: 快递迟迟不到",
        'title: "快递\\x00迟迟不到"',
        "contains a NUL character",
    ),
    "nesting_1000_deep": (
        "late-parcel.yaml",
        "title: 快递迟迟不到",
        f"title: {DEEP}",
        "nested more than 50 levels deep",
    ),
    "an_impossible_date": (
        "late-parcel.yaml",
        "title: 快递迟迟不到",
        "title: 2024-02-30",
        "'2024-02-30' is not a real date",
    ),
    "a_title_longer_than_its_column": (
        "late-parcel.yaml",
        "title: 快递迟迟不到",
        f"title: {'慢' * 201}",
        "'title' is longer than 200 characters",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_check_reports_what_the_load_would_refuse_with_its_line(folder, case):
    name, old, new, message = CASES[case]
    path = folder / name
    if old is None:
        path.write_text(new, encoding="utf-8")
        line = 1
    else:
        line = line_of(change(path, old, new), new)
    output = check_output(folder)
    assert f"{path}:{line}: " in output and message in output, output
    with pytest.raises(DrillLoadError) as refused:
        drills_load(root=folder)
    assert any(message in str(problem) for problem in refused.value.problems)
    assert not Scenario.objects.exists()
