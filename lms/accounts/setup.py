"""What `lms quickstart` does for accounts: import the sample new-hire file
(content/people/sample-cohort.csv) with the same import HR uses. Idempotent by
工号: a second run changes nothing. The new people get no password (a
set-password link each, not printed here): HR sends them one from /hr/people/.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from .people.applying import people_import
from .people.reading import read_table

SAMPLE = Path("content") / "people" / "sample-cohort.csv"


def import_sample_cohort(base_dir: Path) -> str:
    path = base_dir / SAMPLE
    if not path.exists():
        return f"skipped: no {SAMPLE}"
    result = people_import(
        table=read_table(path.read_bytes(), path.name),
        actor=None,
        base_url=settings.LMS_PUBLIC_URL,
        source=str(SAMPLE),
    )
    plan = result.plan
    summary = (
        f"{SAMPLE}: {len(result.created)} created, {result.updated} updated, "
        f"{len(plan.unchanged)} unchanged"
    )
    if plan.refused:
        summary += f", {len(plan.refused)} refused ({plan.errors[0]})"
    return summary


def quickstart_steps(base_dir: Path) -> list[tuple[str, Callable[[], str]]]:
    return [("样例新员工 / sample cohort", lambda: import_sample_cohort(base_dir))]
