"""Lesson bodies are rendered once per published revision and language."""

from django.utils import translation

from lms.courses import body_cache
from lms.courses.models import LessonPage
from tests.courses.pages import make_course


def lesson_of(index) -> LessonPage:
    course = make_course(index, "qianniu", lessons=1)  # static, quiz and drill blocks
    lesson = LessonPage.objects.child_of(course).get()
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    return lesson


def test_a_revision_is_rendered_once_and_reused(site_tree):
    _home, index = site_tree
    lesson = lesson_of(index)
    first = body_cache.lesson_body_parts(lesson)
    again = body_cache.lesson_body_parts(LessonPage.objects.get(id=lesson.id))
    assert again is first
    html = "".join(str(part) for part in first if body_cache.is_html(part))
    assert "自动回复" in html


def test_quiz_and_drill_blocks_stay_live_for_each_viewer(site_tree):
    _home, index = site_tree
    parts = body_cache.lesson_body_parts(lesson_of(index))
    live = [part.block_type for part in parts if not body_cache.is_html(part)]
    assert live == ["quiz", "drill"]


def test_a_new_revision_is_rendered_anew(client, site_tree, learner):
    _home, index = site_tree
    lesson = lesson_of(index)
    client.force_login(learner)
    assert "自动回复" in client.get(lesson.url).content.decode()
    lesson.body = [("markdown", "## 新标题\n\n换了一段新的正文。")]
    lesson.save_revision().publish()
    page = client.get(lesson.url).content.decode()
    assert "换了一段新的正文" in page and "自动回复" not in page


def test_each_language_has_its_own_copy(site_tree):
    _home, index = site_tree
    lesson = lesson_of(index)
    with translation.override("zh-hans"):
        chinese = body_cache.lesson_body_parts(lesson)
    with translation.override("en"):
        english = body_cache.lesson_body_parts(lesson)
    assert chinese is not english
