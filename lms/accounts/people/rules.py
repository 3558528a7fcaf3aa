"""One cell at a time: what a 工号, a phone, a date or a role may look like.

Each parser returns the clean value or raises CellError with the reason HR reads.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from lms.accounts.roles import HR, LEARNER, TRAINER

EMPLOYEE_NO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")
MOBILE = re.compile(r"^1[3-9]\d{9}$")
DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s+0{1,2}:00(?::00)?)?$"
)
COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
NAME_MAX = 60
GROUP_NAME_MAX = 100

ROLE_BY_TEXT = {
    text.casefold(): role
    for role, texts in {
        LEARNER: (LEARNER, "学生", "新人", "客服", "learner"),
        TRAINER: (TRAINER, "讲师", "带教", "trainer"),
        HR: (HR, "HR", "人力", "人力资源", "hr"),
    }.items()
    for text in texts
}


class CellError(ValueError):
    pass


def parse_employee_no(text: str) -> str:
    if not text:
        raise CellError(_("missing: every row needs a 工号"))
    if not EMPLOYEE_NO.match(text):
        raise CellError(
            _("“%(value)s” is not a 工号: letters, digits, - and _ only, at most 32")
            % {"value": text}
        )
    return text


def parse_name(text: str) -> str:
    if len(text) > NAME_MAX:
        raise CellError(_("longer than %(count)d characters") % {"count": NAME_MAX})
    return text


def parse_phone(text: str) -> str:
    """A mainland mobile number, 11 digits, as stored."""
    digits = re.sub(r"[\s\-()（）]", "", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if not MOBILE.match(digits):
        raise CellError(
            _("“%(value)s” is not a mainland mobile number (11 digits, 1[3-9]…)")
            % {"value": text}
        )
    return digits


def parse_email(text: str) -> str:
    try:
        validate_email(text)
    except ValidationError as error:
        raise CellError(
            _("“%(value)s” is not an e-mail address") % {"value": text}
        ) from error
    local, _at, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}"


def parse_date(value: str | date) -> date:
    if isinstance(value, date):
        return value
    match = DATE.match(value) or COMPACT_DATE.match(value)
    if match:
        year, month, day = (int(part) for part in match.groups())
        try:
            parsed = date(year, month, day)
        except ValueError:
            parsed = None
        if parsed is not None and 1950 <= parsed.year <= 2100:
            return parsed
    raise CellError(
        _("“%(value)s” is not a date (write it as 2026-11-02)") % {"value": value}
    )


def parse_role(text: str) -> str:
    role = ROLE_BY_TEXT.get(text.casefold())
    if role is None:
        raise CellError(
            _("unknown role “%(value)s” (use 学员, 培训师 or 人事)") % {"value": text}
        )
    return role


def parse_group_name(text: str) -> str:
    if len(text) > GROUP_NAME_MAX:
        raise CellError(
            _("longer than %(count)d characters") % {"count": GROUP_NAME_MAX}
        )
    return text
