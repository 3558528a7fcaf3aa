"""Lessons show quick phrases from content/drills/quick_phrases.yaml, never a copy."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from lms.courses.importing import ContentImportError, content_check, content_import
from lms.courses.models import LessonPage
from lms.drills.phrases import load_quick_phrases
from tests.courses.content_fixtures import write_course, write_phrases

CONTENT = Path(settings.BASE_DIR) / "content"
LIBRARY = {p.code: p for p in load_quick_phrases(CONTENT / "drills/quick_phrases.yaml")}
# A /code as lessons write it: in a phrase block, in backticks, or after “输入”.
CODE_MENTION = re.compile(r"(?<![\w/:.])/[a-z]{2,5}(?![\w/])")

PHRASE_LESSON = """---
title: 欢迎语
estimated_minutes: 10
---

## 开场

顾客进店先问好，再问需求，这一句可以直接用短语库发出。

```phrase
code: {code}
when: 顾客第一次发来消息时
```
"""


def lesson_files():
    return sorted((CONTENT / "courses").glob("*/*.md"))


@pytest.mark.parametrize(
    "path", lesson_files(), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_every_code_a_lesson_names_is_in_the_phrase_library(path):
    text = path.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[-1]
    missing = sorted(set(CODE_MENTION.findall(body)) - set(LIBRARY))
    assert missing == [], f"{path}: codes not in quick_phrases.yaml: {missing}"


def test_no_lesson_carries_its_own_copy_of_a_phrase_text():
    copies = [
        str(path)
        for path in lesson_files()
        for block in re.findall(r"```phrase\n(.*?)```", path.read_text("utf-8"), re.S)
        if re.search(r"^text:", block, re.M)
    ]
    assert copies == []


def test_an_unknown_code_is_refused_with_its_file_and_line(tmp_path):
    course = write_course(tmp_path, "01-basics", "岗位基础", [])
    lesson = course / "01-welcome.md"
    lesson.write_text(PHRASE_LESSON.format(code="/nope"), encoding="utf-8")
    _courses, problems = content_check(tmp_path)
    assert [str(p) for p in problems] == [
        f"{lesson}:10: 'phrase' block: /nope is not in "
        f"{tmp_path / 'drills' / 'quick_phrases.yaml'} "
        "(add it there; lessons hold only the code)"
    ]


def test_a_text_key_in_a_phrase_block_is_refused():
    from lms.courses.source import parse_document

    text = PHRASE_LESSON.format(code="/hy").replace("when:", "text: 您好\nwhen:")
    _doc, problems = parse_document(text, "x.md", kind="lesson")
    assert [str(p) for p in problems] == [
        "x.md:12: 'phrase' block: unknown key 'text' (allowed: code, when)"
    ]


@pytest.mark.django_db
def test_the_lesson_shows_the_library_text_and_follows_a_change_to_it(
    site_tree, tmp_path, settings
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    course = write_course(tmp_path, "01-basics", "岗位基础", [])
    (course / "01-welcome.md").write_text(
        PHRASE_LESSON.format(code="/hy"), encoding="utf-8"
    )
    content_import(root=tmp_path)
    lesson = LessonPage.objects.get(slug="welcome")
    assert (
        lesson.body[1].value["text"] == "您好，欢迎光临轻风运动旗舰店，有什么可以帮您？"
    )

    library = write_phrases(tmp_path)
    library.write_text(
        library.read_text("utf-8").replace("有什么可以帮您？", "请问想看哪一款？"),
        encoding="utf-8",
    )
    report = content_import(root=tmp_path)
    assert report.updated == ["courses/01-basics/01-welcome.md"]
    lesson = LessonPage.objects.get(slug="welcome")
    assert (
        lesson.body[1].value["text"] == "您好，欢迎光临轻风运动旗舰店，请问想看哪一款？"
    )


@pytest.mark.django_db
def test_a_missing_code_imports_nothing(site_tree, tmp_path):
    course = write_course(tmp_path, "01-basics", "岗位基础", [])
    (course / "01-welcome.md").write_text(
        PHRASE_LESSON.format(code="/zz"), encoding="utf-8"
    )
    with pytest.raises(ContentImportError):
        content_import(root=tmp_path)
    assert not LessonPage.objects.exists()


def test_the_admin_block_takes_its_text_from_the_library_and_refuses_unknown_codes():
    from wagtail.blocks import StructBlockValidationError

    from lms.courses.blocks import PhraseBlock

    block = PhraseBlock()
    value = block.clean(
        block.to_python({"code": "/wl", "text": "随便写的", "when": "查物流时"})
    )
    assert value["text"] == LIBRARY["/wl"].text
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(block.to_python({"code": "/nope", "text": "", "when": "任何时候"}))
    assert "/nope" in str(refused.value.block_errors["code"])
