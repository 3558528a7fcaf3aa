"""Models and migrations agree: a model change always ships with its migration."""

import pytest
from django.core.management import call_command


def test_every_model_change_has_its_migration(db, capsys):
    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=1)
    except SystemExit:
        pytest.fail(
            "Models changed without a migration; run `lms makemigrations`:\n"
            + capsys.readouterr().out,
            pytrace=False,
        )
