"""People out as the import's own columns (CSV or XLSX), and the blank template.

An export imported again changes nothing: same headings, dates as dates, 工号
and phone numbers as text (Excel would turn 13800138000 into 1.38E+10). Only
people with a 工号 are exported, since the import matches by it. Someone with
several academy roles gets a blank 角色 (blank leaves roles as they are).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from lms.reports.exports import safe_text

from .applying import roles_by_user
from .columns import COLUMNS

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
HEADINGS = [column.heading for column in COLUMNS]


def exportable_people() -> QuerySet:
    return (
        get_user_model()
        .objects.filter(employee_no__isnull=False, is_superuser=False)
        .select_related("team", "cohort")
        .order_by("employee_no")
    )


def people_rows(people: QuerySet) -> Iterator[list]:
    """One row per person in COLUMNS order (dates as dates)."""
    for chunk_start in range(0, people.count(), 1000):
        chunk = list(people[chunk_start : chunk_start + 1000])
        roles = roles_by_user([person.pk for person in chunk])
        for person in chunk:
            role = roles.get(person.pk, "")
            yield [
                person.employee_no,
                person.display_name,
                person.phone or "",
                person.email,
                person.team.name if person.team else "",
                person.cohort.name if person.cohort else "",
                person.hire_date,
                "" if "+" in role else role,
            ]


def _text_cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return safe_text(str(value))


def people_csv(rows: Iterable[list]) -> bytes:
    """UTF-8 with a BOM: Excel in China opens it with the Chinese intact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADINGS)
    for row in rows:
        writer.writerow([_text_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def people_xlsx(rows: Iterable[list], *, notes: bool = False) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("People"))
    sheet.append(HEADINGS)
    for row in rows:
        cells = []
        for value in row:
            if value is None or value == "":
                cells.append(None)
            elif hasattr(value, "isoformat"):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd"
                cells.append(cell)
            else:
                cell = WriteOnlyCell(sheet, value=safe_text(str(value)))
                cell.number_format = "@"  # text: keeps leading zeros and digits
                cells.append(cell)
        sheet.append(cells)
    if notes:
        help_sheet = workbook.create_sheet(_("Instructions"))
        for line in template_notes():
            help_sheet.append([line])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def template_notes() -> list[str]:
    return [
        _("One person per row under the heading row; keep the headings as they are."),
        _("工号 and 姓名 are required; 工号 is the login name of a new account."),
        _("手机: mainland mobile, 11 digits. 入职日期: 2026-11-02."),
        _("角色: 学员, 培训师 or 人事 (blank: 学员 for new people)."),
        _("A blank cell leaves an existing person's value unchanged."),
        _("Teams and cohorts that do not exist yet are created."),
    ]
