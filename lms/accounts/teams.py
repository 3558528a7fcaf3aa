"""Teams and cohorts managed by HR: create, rename, archive, move people.

One function per change of state, each writing the audit log (the project's
AuditLogEntry, lms/certification/audit.py: who, when, what, and the before and
after in `details`), so the HR pages and any command behave the same. Callers
check permission (lms/reports/permissions.py: HR and admins).
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from lms.certification.audit import audit_log

from .audit import PeopleAction
from .models import Cohort, Team

TEAM_FIELDS = ("name", "store", "archived")
COHORT_FIELDS = ("name", "starts_on", "archived")


def _jsonable(value):
    return value.isoformat() if isinstance(value, date) else value


def _change(instance, fields: tuple[str, ...], values: dict) -> dict:
    changes = {}
    for name in fields:
        if name in values and values[name] != getattr(instance, name):
            changes[name] = [
                _jsonable(getattr(instance, name)),
                _jsonable(values[name]),
            ]
            setattr(instance, name, values[name])
    return changes


@transaction.atomic
def team_create(*, name: str, store: str = "", actor) -> Team:
    team = Team.objects.create(name=name, store=store)
    audit_log(
        action=PeopleAction.TEAM_CREATED, actor=actor, team=team.name, store=store
    )
    return team


@transaction.atomic
def team_update(*, team: Team, actor, **values) -> dict:
    """Rename, change the store, archive or restore; returns what changed."""
    changes = _change(team, TEAM_FIELDS, values)
    if changes:
        team.save(update_fields=list(changes))
        audit_log(
            action=PeopleAction.TEAM_CHANGED,
            actor=actor,
            team=team.name,
            changes=changes,
        )
    return changes


@transaction.atomic
def cohort_create(*, name: str, starts_on: date | None = None, actor) -> Cohort:
    cohort = Cohort.objects.create(name=name, starts_on=starts_on)
    audit_log(
        action=PeopleAction.COHORT_CREATED,
        actor=actor,
        cohort=cohort.name,
        starts_on=_jsonable(starts_on),
    )
    return cohort


@transaction.atomic
def cohort_update(*, cohort: Cohort, actor, **values) -> dict:
    changes = _change(cohort, COHORT_FIELDS, values)
    if changes:
        cohort.save(update_fields=list(changes))
        audit_log(
            action=PeopleAction.COHORT_CHANGED,
            actor=actor,
            cohort=cohort.name,
            changes=changes,
        )
    return changes


UNCHANGED = object()


@transaction.atomic
def people_move(*, people, actor, team=UNCHANGED, cohort=UNCHANGED) -> int:
    """Put people in another team and/or cohort (None: in none); one audit
    entry per person actually moved. Archived targets are refused."""
    for target in (team, cohort):
        if target not in (UNCHANGED, None) and target.archived:
            raise ValueError(f"{target} is archived")
    moved = 0
    for person in (
        get_user_model()
        .objects.filter(pk__in=[p.pk for p in people])
        .select_related("team", "cohort")
    ):
        changes, fields = {}, []
        for field, target in (("team", team), ("cohort", cohort)):
            current = getattr(person, field)
            if target is UNCHANGED or target == current:
                continue
            changes[field] = [
                current.name if current else "",
                target.name if target else "",
            ]
            setattr(person, field, target)
            fields.append(field)
        if fields:
            person.save(update_fields=fields)
            audit_log(
                action=PeopleAction.MOVED, actor=actor, subject=person, changes=changes
            )
            moved += 1
    return moved
