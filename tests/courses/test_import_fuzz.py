"""`lms content import`: mutated course files never crash it, and what
`--check` passes the import stores (SQLite and PostgreSQL)."""

import shutil
from pathlib import Path

import pytest

from lms.courses.importing import ContentImportError, content_check, content_import
from tests.courses.content_fixtures import write_course
from tests.mutations import fuzz_importer

pytestmark = pytest.mark.fuzz
DUMMY_TASKS = "django_tasks.backends.dummy.DummyBackend"
CANONICAL_LESSON = Path(__file__).parent / "data" / "lesson_canonical.md"


def seed_tree(root: Path) -> Path:
    """One course whose lesson uses every kind of block."""
    course = write_course(root, "01-basics", "岗位基础", [])
    shutil.copy(CANONICAL_LESSON, course / "01-auto-reply.md")
    for name in ("auto-reply.svg", "qianniu-layout.svg"):
        shutil.copy(course / "images" / "step.svg", course / "images" / name)
    return root


def test_mutated_course_files_are_refused_with_a_line_or_imported(
    site_tree, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # Saving a page queues search indexing as a task for the worker, after the
    # import; the import indexes its pages itself, so the task is not run here.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    seed = seed_tree(tmp_path / "content")
    assert content_check(seed)[1] == []

    tried = fuzz_importer(
        seed=seed,
        files=["courses/01-basics/index.md", "courses/01-basics/01-auto-reply.md"],
        check=lambda root: content_check(root)[1],
        load=lambda root: content_import(root=root),
        refused=ContentImportError,
    )
    assert tried >= 300
