"""A people file written to the database: one transaction, idempotent by 工号.

`people_plan` is the preview; `people_import` plans again inside the
transaction (the database may have changed since the preview) and writes the
creates and updates. Refused rows are skipped. An existing account's password
is never touched; new accounts get an unusable password and a one-time
set-password link, or a printed initial password, and must choose their own
password at first login either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.functions import Lower

from lms.accounts.audit import PeopleAction
from lms.accounts.models import Cohort, Team
from lms.accounts.passwords import (
    initial_password,
    initial_password_hash,
    set_password_url,
)
from lms.accounts.roles import HR, LEARNER, ROLE_LABELS, TRAINER, has_role
from lms.accounts.tasks import mail_first_password_links
from lms.certification.audit import audit_log

from .reading import Table
from .rows import Person, Plan, Snapshot, plan_rows
from .rules import CellError, parse_phone

LINK, PRINT = "link", "print"
ROLES = tuple(ROLE_LABELS)


@dataclass
class NewAccount:
    employee_no: str
    name: str
    username: str
    email: str
    link: str = ""
    password: str = ""


@dataclass
class ImportResult:
    plan: Plan
    created: list[NewAccount] = field(default_factory=list)
    updated: int = 0
    dry_run: bool = False
    mailed: int = 0  # set-password links queued for e-mail


def allowed_roles(actor) -> set[str]:
    """HR and admins (and the command line) give any role; trainers learners."""
    if actor is None or actor.is_superuser or has_role(actor, HR):
        return set(ROLES)
    if has_role(actor, TRAINER):
        return {LEARNER}
    return set()


def roles_by_user(user_ids) -> dict[int, str]:
    through = get_user_model().groups.through
    roles: dict[int, list[str]] = {}
    for user_id, name in through.objects.filter(
        user_id__in=user_ids, group__name__in=ROLES
    ).values_list("user_id", "group__name"):
        roles.setdefault(user_id, []).append(name)
    return {user_id: "+".join(sorted(names)) for user_id, names in roles.items()}


def people_snapshot(table: Table) -> Snapshot:
    """What the database holds about the people, addresses and groups in `table`."""
    User = get_user_model()  # noqa: N806
    column = {key: {row.get(key) for row in table.rows} - {""} for key in table.columns}
    numbers = {str(value) for value in column.get("employee_no", set())}
    snapshot = Snapshot()
    users = list(
        User.objects.filter(employee_no__in=numbers).select_related("team", "cohort")
    )
    roles = roles_by_user([user.pk for user in users])
    for user in users:
        snapshot.people[user.employee_no] = Person(
            id=user.pk,
            employee_no=user.employee_no,
            username=user.username,
            name=user.display_name,
            phone=user.phone or "",
            email=user.email,
            team=user.team.name if user.team else "",
            cohort=user.cohort.name if user.cohort else "",
            hire_date=user.hire_date,
            role=roles.get(user.pk, ""),
            is_superuser=user.is_superuser,
        )
    folded = {number.casefold() for number in numbers}
    snapshot.usernames = set(
        User.objects.annotate(folded=Lower("username"))
        .filter(folded__in=folded)
        .values_list("folded", flat=True)
    )
    emails = {str(value).casefold() for value in column.get("email", set())}
    for email, number in (
        User.objects.annotate(folded=Lower("email"))
        .filter(folded__in=emails)
        .values_list("folded", "employee_no")
    ):
        snapshot.emails[email] = number or ""
    phones = set()
    for value in column.get("phone", set()):
        try:
            phones.add(parse_phone(str(value)))
        except CellError:
            continue  # the row is refused for it
    for phone, number in User.objects.filter(phone__in=phones).values_list(
        "phone", "employee_no"
    ):
        snapshot.phones[phone] = number or ""
    snapshot.teams = dict(
        Team.objects.filter(name__in=column.get("team", set())).values_list(
            "name", "archived"
        )
    )
    snapshot.cohorts = dict(
        Cohort.objects.filter(name__in=column.get("cohort", set())).values_list(
            "name", "archived"
        )
    )
    return snapshot


def people_plan(*, table: Table, actor) -> Plan:
    return plan_rows(table, people_snapshot(table), allowed_roles=allowed_roles(actor))


def _groups(plan: Plan) -> tuple[dict[str, Team], dict[str, Cohort]]:
    Team.objects.bulk_create([Team(name=name) for name in plan.new_teams])
    Cohort.objects.bulk_create([Cohort(name=name) for name in plan.new_cohorts])
    rows = plan.creates + plan.updates
    team_names = {row.values["team"] for row in rows if "team" in row.values}
    cohort_names = {row.values["cohort"] for row in rows if "cohort" in row.values}
    return (
        {team.name: team for team in Team.objects.filter(name__in=team_names)},
        {c.name: c for c in Cohort.objects.filter(name__in=cohort_names)},
    )


def _set_roles(role_by_user: dict[int, str]) -> None:
    through = get_user_model().groups.through
    groups = {group.name: group.pk for group in Group.objects.filter(name__in=ROLES)}
    through.objects.filter(
        user_id__in=role_by_user, group_id__in=groups.values()
    ).delete()
    through.objects.bulk_create(
        [
            through(user_id=user_id, group_id=groups[role])
            for user_id, role in role_by_user.items()
        ]
    )


def _create(plan: Plan, teams, cohorts, *, passwords: str, base_url: str):
    User = get_user_model()  # noqa: N806
    accounts, users = [], []
    for row in plan.creates:
        values = row.values
        account = NewAccount(
            employee_no=row.employee_no,
            name=values["name"],
            username=row.employee_no,
            email=values.get("email", ""),
        )
        if passwords == PRINT:
            account.password = initial_password()
        users.append(
            User(
                username=row.employee_no,
                employee_no=row.employee_no,
                display_name=values["name"],
                phone=values.get("phone") or None,
                email=values.get("email", ""),
                team=teams.get(values.get("team")),
                cohort=cohorts.get(values.get("cohort")),
                hire_date=values.get("hire_date"),
                must_set_password=True,
                # make_password(None) is an unusable password: no hashing cost.
                password=initial_password_hash(account.password)
                if account.password
                else make_password(None),
            )
        )
        accounts.append(account)
    User.objects.bulk_create(users, batch_size=500)
    saved = {
        user.employee_no: user
        for user in User.objects.filter(
            employee_no__in=[user.employee_no for user in users]
        )
    }
    _set_roles({saved[row.employee_no].pk: row.values["role"] for row in plan.creates})
    if passwords == LINK:
        for account in accounts:
            account.link = set_password_url(
                saved[account.employee_no], base_url=base_url
            )
    return accounts


FIELD_FOR = {
    "name": "display_name",
    "phone": "phone",
    "email": "email",
    "team": "team",
    "cohort": "cohort",
    "hire_date": "hire_date",
}


def _update(plan: Plan, teams, cohorts) -> int:
    User = get_user_model()  # noqa: N806
    users = User.objects.in_bulk([row.person.id for row in plan.updates])
    changed_fields: set[str] = set()
    roles = {}
    for row in plan.updates:
        user = users[row.person.id]
        for key, (_old, new) in row.changes.items():
            if key == "role":
                roles[user.pk] = new
                continue
            if key == "team":
                new = teams[new]
            elif key == "cohort":
                new = cohorts[new]
            setattr(user, FIELD_FOR[key], new)
            changed_fields.add(FIELD_FOR[key])
    if changed_fields:
        User.objects.bulk_update(users.values(), sorted(changed_fields), batch_size=500)
    if roles:
        _set_roles(roles)
    return len(plan.updates)


def people_import(
    *,
    table: Table,
    actor,
    passwords: str = LINK,
    base_url: str,
    source: str = "",
    dry_run: bool = False,
    mail_links: bool = False,
) -> ImportResult:
    """Create and update the accepted rows of `table` in one transaction.

    With `mail_links`, new accounts with an e-mail address are mailed their
    set-password link by a background task once the import has committed.
    """
    if passwords not in (LINK, PRINT):
        raise ValueError(f"passwords must be {LINK!r} or {PRINT!r}")
    with transaction.atomic():
        plan = people_plan(table=table, actor=actor)
        result = ImportResult(plan=plan, dry_run=dry_run)
        if dry_run or not (plan.creates or plan.updates):
            return result
        teams, cohorts = _groups(plan)
        result.created = _create(
            plan, teams, cohorts, passwords=passwords, base_url=base_url
        )
        result.updated = _update(plan, teams, cohorts)
        audit_log(
            action=PeopleAction.IMPORTED,
            actor=actor,
            reason=source,
            created=len(result.created),
            updated=result.updated,
            refused=len(plan.refused),
            employee_nos=[row.employee_no for row in plan.creates + plan.updates],
        )
        if mail_links and passwords == LINK:
            mailed = [a for a in result.created if a.email]
            result.mailed = len(mailed)
            ids = list(
                get_user_model()
                .objects.filter(employee_no__in=[a.employee_no for a in mailed])
                .values_list("pk", flat=True)
            )
            transaction.on_commit(
                lambda: mail_first_password_links.enqueue(ids, base_url)
            )
    return result
