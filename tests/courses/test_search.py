"""Chinese search finds words inside sentences, on SQLite and PostgreSQL."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page

from lms.core.segmentation import segment
from lms.courses.search import search_pages


def test_segment_makes_bigrams_of_chinese_and_keeps_other_words():
    assert segment("设置自动回复") == "设置 置自 自动 动回 回复"
    assert segment("千牛 CSV 导入") == "千牛 csv 导入"
    assert segment("快捷短語") == segment("快捷短语")


QUERIES = {
    "自动回复": "/courses/qianniu/auto-reply/",
    "快捷短语": "/courses/qianniu/quick-phrases/",
    "好评返现": "/courses/platform-rules/no-cashback/",
}


def test_search_finds_curriculum_lessons_on_this_database(site_tree, client, trainer):
    # One import of the real curriculum serves every check (it takes seconds).
    call_command("content", "import", str(Path(settings.BASE_DIR) / "content"))
    for query, expected_url in QUERIES.items():
        lessons = [hit.page.url for hit in search_pages(query) if not hit.is_course]
        assert expected_url in lessons[:3], query
        html = client.get("/search/", {"q": query}).content.decode()
        assert f'href="{expected_url}"' in html, query
    assert search_pages("量子纠缠") == []

    client.force_login(trainer)
    html = client.get("/admin/pages/search/", {"q": "快捷短语"}).content.decode()
    quick = Page.objects.get(url_path__endswith="/qianniu/quick-phrases/")
    assert f"/admin/pages/{quick.id}/edit/" in html
