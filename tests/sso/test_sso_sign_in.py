"""Company sign-in against a real OpenID Connect provider (tests/sso/conftest.py),
over real HTTP: who is matched, who is refused, who may be created."""

import pytest
import requests
from django.contrib.auth import get_user_model

from lms.accounts.roles import LEARNER
from tests.factories import PASSWORD, HRFactory, LearnerFactory, TrainerFactory

from .flow import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

User = get_user_model()


def test_a_learner_is_matched_by_employee_number(live_server, sso_settings, site_tree):
    learner = LearnerFactory(
        username="zw", employee_no="KF1001", email="old-address@example.com"
    )
    outcome = sign_in(live_server.url, "zhang.wei")
    assert outcome.path == "/dashboard/"
    assert outcome.user_id == learner.pk
    # Linked now: the provider's account belongs to this learner from here on.
    assert learner.socialaccount_set.get().provider == "company"


def test_a_learner_is_matched_by_a_verified_email(live_server, sso_settings, site_tree):
    learner = LearnerFactory(username="ln", email="Li.Na@corp.example")
    outcome = sign_in(live_server.url, "li.na")
    assert outcome.user_id == learner.pk


def test_an_email_match_with_another_employee_number_is_refused(
    live_server, sso_settings, site_tree
):
    other = LearnerFactory(
        username="zw2", email="zhang.wei@corp.example", employee_no="KF7777"
    )
    outcome = sign_in(live_server.url, "zhang.wei")
    assert outcome.user_id is None
    assert "different employee number" in outcome.response.text
    assert not other.socialaccount_set.exists()


def test_an_unverified_email_matches_no_one(live_server, sso_settings, site_tree):
    LearnerFactory(username="wf", email="wang.fang@corp.example")
    outcome = sign_in(live_server.url, "wang.fang")
    assert outcome.path == "/accounts/login/"
    assert outcome.user_id is None
    assert "does not match any academy account" in outcome.response.text


def test_an_unmatched_person_is_refused_and_nobody_is_created(
    live_server, sso_settings, site_tree
):
    users_before = User.objects.count()
    outcome = sign_in(live_server.url, "zhao.lei")
    assert outcome.path == "/accounts/login/"
    assert outcome.user_id is None
    assert "Ask your training lead" in outcome.response.text
    assert User.objects.count() == users_before


def test_creating_accounts_when_allowed_makes_a_learner(
    live_server, sso_settings, site_tree
):
    sso_settings(LMS_SSO_CREATE_USERS="true")
    outcome = sign_in(live_server.url, "zhao.lei")
    assert outcome.path == "/dashboard/"
    created = User.objects.get(employee_no="KF2002")
    assert outcome.user_id == created.pk
    assert created.display_name == "赵磊"
    assert created.email == "zhao.lei@corp.example"
    assert not created.has_usable_password()
    assert list(created.groups.values_list("name", flat=True)) == [LEARNER]
    # The next sign-in finds the same account.
    assert sign_in(live_server.url, "zhao.lei").user_id == created.pk
    assert User.objects.filter(employee_no="KF2002").count() == 1


def test_creating_never_takes_over_an_unverified_address(
    live_server, sso_settings, site_tree
):
    sso_settings(LMS_SSO_CREATE_USERS="true")
    owner = LearnerFactory(username="wf", email="wang.fang@corp.example")
    users_before = User.objects.count()
    outcome = sign_in(live_server.url, "wang.fang")
    assert outcome.path == "/accounts/login/"
    assert outcome.user_id is None
    assert "not verified" in outcome.response.text
    assert User.objects.count() == users_before
    assert not owner.socialaccount_set.exists()


@pytest.mark.parametrize(
    ("factory", "person", "employee_no", "home"),
    [
        (TrainerFactory, "chen.trainer", "PX0001", "/admin/"),
        (HRFactory, "hr.wang", "RS0001", "/hr/"),
    ],
)
def test_staff_land_where_they_work(
    live_server, sso_settings, site_tree, factory, person, employee_no, home
):
    staff = factory(employee_no=employee_no)
    outcome = sign_in(live_server.url, person)
    assert outcome.user_id == staff.pk
    assert outcome.path == home


def test_a_safe_next_is_kept_through_the_provider(live_server, sso_settings, site_tree):
    HRFactory(employee_no="RS0001")
    outcome = sign_in(live_server.url, "hr.wang", next_url="/hr/certificates/")
    assert outcome.path == "/hr/certificates/"


def test_a_next_to_another_site_is_ignored(live_server, sso_settings, site_tree):
    TrainerFactory(employee_no="PX0001")
    outcome = sign_in(live_server.url, "chen.trainer", next_url="https://evil.test/")
    assert outcome.path == "/admin/"


def test_a_disabled_account_is_refused_even_when_linked(
    live_server, sso_settings, site_tree
):
    learner = LearnerFactory(username="zw", employee_no="KF1001")
    assert sign_in(live_server.url, "zhang.wei").user_id == learner.pk
    learner.is_active = False
    learner.save()
    outcome = sign_in(live_server.url, "zhang.wei")
    assert outcome.user_id is None
    assert outcome.path == "/accounts/login/"
    assert "disabled" in outcome.response.text


def test_a_signed_in_learner_cannot_link_a_company_account_by_hand(
    live_server, sso_settings, site_tree
):
    learner = LearnerFactory(username="ln2", email="someone@example.com")
    session = requests.Session()
    session.get(f"{live_server.url}/accounts/login/")
    session.post(
        f"{live_server.url}/accounts/login/",
        data={
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
            "username": "ln2",
            "password": PASSWORD,
        },
    )
    outcome = sign_in(live_server.url, "zhao.lei", process="connect", session=session)
    assert "Company sign-in did not work" in outcome.response.text
    assert not learner.socialaccount_set.exists()
