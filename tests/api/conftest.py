from datetime import datetime

import pytest
from django.utils import timezone

from lms.api.tokens import token_create
from tests.api.helpers import results_world
from tests.factories import CohortFactory, HRFactory, LearnerFactory, TeamFactory


def at(day: str) -> datetime:
    """Noon, local time, on a YYYY-MM-DD day."""
    return timezone.make_aware(datetime.fromisoformat(f"{day}T12:00:00"))


@pytest.fixture
def hr(db):
    return HRFactory(username="api-hr")


@pytest.fixture
def hr_key(hr):
    _token, key = token_create(user=hr, name="北森同步")
    return key


@pytest.fixture
def api(client, hr_key):
    """GET as the HR system: Bearer token, no session."""

    def get(path, **params):
        return client.get(path, params, HTTP_AUTHORIZATION=f"Bearer {hr_key}")

    return get


@pytest.fixture
def two_cohorts(db):
    """Two learners in different cohorts and teams, with results on two days."""
    spring = CohortFactory(name="2026年3月批")
    summer = CohortFactory(name="2026年7月批")
    presales = TeamFactory(name="售前一组")
    aftersales = TeamFactory(name="售后一组")
    first = LearnerFactory(
        username="api-lin", display_name="林晓雨", cohort=spring, team=presales
    )
    second = LearnerFactory(
        username="api-zhou", display_name="周明", cohort=summer, team=aftersales
    )
    return {
        "spring": spring,
        "summer": summer,
        "presales": presales,
        "aftersales": aftersales,
        "first": results_world(prefix="api", learner=first, when=at("2026-03-10")),
        "second": results_world(prefix="api", learner=second, when=at("2026-07-20")),
    }
