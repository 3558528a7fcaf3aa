"""Course and lesson pages cost the same queries with 5 or 50 lessons."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.courses.models import LessonPage
from tests.courses.pages import make_course


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("page_kind", ["course", "lesson", "catalogue", "dashboard"])
def test_page_queries_do_not_grow_with_lessons(
    client, site_tree, learner, page_kind, django_assert_max_num_queries
):
    _home, index = site_tree
    small = make_course(index, "small", lessons=5)
    large = make_course(index, "large", lessons=50)
    client.force_login(learner)

    def url(course):
        if page_kind == "course":
            return course.url
        if page_kind == "lesson":
            return LessonPage.objects.child_of(course).order_by("path")[2].url
        return "/courses/" if page_kind == "catalogue" else "/dashboard/"

    small_url, large_url = url(small), url(large)
    client.get(small_url)  # warm per-process caches (site root paths)
    client.get(large_url)
    small_count = count_queries(client, small_url)
    with django_assert_max_num_queries(small_count):
        client.get(large_url)
