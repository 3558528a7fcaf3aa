"""Demo accounts for `lms quickstart`: one per role, with generated passwords.

Passwords are generated on first run and kept in var/demo-accounts.json (never in
git), so a second run prints the same ones and changes nothing.
"""

from __future__ import annotations

import json
import secrets
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from .models import Cohort, Team
from .roles import HR, LEARNER, TRAINER


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    role: str | None
    employee_no: str
    superuser: bool = False


# The demo learner's cohort: quickstart assigns it work, so the demo shows 必修.
DEMO_COHORT = "2026年11月批"

DEMO_ACCOUNTS = [
    DemoAccount("learner", "林晓雨", LEARNER, "KF2026001"),
    DemoAccount("trainer", "陈思远", TRAINER, "TR0001"),
    DemoAccount("hr", "王嘉怡", HR, "HR0001"),
    DemoAccount("admin", "系统管理员", None, "AD0001", superuser=True),
]


def _load_passwords(path: Path) -> dict[str, str]:
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {}


@transaction.atomic
def ensure_demo_accounts(password_file: Path) -> list[tuple[DemoAccount, str | None]]:
    """Create missing demo accounts; return each account with its known password."""
    User = get_user_model()
    passwords = _load_passwords(password_file)
    team, _ = Team.objects.get_or_create(
        name="客服一组", defaults={"store": "轻风运动旗舰店"}
    )
    cohort, _ = Cohort.objects.get_or_create(
        name=DEMO_COHORT, defaults={"starts_on": date(2026, 11, 2)}
    )
    existing = set(
        User.objects.filter(
            username__in=[account.username for account in DEMO_ACCOUNTS]
        ).values_list("username", flat=True)
    )
    missing = [a.username for a in DEMO_ACCOUNTS if a.username not in existing]
    for username in missing:
        passwords[username] = passwords.get(username) or secrets.token_urlsafe(9)
    # PBKDF2 releases the GIL: the slow hashes are computed side by side.
    with ThreadPoolExecutor(max_workers=4) as pool:
        hashed = pool.map(make_password, [passwords[u] for u in missing])
        hashes = dict(zip(missing, hashed, strict=True))
    result = []
    for account in DEMO_ACCOUNTS:
        if account.username in hashes:
            user = User(
                username=account.username,
                display_name=account.display_name,
                employee_no=account.employee_no,
                email=f"{account.username}@example.com",
                is_superuser=account.superuser,
                is_staff=account.superuser,
                team=team,
                cohort=cohort if account.role == LEARNER else None,
                hire_date=date(2026, 11, 2),
            )
            user.password = hashes[account.username]
            user.save()
            if account.role:
                user.groups.add(Group.objects.get(name=account.role))
        result.append((account, passwords.get(account.username)))
    password_file.parent.mkdir(parents=True, exist_ok=True)
    password_file.write_text(
        json.dumps(passwords, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    password_file.chmod(0o600)
    return result
