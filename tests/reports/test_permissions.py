"""HR and admins read everything under /hr/; trainers the roster and transcripts;
learners nothing (403); anonymous visitors are sent to log in."""

import pytest

from lms.reports.templatetags.report_tags import can_read_reports

PAGES = ["/hr/", "/hr/certificates/", "/hr/charts/", "/hr/exports/"]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, site_tree, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/accounts/login/?next={path}")


@pytest.mark.parametrize("path", PAGES)
def test_learners_are_forbidden(client, learner, path):
    client.force_login(learner)
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", PAGES)
def test_hr_and_admins_read_every_page(client, hr, admin_user, path):
    for user in (hr, admin_user):
        client.force_login(user)
        assert client.get(path).status_code == 200


def test_trainers_read_the_roster_but_not_certificates_charts_or_exports(
    client, trainer
):
    client.force_login(trainer)
    assert client.get("/hr/").status_code == 200
    for path in PAGES[1:]:
        assert client.get(path).status_code == 403
    html = client.get("/hr/").content.decode()
    assert "/hr/certificates/" not in html and "/hr/exports/new/" not in html


def test_a_learners_own_transcript_is_not_for_them_either(client, learner):
    client.force_login(learner)
    assert client.get(f"/hr/learners/{learner.pk}/").status_code == 403


def test_the_header_filter_shows_the_hr_link_to_staff_only(
    learner, trainer, hr, admin_user, django_user_model
):
    from django.contrib.auth.models import AnonymousUser

    assert not can_read_reports(AnonymousUser())
    assert not can_read_reports(learner)
    assert all(can_read_reports(user) for user in (trainer, hr, admin_user))
