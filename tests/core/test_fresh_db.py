"""A fresh SQLite database starts from the migrated copy the first migrate left.

Real processes on real files: the first `migrate` of an empty database keeps a
copy under var/cache/; the next empty database is that copy, with nothing left
to apply; a migration changed since gives another fingerprint.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

STEP = """
import json, time
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from lms.core import fresh_db
started = time.perf_counter()
empty = fresh_db.is_empty()
copied = empty and fresh_db.start_from_template()
call_command("migrate", interactive=False, verbosity=0)
if empty and not copied:
    fresh_db.keep_template()
executor = MigrationExecutor(connection)
left = executor.migration_plan(executor.loader.graph.leaf_nodes())
print(json.dumps({"copied": copied, "left": len(left),
                  "seconds": time.perf_counter() - started,
                  "fingerprint": fresh_db.fingerprint()}))
"""


def migrate(tmp_path: Path, name: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / name}",
        "LMS_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", STEP],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_second_empty_database_starts_from_the_first_ones_migrated_copy(
    tmp_path,
):
    first = migrate(tmp_path, "first.sqlite3")
    assert not first["copied"] and first["left"] == 0
    templates = list((tmp_path / "cache").glob("migrated-*.sqlite3"))
    assert [path.name for path in templates] == [
        f"migrated-{first['fingerprint']}.sqlite3"
    ]
    second = migrate(tmp_path, "second.sqlite3")
    assert second["copied"] and second["left"] == 0
    assert second["seconds"] < first["seconds"]
    # A database that already has tables is migrated as it is, never replaced.
    again = migrate(tmp_path, "second.sqlite3")
    assert not again["copied"] and again["left"] == 0
