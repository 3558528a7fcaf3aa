"""The Wagtail admin: paths with their requirements inline, and "Require
recertification" from the menu or from a rules course's header."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from lms.certification.models import CertificationPath, PathAssignment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["trainer", "admin_user"])
def test_trainers_and_admins_manage_paths(client, world, role, request):
    client.force_login(request.getfixturevalue(role))
    index = client.get("/admin/certification/paths/")
    assert index.status_code == 200 and "售前客服上岗认证" in index.content.decode()
    edit = client.get(f"/admin/certification/paths/edit/{world['path'].pk}/")
    assert edit.status_code == 200
    html = edit.content.decode()
    assert "course_requirements-TOTAL_FORMS" in html
    assert "quiz_requirements-TOTAL_FORMS" in html
    assert "drill_requirements-TOTAL_FORMS" in html


def test_hr_has_no_access_to_the_admin(client, world, hr):
    client.force_login(hr)
    assert client.get("/admin/certification/paths/").status_code == 403


def test_a_trainer_creates_a_path_with_requirements_inline(client, world, trainer):
    client.force_login(trainer)
    data = nested_form_data(
        {
            "title": "售后客服上岗认证",
            "slug": "cert-after",
            "description": "",
            "validity_months": 12,
            "drill_average_min": 70,
            "is_active": "on",
            "course_requirements": inline_formset([{"course": world["rules"].pk}]),
            "quiz_requirements": inline_formset(
                [{"quiz": world["exam"].pk, "min_score": 90}]
            ),
            "drill_requirements": inline_formset(
                [{"scenario": world["drills"][0].pk, "must_pass": "on"}]
            ),
        }
    )
    response = client.post("/admin/certification/paths/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    path = CertificationPath.objects.get(slug="cert-after")
    assert path.version == 1
    assert [r.course for r in path.course_requirements.all()] == [world["rules"]]
    assert [(r.quiz, r.min_score) for r in path.quiz_requirements.all()] == [
        (world["exam"], 90)
    ]
    assert path.drill_requirements.get().must_pass


def test_the_rules_change_page_shows_the_paths_and_holders_affected(
    client, certified, world, trainer
):
    client.force_login(trainer)
    url = f"/admin/certification/rules-change/?course={world['rules'].pk}"
    html = client.get(url).content.decode()
    assert "售前客服上岗认证" in html and "v1 → v2" in html
    assert "1 holder" in html or "1 名持证人" in html


def test_a_trainer_requires_recertification_from_the_admin(
    client, certified, world, trainer, learner
):
    client.force_login(trainer)
    response = client.post(
        f"/admin/certification/rules-change/?course={world['rules'].pk}",
        {"course": world["rules"].pk, "reason": "差评处理规则更新"},
    )
    assert response.status_code == 302
    world["path"].refresh_from_db()
    assert world["path"].version == 2
    assert PathAssignment.objects.get(user=learner).needs_recertification


def test_the_rules_change_page_needs_a_reason(client, certified, world, trainer):
    client.force_login(trainer)
    response = client.post(
        "/admin/certification/rules-change/",
        {"course": world["rules"].pk, "reason": ""},
    )
    assert response.status_code == 200
    world["path"].refresh_from_db()
    assert world["path"].version == 1


def test_a_rules_course_offers_the_button_in_its_header(client, world, trainer):
    client.force_login(trainer)
    html = client.get(f"/admin/pages/{world['rules'].pk}/edit/").content.decode()
    assert f"/admin/certification/rules-change/?course={world['rules'].pk}" in html


def test_a_course_no_path_requires_has_no_such_button(client, world, trainer, index):
    from tests.certification import helpers

    loose = helpers.course(index, "cert-loose")
    client.force_login(trainer)
    html = client.get(f"/admin/pages/{loose.pk}/edit/").content.decode()
    assert f"rules-change/?course={loose.pk}" not in html
