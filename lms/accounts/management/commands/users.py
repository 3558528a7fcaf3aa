"""``lms users import FILE [--dry-run] | export | template`` — thin over
lms/accounts/people/."""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lms.accounts.people.applying import LINK, PRINT, people_import
from lms.accounts.people.exporting import (
    exportable_people,
    people_csv,
    people_rows,
    people_xlsx,
)
from lms.accounts.people.reading import PeopleFileError, read_table
from lms.core.terminal import table as text_table


class Command(BaseCommand):
    help = "Import people from a CSV/XLSX file, export them, or write the template."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        importing = actions.add_parser("import", help="Create and update people.")
        importing.add_argument("file", type=Path)
        importing.add_argument(
            "--dry-run", action="store_true", help="Show the plan, write nothing."
        )
        importing.add_argument(
            "--passwords",
            choices=(LINK, PRINT),
            default=LINK,
            help="New accounts: a set-password link (default) or a printed "
            "initial password. Either way they choose their own at first login.",
        )
        importing.add_argument(
            "--mail-links",
            action="store_true",
            help="E-mail new people with an address their set-password link "
            "(sent by the task worker once the import has committed).",
        )
        for name, text in (
            ("export", "Everyone with a 工号, in the import's columns."),
            ("template", "The blank file to fill in."),
        ):
            sub = actions.add_parser(name, help=text)
            sub.add_argument("-o", "--output", type=Path, required=name == "template")

    def handle(self, *args, action: str, **options) -> None:
        if action == "import":
            self.import_file(
                options["file"],
                options["dry_run"],
                options["passwords"],
                options["mail_links"],
            )
        elif action == "export":
            self.write(options["output"], exportable_people())
        else:
            self.write(options["output"], None)

    def write(self, output: Path | None, people) -> None:
        rows = people_rows(people) if people is not None else []
        if output is None:
            sys.stdout.buffer.write(people_csv(rows))
            return
        data = (
            people_xlsx(rows, notes=people is None)
            if output.suffix.lower() == ".xlsx"
            else people_csv(rows)
        )
        output.write_bytes(data)
        self.stderr.write(f"{output} ({len(data)} bytes)")

    def import_file(
        self, path: Path, dry_run: bool, passwords: str, mail_links: bool
    ) -> None:
        try:
            table = read_table(path.read_bytes(), path.name)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        except PeopleFileError as error:
            raise CommandError(f"{path}: {error}") from error
        result = people_import(
            table=table,
            actor=None,
            passwords=passwords,
            base_url=settings.LMS_PUBLIC_URL,
            source=path.name,
            dry_run=dry_run,
            mail_links=mail_links,
        )
        plan = result.plan
        for error in plan.errors:
            self.stderr.write(f"{path.name}: {error}")
        for row in plan.updates:
            changes = ", ".join(
                f"{key} {old or '∅'} → {new}" for key, (old, new) in row.changes.items()
            )
            self.stdout.write(f"  更新 {row.employee_no}: {changes}")
        summary = (
            f"新建 {len(plan.creates)} 人, 更新 {len(plan.updates)} 人, "
            f"无变化 {len(plan.unchanged)} 人, 拒绝 {len(plan.refused)} 行"
        )
        if plan.new_teams or plan.new_cohorts:
            summary += f"; 新团队 {len(plan.new_teams)}, 新批次 {len(plan.new_cohorts)}"
        if dry_run:
            self.stdout.write(f"(试运行 / dry run, nothing written) {summary}")
            return
        self.stdout.write(self.style.SUCCESS(summary))
        if result.mailed:
            self.stdout.write(
                f"  设置密码链接已排队发送邮件 / links queued: {result.mailed}"
            )
        if result.created:
            printed = passwords == PRINT
            heading = "初始密码 password" if printed else "设置密码链接 link"
            rows = [("工号", "姓名", heading)]
            rows += [
                (a.employee_no, a.name, a.password if printed else a.link)
                for a in result.created
            ]
            for line in text_table(rows, indent="  "):
                self.stdout.write(line)
