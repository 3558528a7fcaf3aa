"""Statistics read a fixed number of queries, however many attempts there are."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.accounts.roles import TRAINER
from lms.quizzes.stats import quiz_stats
from tests.quizzes.test_stats import make_quiz, take_many


def queries_of(action) -> int:
    with CaptureQueriesContext(connection) as context:
        action()
    return len(context.captured_queries)


@pytest.fixture
def quiz(site_tree):
    quiz = make_quiz()
    take_many(quiz, 10)
    return quiz


def test_stats_function_uses_the_same_queries_for_10_and_100_attempts(
    quiz, django_assert_max_num_queries
):
    with_ten = queries_of(lambda: quiz_stats(quiz=quiz))
    assert with_ten <= 3
    take_many(quiz, 90, start=10)
    with django_assert_max_num_queries(with_ten):
        stats = quiz_stats(quiz=quiz)
    assert stats.attempts == 100


def test_stats_page_uses_the_same_queries_for_10_and_100_attempts(
    client, trainer, quiz, django_assert_max_num_queries
):
    Group.objects.get(name=TRAINER).permissions.add(
        *Permission.objects.filter(content_type__app_label="quizzes")
    )
    client.force_login(trainer)
    url = reverse("quiz_quizzes:stats", args=(quiz.pk,))
    client.get(url)  # warm Wagtail's and Django's per-process caches
    with_ten = queries_of(lambda: client.get(url))
    take_many(quiz, 90, start=10)
    with django_assert_max_num_queries(with_ten):
        response = client.get(url)
    assert response.status_code == 200
    assert "100" in response.content.decode()
