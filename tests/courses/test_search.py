"""Site search over the real curriculum, on SQLite and PostgreSQL.

Chinese words are found inside sentences, a page whose title matches comes
first, and all of it right after an install whose task worker never ran.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from lms.courses.models import LessonPage
from lms.courses.search import search_pages

INDEX_TASK = "modelsearch.tasks.insert_or_update_object_task"


@pytest.fixture
def no_worker(settings):
    """The task backend an install uses, with no `lms db_worker`: tasks only queue."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def result_urls(client, query: str) -> list[str]:
    html = client.get("/search/", {"q": query}).content.decode()
    return re.findall(r'<h2><a href="([^"]+)"', html)


def test_quickstart_without_a_worker_leaves_a_search_that_finds_everything(
    db, no_worker, settings, tmp_path, client
):
    settings.VAR_DIR = tmp_path
    call_command("quickstart", "--no-serve")
    queued = DBTaskResult.objects.filter(task_path=INDEX_TASK)
    assert queued.exists()  # saving the pages queued their indexing ...
    assert not queued.exclude(status=TaskResultStatus.READY).exists()  # ... unrun

    # A number glued to Chinese in the query; the lessons write "7 天无理由".
    assert {"/courses/aftersales/returns/", "/courses/product/catalogue/"} <= set(
        result_urls(client, "7天无理由")
    )
    assert "/courses/aftersales/logistics/" in result_urls(client, "48小时")
    # The lesson of that title comes before 平台规则, the course that mentions it.
    assert result_urls(client, "广告法极限词")[0] == "/courses/platform-rules/ad-law/"


QUERIES = {
    "自动回复": "/courses/qianniu/auto-reply/",
    "快捷短语": "/courses/qianniu/quick-phrases/",
    "好评返现": "/courses/platform-rules/no-cashback/",
}


def test_content_import_indexes_the_curriculum_for_search_without_a_worker(
    site_tree, no_worker, client, trainer
):
    # One import of the real curriculum serves every check (it takes seconds).
    call_command("content", "import", str(Path(django_settings.BASE_DIR) / "content"))
    for query, expected_url in QUERIES.items():
        assert result_urls(client, query)[0] == expected_url, query
    assert search_pages("量子纠缠") == []

    for lesson in LessonPage.objects.live():
        first = search_pages(lesson.title)[0].page
        assert first.id == lesson.id, f"{lesson.title}: {first.title} came first"

    client.force_login(trainer)
    html = client.get("/admin/pages/search/", {"q": "快捷短语"}).content.decode()
    quick = Page.objects.get(url_path__endswith="/qianniu/quick-phrases/")
    assert f"/admin/pages/{quick.id}/edit/" in html
