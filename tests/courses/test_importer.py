"""`lms content import/export`: create, update, check, rollback, round trip."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from lms.courses.importing import ContentImportError, content_import
from lms.courses.models import CoursePage, ImportedSource, LessonPage
from tests.courses.content_fixtures import small_tree, write_course


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("content", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_creates_published_courses_and_lessons_in_order(site_tree, tmp_path):
    small_tree(tmp_path)
    out, _ = run("import", str(tmp_path))
    assert "6 created, 0 updated, 0 unchanged" in out
    courses = list(CoursePage.objects.live().order_by("path"))
    assert [c.slug for c in courses] == ["basics", "tools"]
    tools = courses[1]
    assert [p.slug for p in tools.prerequisites.all()] == ["basics"]
    lessons = LessonPage.objects.child_of(tools).live().order_by("path")
    assert [lesson.title for lesson in lessons] == ["自动回复", "快捷短语"]
    body = lessons[0].body
    assert [block.block_type for block in body] == ["markdown", "steps", "tip"]
    assert body[1].value["steps"][1]["image"].title == "tools/step.svg"


def test_second_import_changes_nothing_and_makes_no_revisions(site_tree, tmp_path):
    small_tree(tmp_path)
    run("import", str(tmp_path))
    revisions = Revision.objects.count()
    out, _ = run("import", str(tmp_path))
    assert "0 created, 0 updated, 6 unchanged, 0 skipped" in out
    assert Revision.objects.count() == revisions


def test_changed_file_publishes_a_new_revision_of_that_page_only(site_tree, tmp_path):
    small_tree(tmp_path)
    run("import", str(tmp_path))
    lesson_file = tmp_path / "courses/02-tools/01-auto-reply.md"
    lesson_file.write_text(
        lesson_file.read_text(encoding="utf-8").replace("自动回复", "自动答复"),
        encoding="utf-8",
    )
    revisions = Revision.objects.count()
    out, _ = run("import", str(tmp_path))
    assert "0 created, 1 updated, 5 unchanged" in out
    assert Revision.objects.count() == revisions + 1
    assert LessonPage.objects.get(slug="auto-reply").title == "自动答复"


def test_page_edited_in_the_admin_is_skipped_unless_forced(site_tree, tmp_path):
    small_tree(tmp_path)
    run("import", str(tmp_path))
    lesson = LessonPage.objects.get(slug="auto-reply")
    lesson.title = "培训师改过的标题"
    lesson.save_revision().publish()
    lesson_file = tmp_path / "courses/02-tools/01-auto-reply.md"
    lesson_file.write_text(
        lesson_file.read_text(encoding="utf-8") + "\n新增一段。\n", encoding="utf-8"
    )
    out, err = run("import", str(tmp_path))
    assert "1 skipped" in out
    assert "courses/02-tools/01-auto-reply.md: skipped, edited in the admin" in err
    assert LessonPage.objects.get(slug="auto-reply").title == "培训师改过的标题"
    out, _ = run("import", str(tmp_path), "--force")
    assert "1 updated" in out
    assert LessonPage.objects.get(slug="auto-reply").title == "自动回复"


def test_failed_import_writes_nothing(site_tree, tmp_path):
    small_tree(tmp_path)
    (tmp_path / "courses/02-tools/03-broken.md").write_text(
        "---\ntitle: 坏文件\n---\n\n正文\n", encoding="utf-8"
    )
    with pytest.raises(ContentImportError):
        content_import(root=tmp_path)
    assert not CoursePage.objects.exists()
    assert not ImportedSource.objects.exists()


def test_failure_inside_the_transaction_rolls_everything_back(
    site_tree, tmp_path, monkeypatch
):
    small_tree(tmp_path)
    from lms.courses import importing

    original = importing._Importer.import_lesson
    calls = {"n": 0}

    def explode_on_fourth(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(importing._Importer, "import_lesson", explode_on_fourth)
    with pytest.raises(RuntimeError):
        content_import(root=tmp_path)
    assert not CoursePage.objects.exists()
    assert not LessonPage.objects.exists()


def test_renumbered_lessons_are_moved_not_duplicated(site_tree, tmp_path):
    small_tree(tmp_path)
    run("import", str(tmp_path))
    course_dir = tmp_path / "courses/02-tools"
    (course_dir / "01-auto-reply.md").rename(course_dir / "03-auto-reply.md")
    out, _ = run("import", str(tmp_path))
    tools = CoursePage.objects.get(slug="tools")
    lessons = LessonPage.objects.child_of(tools).order_by("path")
    assert [lesson.slug for lesson in lessons] == ["quick-phrases", "auto-reply"]
    assert LessonPage.objects.filter(slug="auto-reply").count() == 1


CHECK_CASES = [
    (
        "01-basics/01-lesson-1.md",
        "---\ntitle: [坏\nestimated_minutes: 5\n---\n\n正文\n",
        "01-basics/01-lesson-1.md:3: invalid YAML",
    ),
    (
        "01-basics/01-lesson-1.md",
        "---\ntitle: 课\nestimated_minutes: 5\ncolour: red\n---\n\n正文\n",
        "01-basics/01-lesson-1.md:4: unknown",
    ),
    (
        "01-basics/01-lesson-1.md",
        "---\ntitle: 课\n---\n\n正文\n",
        "01-basics/01-lesson-1.md:",
    ),
    (
        "01-basics/01-lesson-1.md",
        "---\ntitle: 课\nestimated_minutes: 5\n---\n\n正文\n\n```tipp\n内容\n```\n",
        "01-basics/01-lesson-1.md:8: unknown block",
    ),
    (
        "01-basics/02-lesson-1.md",
        "---\ntitle: 同名\nestimated_minutes: 5\n---\n\n正文\n",
        "is also used by",
    ),
    (
        "01-basics/01-lesson-1.md",
        "---\ntitle: 课\nestimated_minutes: 5\n---\n\n"
        "```figure\nimage: images/nope.png\ncaption: 图\n```\n",
        "images/nope.png",
    ),
]


@pytest.mark.parametrize(("relative", "text", "expected"), CHECK_CASES)
def test_check_reports_each_problem_with_path_and_line(
    site_tree, tmp_path, relative, text, expected
):
    small_tree(tmp_path)
    (tmp_path / "courses" / relative).write_text(text, encoding="utf-8")
    with pytest.raises(CommandError):
        run("import", str(tmp_path), "--check")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command(
            "content", "import", str(tmp_path), "--check", stdout=out, stderr=err
        )
    assert expected in err.getvalue()
    assert not CoursePage.objects.exists()


def test_check_reports_an_unknown_prerequisite(site_tree, tmp_path):
    small_tree(tmp_path)
    write_course(tmp_path, "03-extra", "额外课程", [], prerequisites=["nope"])
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("content", "import", str(tmp_path), "--check", stderr=err)
    assert "03-extra/index.md:" in err.getvalue()
    assert "nope" in err.getvalue()


def test_check_passes_on_a_good_tree_without_writing(site_tree, tmp_path):
    small_tree(tmp_path)
    out, err = run("import", str(tmp_path), "--check")
    assert "2 courses, 4 lessons checked" in out
    assert err == ""
    assert not CoursePage.objects.exists()


def test_export_writes_the_same_files_back(site_tree, tmp_path):
    source = small_tree(tmp_path / "source")
    run("import", str(source))
    run("export", str(tmp_path / "out"))
    assert_same_tree(source / "courses", tmp_path / "out" / "courses")


def test_the_real_curriculum_imports_and_round_trips(site_tree, tmp_path):
    content = Path(settings.BASE_DIR) / "content"
    out, _ = run("import", str(content))
    assert "0 updated" in out and "0 skipped" in out
    assert LessonPage.objects.live().count() >= 24
    run("export", str(tmp_path))
    assert_same_tree(content / "courses", tmp_path / "courses")


def assert_same_tree(expected: Path, actual: Path) -> None:
    expected_files = sorted(
        p.relative_to(expected) for p in expected.rglob("*") if p.is_file()
    )
    actual_files = sorted(
        p.relative_to(actual) for p in actual.rglob("*") if p.is_file()
    )
    assert actual_files == expected_files
    for relative in expected_files:
        assert (actual / relative).read_bytes() == (expected / relative).read_bytes(), (
            relative
        )
