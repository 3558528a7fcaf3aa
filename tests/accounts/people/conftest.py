import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English (the msgids); pages set their own."""
    with translation.override("en"):
        yield
