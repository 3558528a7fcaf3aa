"""The shipped curriculum meets the bar set for it (no database needed)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from lms.courses.markdown import plain_text
from lms.courses.source import scan_content_tree
from lms.courses.source_phrases import phrases_file, resolve_phrases

ROOT = Path(settings.BASE_DIR) / "content" / "courses"
COURSES, PROBLEMS = scan_content_tree(ROOT)
PROBLEMS += resolve_phrases(COURSES, phrases_file(ROOT))
LESSONS = [lesson for course in COURSES for lesson in course.lessons]
SPECIAL = {"steps", "dodont", "phrase", "rule", "tip", "warning", "figure"}


def lesson_text(lesson) -> str:
    parts = []
    for block in lesson.document.blocks:
        if block.type in ("markdown", "tip", "warning"):
            parts.append(plain_text(block.value))
        elif isinstance(block.value, dict):
            parts.append(str(block.value))
    return re.sub(r"\s+", "", "".join(parts))


def test_the_content_tree_has_no_problems():
    assert [str(problem) for problem in PROBLEMS] == []


def test_the_seven_courses_are_there_in_order():
    assert [course.slug for course in COURSES] == [
        "role",
        "qianniu",
        "seller-tools",
        "platform-rules",
        "communication",
        "product",
        "aftersales",
    ]


def test_there_are_at_least_24_lessons():
    assert len(LESSONS) >= 24


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.path.name)
def test_each_lesson_teaches_at_least_400_characters_with_a_practice_block(lesson):
    assert len(lesson_text(lesson)) >= 400
    assert SPECIAL & {block.type for block in lesson.document.blocks}


def test_every_course_ends_with_its_quiz():
    for course in COURSES:
        last = course.lessons[-1].document.blocks
        assert ("quiz", f"{course.slug}-quiz") in [(b.type, b.value) for b in last]


def test_store_file_defines_the_demo_store():
    import yaml

    store = yaml.safe_load((ROOT.parent / "store.yaml").read_text(encoding="utf-8"))
    skus = {product["sku"]: product for product in store["products"]}
    assert skus["SH-1024"]["price"] == 299
    assert len(skus) >= 10
    assert "满300减20" in str(store["promotions"])
