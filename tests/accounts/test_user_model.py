import pytest
from django.db import IntegrityError

from tests.factories import LearnerFactory, UserFactory


def test_display_name_is_the_full_name(db):
    user = UserFactory(display_name="张小满", first_name="", last_name="")
    assert user.get_full_name() == "张小满"
    assert str(user) == "张小满"


def test_empty_employee_numbers_do_not_collide(db):
    UserFactory(employee_no="")
    UserFactory(employee_no="")


def test_employee_number_is_unique(db):
    UserFactory(employee_no="KF001")
    with pytest.raises(IntegrityError):
        UserFactory(employee_no="KF001")


def test_learner_has_team_cohort_and_hire_date_fields(db):
    learner = LearnerFactory(hire_date="2026-11-02")
    learner.refresh_from_db()
    assert learner.team.name and learner.cohort.name
    assert str(learner.hire_date) == "2026-11-02"
