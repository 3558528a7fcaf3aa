"""Every row of a people file checked against the rules and against what the
database holds (a Snapshot), giving a Plan: who is created, who updated and how,
which rows are refused and why. Nothing here writes or queries.

Matching is by 工号 (idempotent: the same file twice changes nothing the second
time). A blank cell leaves an existing person's value as it is; a filled one
replaces it. New accounts log in with their 工号 as user name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from lms.accounts.roles import LEARNER

from . import rules
from .columns import HEADINGS
from .reading import Table

CREATE, UPDATE, UNCHANGED, REFUSED = "create", "update", "unchanged", "refused"
PERSON_FIELDS = ("name", "phone", "email", "team", "cohort", "hire_date", "role")


@dataclass(frozen=True)
class Person:
    """What the database holds about someone with a 工号 in the file."""

    id: int
    employee_no: str
    username: str
    name: str
    phone: str
    email: str
    team: str
    cohort: str
    hire_date: date | None
    role: str  # "" for no academy role, "+" joined when several
    is_superuser: bool = False


@dataclass
class Snapshot:
    """The database as far as the file touches it (built by applying.py)."""

    people: dict[str, Person] = field(default_factory=dict)  # by 工号
    usernames: set[str] = field(default_factory=set)  # casefolded, taken
    emails: dict[str, str] = field(default_factory=dict)  # casefolded → 工号 or ""
    phones: dict[str, str] = field(default_factory=dict)  # phone → 工号 or ""
    teams: dict[str, bool] = field(default_factory=dict)  # name → archived
    cohorts: dict[str, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class RowError:
    number: int
    column: str  # the heading HR sees
    message: str

    def __str__(self) -> str:
        return _("row %(number)d, %(column)s: %(message)s") % {
            "number": self.number,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class RowPlan:
    number: int
    employee_no: str
    action: str
    values: dict = field(default_factory=dict)  # clean values given in the row
    changes: dict = field(default_factory=dict)  # field → (old, new), updates
    errors: list[RowError] = field(default_factory=list)
    person: Person | None = None


@dataclass
class Plan:
    rows: list[RowPlan] = field(default_factory=list)
    new_teams: list[str] = field(default_factory=list)
    new_cohorts: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def _with(self, action: str) -> list[RowPlan]:
        return [row for row in self.rows if row.action == action]

    @property
    def creates(self) -> list[RowPlan]:
        return self._with(CREATE)

    @property
    def updates(self) -> list[RowPlan]:
        return self._with(UPDATE)

    @property
    def unchanged(self) -> list[RowPlan]:
        return self._with(UNCHANGED)

    @property
    def refused(self) -> list[RowPlan]:
        return self._with(REFUSED)

    @property
    def errors(self) -> list[RowError]:
        return [error for row in self.refused for error in row.errors]


PARSERS = {
    "employee_no": rules.parse_employee_no,
    "name": rules.parse_name,
    "phone": rules.parse_phone,
    "email": rules.parse_email,
    "team": rules.parse_group_name,
    "cohort": rules.parse_group_name,
    "hire_date": rules.parse_date,
    "role": rules.parse_role,
}


def _clean(number: int, row: dict) -> tuple[dict, list[RowError]]:
    values, errors = {}, []
    for key, cell in row.items():
        if cell == "" and key != "employee_no":
            continue
        try:
            values[key] = PARSERS[key](cell)
        except rules.CellError as error:
            errors.append(RowError(number, HEADINGS[key], str(error)))
    return values, errors


class _Seen:
    """Values claimed by earlier rows of the same file."""

    def __init__(self):
        self.employee_nos: dict[str, int] = {}
        self.emails: dict[str, int] = {}
        self.phones: dict[str, int] = {}


def _duplicates(number: int, values: dict, seen: _Seen) -> list[RowError]:
    errors = []
    checks = (
        ("employee_no", seen.employee_nos, str),
        ("email", seen.emails, str.casefold),
        ("phone", seen.phones, str),
    )
    for key, claimed, norm in checks:
        if key not in values:
            continue
        value = norm(values[key])
        if value in claimed:
            errors.append(
                RowError(
                    number,
                    HEADINGS[key],
                    _("duplicate: “%(value)s” is already on row %(row)d")
                    % {"value": values[key], "row": claimed[value]},
                )
            )
        else:
            claimed[value] = number
    return errors


def _conflicts(
    number: int, values: dict, person: Person | None, snapshot: Snapshot
) -> list[RowError]:
    """Values that belong to someone else in the database."""
    errors = []
    employee_no = values.get("employee_no", "")
    owner_checks = (
        ("email", snapshot.emails, str.casefold, _("used by another account")),
        ("phone", snapshot.phones, str, _("used by another account")),
    )
    for key, owners, norm, message in owner_checks:
        if key in values:
            owner = owners.get(norm(values[key]))
            if owner is not None and owner != employee_no:
                errors.append(RowError(number, HEADINGS[key], str(message)))
    if person is None and employee_no.casefold() in snapshot.usernames:
        errors.append(
            RowError(
                number,
                HEADINGS["employee_no"],
                _("another account already logs in as “%(value)s”")
                % {"value": employee_no},
            )
        )
    for key, known in (("team", snapshot.teams), ("cohort", snapshot.cohorts)):
        if known.get(values.get(key)):
            errors.append(
                RowError(
                    number,
                    HEADINGS[key],
                    _("“%(value)s” is archived") % {"value": values[key]},
                )
            )
    return errors


def _permission_errors(
    number: int, values: dict, person: Person | None, allowed_roles: set[str]
) -> list[RowError]:
    errors = []
    if person is not None and person.is_superuser:
        errors.append(
            RowError(
                number,
                HEADINGS["employee_no"],
                _("an administrator account: change it in the admin"),
            )
        )
    elif person is not None and person.role and person.role not in allowed_roles:
        errors.append(
            RowError(
                number,
                HEADINGS["employee_no"],
                _("a %(role)s account: only HR may change it") % {"role": person.role},
            )
        )
    role = values.get("role")
    if role is not None and role not in allowed_roles:
        errors.append(
            RowError(
                number,
                HEADINGS["role"],
                _("only HR may give the role %(role)s") % {"role": role},
            )
        )
    return errors


def _changes(values: dict, person: Person) -> dict:
    current = {
        "name": person.name,
        "phone": person.phone,
        "email": person.email,
        "team": person.team,
        "cohort": person.cohort,
        "hire_date": person.hire_date,
        "role": person.role,
    }
    changes = {}
    for key in PERSON_FIELDS:
        if key in values and values[key] != current[key]:
            if key == "email" and values[key].casefold() == current[key].casefold():
                continue
            changes[key] = (current[key], values[key])
    return changes


def plan_rows(table: Table, snapshot: Snapshot, *, allowed_roles: set[str]) -> Plan:
    """What importing `table` would do; refused rows carry their reasons."""
    plan = Plan(ignored_columns=list(table.ignored))
    seen = _Seen()
    for number, row in zip(table.numbers, table.rows, strict=True):
        values, errors = _clean(number, row)
        errors += _duplicates(number, values, seen)
        employee_no = values.get("employee_no", row.get("employee_no", ""))
        person = snapshot.people.get(employee_no)
        if person is None and "name" not in values:
            errors.append(
                RowError(
                    number, HEADINGS["name"], _("missing: a new account needs one")
                )
            )
        if person is None:
            values.setdefault("role", LEARNER)
        errors += _conflicts(number, values, person, snapshot)
        errors += _permission_errors(number, values, person, allowed_roles)
        item = RowPlan(number, employee_no, REFUSED, values, errors=errors)
        item.person = person
        if not errors:
            if person is None:
                item.action = CREATE
            else:
                item.changes = _changes(values, person)
                item.action = UPDATE if item.changes else UNCHANGED
        plan.rows.append(item)
    accepted = [row for row in plan.rows if row.action in (CREATE, UPDATE)]
    for key, known, new in (
        ("team", snapshot.teams, plan.new_teams),
        ("cohort", snapshot.cohorts, plan.new_cohorts),
    ):
        for row in accepted:
            name = row.values.get(key)
            if name and name not in known and name not in new:
                new.append(name)
    return plan
