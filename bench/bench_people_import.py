"""How long a people import takes: 1,000 new hires, then the same file again.

    .venv/bin/python bench/bench_people_import.py [--people 1000] [--printed 100]

Runs against a fresh SQLite database in a temporary folder (or the database in
DATABASE_URL when set), with the production password hasher (dev settings:
PBKDF2). Figures, each the whole `people_import` (read, plan, one transaction):

- link: `--people` new hires from a GBK CSV, unusable passwords and a
  set-password link each (the default, no hashing);
- again: the same file a second time (everything unchanged, nothing written);
- update: the file with everyone's phone changed (1,000 updates);
- xlsx: the same people as XLSX, planned only (reading openpyxl's cells);
- printed: `--printed` new hires with a printed initial password, each hashed
  (PBKDF2), and that time per account.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import time

from benchenv import setup_django  # first: puts the repository on sys.path

HEADER = ["工号", "姓名", "手机", "邮箱", "团队/店铺", "入职批次", "入职日期", "角色"]
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨"
GIVEN = "子轩思琪一诺沐阳欣怡俊熙雅琳浩宇晓彤梓涵"


def rows(n: int, *, prefix: str = "KF", phone_base: int = 13800000000) -> list[list]:
    return [
        [
            f"{prefix}{i:05d}",
            SURNAMES[i % 16] + GIVEN[i % 13] + GIVEN[(i * 7) % 13],
            str(phone_base + i),
            f"{prefix.lower()}{i:05d}@example.com",
            f"客服{i % 8 + 1}组",
            f"2026年{i % 3 + 10}月批",
            f"2026-{i % 3 + 10}-0{i % 5 + 1}",
            "学员" if i % 50 else "培训师",
        ]
        for i in range(n)
    ]


def csv_data(table: list[list], encoding: str = "gbk") -> bytes:
    lines = [",".join(HEADER)] + [",".join(row) for row in table]
    return "\r\n".join(lines).encode(encoding)


def xlsx_data(table: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in table:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def timed(label: str, run) -> object:
    start = time.perf_counter()
    result = run()
    elapsed = time.perf_counter() - start
    plan = result.plan if hasattr(result, "plan") else result
    print(
        f"{label:<34} {elapsed:6.2f} s  create {len(plan.creates)}, "
        f"update {len(plan.updates)}, unchanged {len(plan.unchanged)}, "
        f"refused {len(plan.refused)}"
    )
    return result, elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--printed", type=int, default=100)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.db import connection

    from lms.accounts.people.applying import PRINT, people_import, people_plan
    from lms.accounts.people.reading import read_table

    def run(data: bytes, name: str, **kwargs):
        return people_import(
            table=read_table(data, name), actor=None, base_url="http://x", **kwargs
        )

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPU, "
        f"Python {platform.python_version()}, {connection.vendor}, "
        f"hasher {settings.PASSWORD_HASHERS[0].rsplit('.', 1)[-1]}"
    )
    n = args.people
    hires = rows(n)
    data = csv_data(hires)
    result, _s = timed(f"link: {n} new hires (GBK CSV)", lambda: run(data, "h.csv"))
    assert len(result.created) == n and all(a.link for a in result.created)
    timed(f"again: the same {n}", lambda: run(data, "h.csv"))
    changed = csv_data(rows(n, phone_base=13900000000))
    timed(f"update: {n} phone numbers", lambda: run(changed, "h.csv"))
    workbook = xlsx_data(hires)
    timed(
        f"xlsx: {n} rows read and planned",
        lambda: people_plan(table=read_table(workbook, "h.xlsx"), actor=None),
    )
    m = args.printed
    printed = csv_data(rows(m, prefix="PR", phone_base=15000000000))
    result, elapsed = timed(
        f"printed: {m} initial passwords",
        lambda: run(printed, "p.csv", passwords=PRINT),
    )
    assert all(a.password for a in result.created)
    print(
        f"printed passwords: {elapsed / m * 1000:.0f} ms per account "
        f"(≈ {elapsed / m * 1000:.1f} s per 1,000)"
    )


if __name__ == "__main__":
    main()
