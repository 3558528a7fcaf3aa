"""Export in the import's columns, and back in: nothing changes."""

from datetime import date

import pytest

from lms.accounts.people.applying import people_import
from lms.accounts.people.exporting import (
    HEADINGS,
    exportable_people,
    people_csv,
    people_rows,
    people_xlsx,
)
from lms.accounts.people.reading import read_table
from tests.factories import (
    AdminFactory,
    CohortFactory,
    HRFactory,
    LearnerFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    team, cohort = TeamFactory(name="客服一组"), CohortFactory(name="2026年11月批")
    LearnerFactory(
        employee_no="KF001", display_name="林晓雨", phone="13800138000",
        email="lin@example.com", team=team, cohort=cohort, hire_date=date(2026, 11, 2),
    )  # fmt: skip
    LearnerFactory(employee_no="KF002", display_name="=安然", team=team, cohort=cohort)
    HRFactory(employee_no="HR001", display_name="王嘉怡")
    LearnerFactory(employee_no=None)  # no 工号: not exported
    AdminFactory(employee_no="AD001")  # administrators: not exported


def test_the_export_has_the_template_headings_and_people_with_a_number(people):
    rows = list(people_rows(exportable_people()))
    assert [row[0] for row in rows] == ["HR001", "KF001", "KF002"]
    lin = rows[1]
    assert lin == [
        "KF001", "林晓雨", "13800138000", "lin@example.com",
        "客服一组", "2026年11月批", date(2026, 11, 2), "学员",
    ]  # fmt: skip
    csv_text = people_csv(rows).decode("utf-8-sig")
    assert csv_text.splitlines()[0] == ",".join(HEADINGS)
    assert "'=安然" in csv_text  # a spreadsheet shows it as text


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_export_imported_again_changes_nothing(people, kind):
    rows = list(people_rows(exportable_people()))
    data = people_csv(rows) if kind == "csv" else people_xlsx(rows)
    result = people_import(
        table=read_table(data, f"people.{kind}"), actor=None, base_url="http://x"
    )
    plan = result.plan
    assert plan.errors == []
    assert (len(plan.creates), len(plan.updates), len(plan.unchanged)) == (0, 0, 3)


def test_the_xlsx_template_has_headings_and_instructions_and_no_people(db):
    from io import BytesIO

    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(people_xlsx([], notes=True)))
    first, notes = workbook.worksheets
    assert [cell.value for cell in first[1]] == HEADINGS
    assert first.max_row == 1
    assert notes.max_row >= 5
