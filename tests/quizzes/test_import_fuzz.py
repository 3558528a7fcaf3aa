"""`lms quizzes import`: mutated YAML banks, quizzes.yaml, GIFT and Moodle XML
files never crash it, and what `--check` passes the import stores."""

import shutil
from pathlib import Path

import pytest

from lms.quizzes.importing import QuizImportError, quizzes_import, read_sources
from tests.mutations import fuzz_importer

pytestmark = pytest.mark.fuzz
DATA = Path(__file__).parent / "data"


def seed_folder(root: Path) -> Path:
    """A YAML bank with its quizzes.yaml, a GIFT file and a Moodle XML file."""
    root.mkdir()
    shutil.copy(DATA / "web" / "basics.yaml", root / "basics.yaml")
    shutil.copy(DATA / "web" / "quizzes.yaml", root / "quizzes.yaml")
    shutil.copy(DATA / "sample.gift", root / "gifted.gift")
    # The sample XML holds the sample GIFT's questions: other ids, so both load.
    xml = (DATA / "sample.xml").read_text(encoding="utf-8")
    xml = xml.replace("<idnumber>sample-", "<idnumber>xml-")
    (root / "moodle.xml").write_text(xml, encoding="utf-8")
    return root


def check(root: Path) -> list:
    try:
        read_sources([root])
    except QuizImportError as error:
        return error.problems
    return []


def test_mutated_quiz_files_are_refused_with_a_line_or_imported(db, tmp_path):
    seed = seed_folder(tmp_path / "quizzes")
    assert check(seed) == []

    tried = fuzz_importer(
        seed=seed,
        files=["basics.yaml", "quizzes.yaml", "gifted.gift", "moodle.xml"],
        check=check,
        load=lambda root: quizzes_import(paths=[root]),
        refused=QuizImportError,
    )
    assert tried >= 300
