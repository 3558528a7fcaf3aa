"""继续学习 (the home page's button and the dashboard's resume card) leads to
the next unfinished lesson, not back to the last lesson looked at."""

import re

from django.urls import reverse

from lms.courses.models import LessonPage
from tests.courses.pages import make_course


def lessons_of(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


def complete(client, lesson) -> None:
    client.get(lesson.url)
    client.post(reverse("courses:lesson_complete", args=[lesson.id]))


def links(html: str, testid: str) -> list[str]:
    return re.findall(rf'href="([^"]+)"[^>]*data-testid="{testid}"', html)


def test_it_skips_the_lessons_already_done(client, site_tree, learner):
    home, index = site_tree
    first, second, third = lessons_of(make_course(index, "qianniu", lessons=3))
    client.force_login(learner)
    complete(client, first)
    client.get(first.url)  # read it again: the last lesson looked at
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert links(dashboard, "resume") == [second.url]
    assert links(client.get(home.url).content.decode(), "continue-learning") == [
        second.url
    ]


def test_a_lesson_opened_ahead_does_not_skip_an_unfinished_one(
    client, site_tree, learner
):
    _home, index = site_tree
    first, second, third = lessons_of(make_course(index, "qianniu", lessons=3))
    client.force_login(learner)
    complete(client, first)
    client.get(third.url)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert links(dashboard, "resume") == [second.url]


def test_a_finished_course_hands_over_to_the_next_one_in_progress(
    client, site_tree, learner
):
    _home, index = site_tree
    role = lessons_of(make_course(index, "role", lessons=2))
    tools = lessons_of(make_course(index, "qianniu", lessons=1))
    client.force_login(learner)
    complete(client, role[0])
    for lesson in tools:
        complete(client, lesson)  # finished last
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert links(dashboard, "resume") == [role[1].url]


def test_with_nothing_under_way_the_button_opens_the_dashboard(
    client, site_tree, learner
):
    home, index = site_tree
    make_course(index, "qianniu", lessons=1)
    client.force_login(learner)
    html = client.get(home.url).content.decode()
    assert links(html, "continue-learning") == [reverse("dashboard")]
    assert 'data-testid="resume"' not in client.get(reverse("dashboard")).text
