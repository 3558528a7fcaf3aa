"""A people file (CSV or XLSX) as a table of cells, nothing checked but its shape.

CSV comes as Excel in China saves it: GBK ("CSV (逗号分隔)"), UTF-8 with a BOM
("CSV UTF-8") or plain UTF-8. GBK is read as GB18030, its superset, so a rare
name character outside GBK still reads. XLSX is read with openpyxl (read-only,
values only: a formula's cached value, never the formula).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from .columns import HEADINGS, REQUIRED, column_key

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
Cell = str | date
FORMULA_STARTS = ("=", "+", "-", "@")


class PeopleFileError(ValueError):
    """The file as a whole cannot be read (no row is looked at)."""


@dataclass
class Table:
    """Rows keyed by column; `numbers` are the spreadsheet's row numbers (the
    heading is row 1), so an error points at the row HR sees in Excel."""

    columns: list[str]
    rows: list[dict[str, Cell]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def decode_csv(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PeopleFileError(
        _("The file is neither UTF-8 nor GBK text: save it again as CSV or XLSX.")
    )


def _csv_rows(data: bytes) -> list[list[Cell]]:
    text = decode_csv(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first_line.count) if first_line else ","
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_cell(value) -> Cell:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, float) and value.is_integer():
        # 工号 and phone numbers typed as numbers: 13800138000.0 → "13800138000".
        return str(int(value))
    return str(value)


def _xlsx_rows(data: bytes) -> list[list[Cell]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise PeopleFileError(
            _("The file is not a readable XLSX workbook (%(error)s).")
            % {"error": error}
        ) from error
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_xlsx_cell(value) for value in values])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


def read_rows(data: bytes, filename: str) -> list[list[Cell]]:
    """Every row of the file's first sheet, as cells."""
    if len(data) > MAX_BYTES:
        raise PeopleFileError(
            _("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // 2**20}
        )
    name = filename.lower()
    if name.endswith(".xlsx") or data.startswith(b"PK\x03\x04"):
        return _xlsx_rows(data)
    if name.endswith(".xls"):
        raise PeopleFileError(
            _("Old .xls workbooks are not read: save it as .xlsx or CSV in Excel.")
        )
    return _csv_rows(data)


def read_table(data: bytes, filename: str) -> Table:
    """The rows under the heading row, keyed by column; blank rows skipped."""
    rows = read_rows(data, filename)
    while rows and not any(_text(cell) for cell in rows[0]):
        rows.pop(0)
    if not rows:
        raise PeopleFileError(_("The file is empty."))
    keys: list[str | None] = []
    table = Table(columns=[])
    for heading in rows[0]:
        key = column_key(_text(heading)) if _text(heading) else None
        if key is not None and key in table.columns:
            raise PeopleFileError(
                _("The column %(column)s appears twice.") % {"column": HEADINGS[key]}
            )
        if key is not None:
            table.columns.append(key)
        elif _text(heading):
            table.ignored.append(_text(heading))
        keys.append(key)
    missing = [HEADINGS[key] for key in REQUIRED if key not in table.columns]
    if missing:
        raise PeopleFileError(
            _("The heading row has no column %(columns)s (see the template).")
            % {"columns": "、".join(missing)}
        )
    if len(rows) - 1 > MAX_ROWS:
        raise PeopleFileError(
            _("The file has more than %(count)d rows: split it.") % {"count": MAX_ROWS}
        )
    for number, cells in enumerate(rows[1:], start=2):
        if not any(_text(cell) for cell in cells):
            continue
        row = {key: "" for key in table.columns}
        for key, cell in zip(keys, cells, strict=False):
            if key is not None:
                row[key] = cell if isinstance(cell, date) else _text(cell)
        table.rows.append(row)
        table.numbers.append(number)
    return table


def _text(cell) -> str:
    if isinstance(cell, date):
        return cell.isoformat()
    # NBSP and ideographic spaces that Excel keeps around pasted text.
    text = str(cell).replace("\u00a0", " ").replace("\u3000", " ").strip()
    if text.startswith("'") and text[1:2] in FORMULA_STARTS:
        return text[1:]  # our own export's guard against spreadsheet formulas
    return text
