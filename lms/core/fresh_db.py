"""An empty SQLite database migrated in a second instead of fifteen.

Running every migration from scratch (Django, Wagtail and ours: 240-odd) is
most of `lms quickstart` on a fresh database, and the result is the same every
time until a migration changes. So the first full migrate leaves a copy of the
migrated, still empty database under var/cache/, named after a fingerprint of
every migration file and of the Django and Wagtail versions; the next
quickstart on an empty database starts from that copy, and `migrate` then only
confirms that nothing is left to apply (its post-migrate steps run as usual).
Any change to a migration gives a new fingerprint, so a stale copy is never
used. PostgreSQL and non-empty databases always migrate normally.
"""

from __future__ import annotations

import hashlib
import shutil
from importlib import import_module
from importlib.metadata import version
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader

ALIAS = "default"


def _sqlite_path() -> Path | None:
    connection = connections[ALIAS]
    if connection.vendor != "sqlite":
        return None
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name)


def fingerprint() -> str:
    """Changes whenever any migration file, Django or Wagtail changes."""
    digest = hashlib.sha256()
    digest.update(f"django {version('django')} wagtail {version('wagtail')}".encode())
    for app_config in sorted(apps.get_app_configs(), key=lambda app: app.label):
        module_name, _explicit = MigrationLoader.migrations_module(app_config.label)
        if module_name is None:
            continue
        try:
            module = import_module(module_name)
        except ImportError:
            continue
        folder = Path(module.__file__).parent
        for path in sorted(folder.glob("*.py")):
            digest.update(f"{app_config.label}/{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _template() -> Path:
    return Path(settings.VAR_DIR) / "cache" / f"migrated-{fingerprint()}.sqlite3"


def is_empty() -> bool:
    return not connections[ALIAS].introspection.table_names()


def start_from_template() -> bool:
    """Replace an empty SQLite database by the migrated copy, when there is one."""
    path = _sqlite_path()
    if path is None or not is_empty():
        return False
    template = _template()
    if not template.exists():
        return False
    connections[ALIAS].close()
    for leftover in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(template, path)
    return True


def keep_template() -> None:
    """After a full migrate of an empty database: keep a copy for next time."""
    if _sqlite_path() is None:
        return
    template = _template()
    if template.exists():
        return
    template.parent.mkdir(parents=True, exist_ok=True)
    partial = template.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with connections[ALIAS].cursor() as cursor:
        # A consistent, compact copy whatever is still in the WAL file.
        cursor.execute("VACUUM INTO %s", [str(partial)])
    partial.replace(template)
