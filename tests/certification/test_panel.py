"""The learner's certification panel: requirements ticked or open with links,
and the certificate with its download link once held."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from lms.certification.recertification import path_rules_changed
from tests.certification import helpers

pytestmark = pytest.mark.django_db


def panel(client, user) -> str:
    client.force_login(user)
    response = client.get("/certificates/")
    assert response.status_code == 200
    return response.content.decode()


def marks(html) -> list[tuple[str, str]]:
    rows = html.split('data-testid="cert-req"')[1:]
    return [
        (
            row.split('data-kind="')[1].split('"')[0],
            row.split('data-done="')[1].split('"')[0],
        )
        for row in rows
    ]


def test_a_new_learner_sees_the_open_paths_with_nothing_ticked(client, world, learner):
    html = panel(client, learner)
    assert "售前客服上岗认证" in html
    assert marks(html) == [
        ("course", "0"),
        ("course", "0"),
        ("quiz", "0"),
        ("quiz", "0"),
        ("quiz", "0"),
        ("drill", "0"),
        ("drill", "0"),
        ("drill_average", "0"),
    ]
    assert 'data-testid="cert-download"' not in html


def test_each_requirement_links_to_where_it_is_done(client, world, learner):
    html = panel(client, learner)
    assert 'href="/courses/cert-rules/"' in html
    assert 'href="/quizzes/cert-exam/"' in html
    assert 'action="/drills/scenarios/bargain-basic/start/"' in html
    assert "csrfmiddlewaretoken" in html


def test_met_requirements_are_ticked_with_their_scores(client, almost, learner):
    client.cookies["lms_language"] = "en"
    html = panel(client, learner)
    assert [done for _kind, done in marks(html)] == ["1"] * 4 + ["0"] + ["1"] * 3
    assert "best 80, needs 80" in html  # the talk quiz, at its pass mark
    assert "needs 85" in html  # the exam, not taken yet
    assert "Drill average" in html and "85, needs 75" in html


def test_the_certificate_appears_with_its_download_link(client, certified, learner):
    html = panel(client, learner)
    assert f'href="/certificates/{certified.serial}/pdf/"' in html
    assert certified.serial in html
    assert 'data-testid="cert-status"' in html


def test_a_learner_to_retrain_sees_the_reason_and_what_to_redo(
    client, certified, learner, world, trainer
):
    path_rules_changed(course=world["rules"], actor=trainer, reason="退货规则更新")
    html = panel(client, learner)
    assert "退货规则更新" in html and 'data-testid="cert-retraining"' in html
    done = dict(zip(["rules", "talk", "rules_quiz"], marks(html)[:3], strict=True))
    assert done["rules"] == ("course", "0") and done["rules_quiz"] == ("quiz", "0")
    assert done["talk"] == ("course", "1")


def test_only_the_learners_assigned_paths_are_shown_once_started(
    client, world, learner, index
):
    helpers.path(slug="cert-aftersales", title="售后客服上岗认证")
    assert "售后客服上岗认证" in panel(client, learner)  # nothing started yet
    helpers.take_quiz(learner, world["rules_quiz"], score=50)
    assert "售后客服上岗认证" not in panel(client, learner)


def test_the_tag_renders_in_any_template_such_as_the_dashboard(world, learner):
    request = RequestFactory().get("/dashboard/")
    request.user = learner
    html = Template(
        "{% load certification_tags %}{% certification_paths_panel %}"
    ).render(Context({"request": request}))
    assert 'data-testid="certification-panel"' in html and "售前客服上岗认证" in html


def test_the_panel_is_empty_for_anonymous_visitors(world):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    html = Template(
        "{% load certification_tags %}{% certification_paths_panel %}"
    ).render(Context({"request": request}))
    assert 'data-testid="cert-path"' not in html
