"""One cell at a time: phones, dates, roles, 工号."""

from datetime import date

import pytest

from lms.accounts.people import rules
from lms.accounts.roles import HR, LEARNER, TRAINER


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("13800138000", "13800138000"),
        ("138 0013 8000", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("+86 139 1234 5678", "13912345678"),
        ("8619912345678", "19912345678"),
    ],
)
def test_mainland_mobile_numbers_are_stored_as_11_digits(text, phone):
    assert rules.parse_phone(text) == phone


@pytest.mark.parametrize("text", ["12800138000", "1380013800", "021-12345678", "abc"])
def test_other_numbers_are_not_mobile_phones(text):
    with pytest.raises(rules.CellError, match="mobile"):
        rules.parse_phone(text)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-02",
        "2026/11/2",
        "2026.11.02",
        "2026年11月2日",
        "20261102",
        "2026-11-02 00:00:00",
    ],
)
def test_dates_as_people_write_them(text):
    assert rules.parse_date(text) == date(2026, 11, 2)


@pytest.mark.parametrize("text", ["2026-02-30", "11/02/2026", "明天", "1900-01-01"])
def test_bad_dates_are_refused(text):
    with pytest.raises(rules.CellError, match="not a date"):
        rules.parse_date(text)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("学员", LEARNER),
        ("培训师", TRAINER),
        ("人事", HR),
        ("HR", HR),
        ("Trainer", TRAINER),
    ],
)
def test_roles_in_chinese_or_english(text, role):
    assert rules.parse_role(text) == role


def test_an_unknown_role_names_the_roles_there_are():
    with pytest.raises(rules.CellError, match="学员"):
        rules.parse_role("店长")


@pytest.mark.parametrize("text", ["", "KF 001", "工号1", "x" * 33])
def test_bad_employee_numbers(text):
    with pytest.raises(rules.CellError):
        rules.parse_employee_no(text)


def test_email_domain_is_lowercased_and_the_local_part_kept():
    assert rules.parse_email("Lin.Xiaoyu@Example.COM") == "Lin.Xiaoyu@example.com"
    with pytest.raises(rules.CellError):
        rules.parse_email("not-an-address")
