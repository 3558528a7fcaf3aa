import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import PASSWORD


def test_learner_logs_in_and_lands_on_the_dashboard(client, learner):
    response = client.post(
        reverse("accounts:login"), {"username": "learner", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


@pytest.mark.parametrize(
    ("role", "home"),
    [("trainer", "/admin/"), ("hr", "/hr/"), ("admin_user", "/admin/")],
)
def test_staff_land_where_they_work(client, request, role, home):
    user = request.getfixturevalue(role)
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == home
    # Already logged in, the login page sends them there too.
    assert client.get(reverse("accounts:login"))["Location"] == home


def test_a_safe_next_wins_over_the_role_home(client, hr):
    response = client.post(
        reverse("accounts:login") + "?next=/hr/certificates/",
        {"username": "hr", "password": PASSWORD, "next": "/hr/certificates/"},
    )
    assert response["Location"] == "/hr/certificates/"


def test_a_next_to_another_site_is_ignored(client, trainer):
    response = client.post(
        reverse("accounts:login"),
        {"username": "trainer", "password": PASSWORD, "next": "https://evil.test/"},
    )
    assert response["Location"] == "/admin/"


def test_the_admin_sends_people_to_the_sites_login_page(client, trainer):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"
    response = client.post(
        "/accounts/login/?next=/admin/pages/",
        {"username": "trainer", "password": PASSWORD, "next": "/admin/pages/"},
    )
    assert response["Location"] == "/admin/pages/"


def test_the_login_page_speaks_chinese(client, site_tree):
    with translation.override("zh-hans"):
        html = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "登录" in html.content.decode()


def test_wrong_password_shows_an_error(client, learner):
    response = client.post(
        reverse("accounts:login"), {"username": "learner", "password": "nope"}
    )
    assert response.status_code == 200
    assert "form-errors" in response.content.decode()


def test_logout_needs_a_post(client, learner):
    client.force_login(learner)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


def test_password_change_works_on_the_learner_site(client, learner):
    client.force_login(learner)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-Passw0rd-2026",
            "new_password2": "a-new-Passw0rd-2026",
        },
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.check_password("a-new-Passw0rd-2026")


def test_repeated_wrong_passwords_lock_the_login(client, learner):
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": "learner", "password": "guess"})
    response = client.post(url, {"username": "learner", "password": PASSWORD})
    assert response.status_code == 429
    assert "15" in response.content.decode()


def test_learner_is_refused_at_the_admin(client, learner):
    client.force_login(learner)
    response = client.get("/admin/")
    assert response.status_code == 403


def test_trainer_reaches_the_admin(client, trainer):
    client.force_login(trainer)
    assert client.get("/admin/").status_code == 200


def test_forms_carry_csrf_tokens(client, learner):
    client.force_login(learner)
    html = client.get(reverse("accounts:password_change")).content.decode()
    assert "csrfmiddlewaretoken" in html
