"""content/README.md records what the curriculum holds, and stays true."""

import re
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from lms.courses.inventory import count_inventory

BASE = Path(settings.BASE_DIR)


def recorded_table() -> str:
    readme = (BASE / "content" / "README.md").read_text(encoding="utf-8")
    match = re.search(
        r"<!-- inventory:start -->\n(.*?)<!-- inventory:end -->", readme, re.S
    )
    assert match, "content/README.md has no inventory section"
    return match.group(1).strip()


def test_the_readme_inventory_matches_the_files():
    assert recorded_table() == count_inventory(BASE).as_markdown()


def test_every_question_is_linked_to_a_lesson():
    inventory = count_inventory(BASE)
    assert inventory.questions_linked == sum(inventory.questions.values())


def test_the_command_prints_the_table(capsys):
    call_command("content", "inventory")
    out = capsys.readouterr().out
    assert "| Lessons | " in out
    assert "| Graded sample replies | " in out
