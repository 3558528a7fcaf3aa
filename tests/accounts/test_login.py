from django.urls import reverse

from tests.factories import PASSWORD


def test_learner_logs_in_and_lands_on_the_dashboard(client, learner):
    response = client.post(
        reverse("accounts:login"), {"username": "learner", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


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
