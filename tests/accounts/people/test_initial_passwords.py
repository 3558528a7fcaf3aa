"""Printed initial passwords: cheap to hash in bulk, upgraded at first login."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from lms.accounts.passwords import (
    INITIAL_PASSWORD_ITERATIONS,
    initial_password,
    initial_password_hash,
)

PBKDF2 = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def test_initial_passwords_are_random_and_unambiguous():
    passwords = {initial_password() for _ in range(50)}
    assert len(passwords) == 50
    assert not any(set(p) & set("0O1lI") for p in passwords)


def test_an_initial_password_is_hashed_with_fewer_rounds(settings):
    settings.PASSWORD_HASHERS = PBKDF2
    encoded = initial_password_hash("abcDEF2345")
    assert encoded.startswith(f"pbkdf2_sha256${INITIAL_PASSWORD_ITERATIONS}$")


@pytest.mark.django_db
def test_the_first_login_rehashes_it_with_the_full_count(settings):
    settings.PASSWORD_HASHERS = PBKDF2
    user = get_user_model().objects.create(
        username="kf1", password=initial_password_hash("abcDEF2345")
    )
    assert user.check_password("abcDEF2345")
    user.refresh_from_db()
    rounds = int(user.password.split("$")[1])
    assert rounds == PBKDF2PasswordHasher.iterations
