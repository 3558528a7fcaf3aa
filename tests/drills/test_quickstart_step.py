"""`lms quickstart` loads the drills through lms.drills.setup."""

import pytest
from django.conf import settings

from lms.drills.models import Scenario
from lms.drills.setup import quickstart_steps


@pytest.mark.django_db
def test_the_quickstart_step_loads_the_store_content_and_says_so():
    [(label, step)] = quickstart_steps(settings.BASE_DIR)
    assert "drill" in label
    summary = step()
    assert "created" in summary and "\n" not in summary
    assert Scenario.objects.filter(slug="angry-slow-reply").exists()
    assert "0 created" in step()
