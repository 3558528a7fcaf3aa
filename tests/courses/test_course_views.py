"""Catalogue, course and lesson pages, 完成本课, and the dashboard."""

from django.urls import reverse

from lms.courses.models import LessonPage, LessonProgress
from tests.courses.pages import make_course


def lessons_of(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


def test_catalogue_filters_by_track_and_audience(client, site_tree):
    _home, index = site_tree
    make_course(index, "rules", track="rules", title="平台规则")
    make_course(
        index, "after", track="aftersales", audience="aftersales", title="售后服务"
    )
    make_course(
        index, "product", track="product", audience="presales", title="商品知识"
    )
    html = client.get("/courses/?track=rules").content.decode()
    assert 'data-course="rules"' in html and 'data-course="after"' not in html
    html = client.get("/courses/?audience=aftersales").content.decode()
    assert 'data-course="after"' in html and 'data-course="rules"' in html
    assert 'data-course="product"' not in html
    assert client.get("/courses/?track=<script>").status_code == 200


def test_course_page_shows_lessons_progress_and_continue(client, site_tree, learner):
    _home, index = site_tree
    course = make_course(index, "qianniu", lessons=3)
    client.force_login(learner)
    first = lessons_of(course)[0]
    client.post(reverse("courses:lesson_complete", args=[first.id]))
    html = client.get(course.url).content.decode()
    assert 'value="33"' in html
    assert 'data-testid="continue"' in html
    assert "qianniu第2课" in html


def test_lesson_page_has_previous_next_and_complete_button(client, site_tree, learner):
    _home, index = site_tree
    course = make_course(index, "qianniu", lessons=3)
    first, second, third = lessons_of(course)
    client.force_login(learner)
    html = client.get(second.url).content.decode()
    assert f'href="{first.url}" rel="prev"' in html
    assert f'href="{third.url}" rel="next"' in html
    assert 'data-testid="complete-lesson"' in html
    assert LessonProgress.objects.filter(user=learner, lesson=second).exists()


def test_mark_complete_with_htmx_returns_the_updated_panel(client, site_tree, learner):
    _home, index = site_tree
    course = make_course(index, "qianniu", lessons=2)
    first = lessons_of(course)[0]
    client.force_login(learner)
    response = client.post(
        reverse("courses:lesson_complete", args=[first.id]), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert 'data-testid="lesson-done"' in html
    assert 'value="50"' in html
    assert "<html" not in html


def test_mark_complete_without_htmx_moves_to_the_next_lesson(
    client, site_tree, learner
):
    _home, index = site_tree
    course = make_course(index, "qianniu", lessons=2)
    first, second = lessons_of(course)
    client.force_login(learner)
    response = client.post(reverse("courses:lesson_complete", args=[first.id]))
    assert response["Location"] == second.url


def test_lessons_need_a_login(client, site_tree):
    _home, index = site_tree
    lesson = lessons_of(make_course(index, "qianniu", lessons=1))[0]
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_locked_course_names_the_missing_prerequisite(client, site_tree, learner):
    _home, index = site_tree
    basics = make_course(index, "role", lessons=1, title="客服岗位认知")
    tools = make_course(index, "qianniu", lessons=1, prerequisites=[basics])
    client.force_login(learner)
    html = client.get(tools.url).content.decode()
    assert 'data-testid="locked"' in html and "客服岗位认知" in html
    lesson = lessons_of(tools)[0]
    response = client.get(lesson.url)
    assert response.status_code == 403
    assert "客服岗位认知" in response.content.decode()
    response = client.post(reverse("courses:lesson_complete", args=[lesson.id]))
    assert response.status_code == 403


def test_trainers_read_locked_lessons(client, site_tree, trainer):
    _home, index = site_tree
    basics = make_course(index, "role", lessons=1)
    tools = make_course(index, "qianniu", lessons=1, prerequisites=[basics])
    client.force_login(trainer)
    assert client.get(lessons_of(tools)[0].url).status_code == 200


def test_dashboard_lists_in_progress_and_completed_courses(client, site_tree, learner):
    _home, index = site_tree
    done = make_course(index, "role", lessons=1, title="客服岗位认知")
    going = make_course(index, "qianniu", lessons=2, title="千牛工作台")
    client.force_login(learner)
    client.post(reverse("courses:lesson_complete", args=[lessons_of(done)[0].id]))
    client.post(reverse("courses:lesson_complete", args=[lessons_of(going)[0].id]))
    html = client.get(reverse("dashboard")).content.decode()
    in_progress = html.split("学习中" if "学习中" in html else "In progress")[1]
    assert (
        "千牛工作台"
        in in_progress.split("已完成" if "已完成" in html else "Completed")[0]
    )
    assert 'data-testid="resume"' in html


def test_complete_needs_post_and_csrf(site_tree, learner):
    from django.test import Client

    _home, index = site_tree
    lesson = lessons_of(make_course(index, "qianniu", lessons=1))[0]
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    url = reverse("courses:lesson_complete", args=[lesson.id])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
