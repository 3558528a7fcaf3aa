"""Certificate numbers (KA-2026-000123) and unguessable verification codes."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.db.models import F
from django.utils import timezone

from .models import SerialCounter

PREFIX = "KA"
# No 0/O, 1/I/L: the code is printed and may be typed in by hand.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16  # about 79 bits


def serial_next(*, at: datetime | None = None) -> str:
    """The next serial of the year of `at` (local time). Call inside a transaction.

    The UPDATE holds the year's row lock until the transaction ends, so two
    certificates issued at the same moment never get the same number; a rolled
    back issue gives its number back.
    """
    year = timezone.localtime(at or timezone.now()).year
    SerialCounter.objects.get_or_create(year=year)
    SerialCounter.objects.filter(year=year).update(last_number=F("last_number") + 1)
    number = SerialCounter.objects.values_list("last_number", flat=True).get(year=year)
    return f"{PREFIX}-{year}-{number:06d}"


def verification_code_new() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What someone typed (spaces, dashes, lower case) → the stored form."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def format_code(code: str) -> str:
    """ABCD-EFGH-JKMN-PQRS: easier to read off a printed certificate."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
