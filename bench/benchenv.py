"""What every benchmark starts with: Django on a database of its own.

A fresh SQLite file in a temporary folder (or the database in DATABASE_URL when
set), migrated, so the figures never depend on the demo database. Import this
module first: it puts the repository root on sys.path.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django() -> Path:
    """Configure and migrate; returns the temporary folder (LMS_VAR_DIR)."""
    tmp = Path(tempfile.mkdtemp(prefix="kefu-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    os.environ.setdefault("LMS_VAR_DIR", str(tmp))
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.dev"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return tmp
