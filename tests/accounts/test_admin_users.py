"""Admins manage the academy's user fields (姓名, 工号, team, cohort) in Wagtail."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from lms.accounts.roles import LEARNER
from tests.factories import CohortFactory, TeamFactory


def test_admin_creates_a_learner_with_employee_number_team_and_cohort(
    client, admin_user
):
    team, cohort = TeamFactory(name="客服二组"), CohortFactory(name="2026年12月批")
    client.force_login(admin_user)
    form = client.get("/admin/users/new/").content.decode()
    assert 'name="employee_no"' in form and 'name="cohort"' in form
    response = client.post(
        "/admin/users/new/",
        {
            "username": "xiaoman",
            "email": "xiaoman@example.com",
            "first_name": "",
            "last_name": "",
            "display_name": "张小满",
            "employee_no": "KF2026088",
            "team": team.id,
            "cohort": cohort.id,
            "hire_date": "2026-12-01",
            "password1": "Kefu-academy-2026!",
            "password2": "Kefu-academy-2026!",
            "groups": [Group.objects.get(name=LEARNER).id],
        },
    )
    errors = (response.status_code, response.content.decode()[:300])
    assert response.status_code == 302, errors
    user = get_user_model().objects.get(username="xiaoman")
    assert (user.display_name, user.employee_no) == ("张小满", "KF2026088")
    assert (user.team, user.cohort) == (team, cohort)


def test_admin_edit_form_shows_the_academy_fields(client, admin_user, learner):
    client.force_login(admin_user)
    html = client.get(f"/admin/users/edit/{learner.pk}/").content.decode()
    assert 'name="display_name"' in html and 'value="林晓雨"' in html
