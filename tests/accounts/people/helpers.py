"""People files built in memory, as HR's spreadsheet programs write them."""

import io

HEADER = ["工号", "姓名", "手机", "邮箱", "团队/店铺", "入职批次", "入职日期", "角色"]


def csv_bytes(rows, *, header=HEADER, encoding="utf-8-sig", delimiter=",") -> bytes:
    lines = [delimiter.join(header)] + [delimiter.join(row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows, *, header=HEADER) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def person(number, name, *, phone="", email="", team="", cohort="", hired="", role=""):
    return [number, name, phone, email, team, cohort, hired, role]
