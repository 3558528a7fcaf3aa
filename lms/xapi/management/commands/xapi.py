"""``lms xapi export|send|status`` — thin over exporting.py and sending.py."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count
from django.utils import timezone

from lms.xapi.exporting import ExportDateError, parse_moment, statement_lines
from lms.xapi.models import OutboxStatement, OutboxStatus
from lms.xapi.sending import outbox_send


class Command(BaseCommand):
    help = "xAPI statements: export them as JSON lines, send the outbox, count it."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="Statements as JSON lines.")
        export.add_argument(
            "--since", required=True, help="YYYY-MM-DD (site time) or ISO date-time"
        )
        export.add_argument("--until", help="up to, not including, this moment")
        export.add_argument("-o", "--output", help="file to write (default: stdout)")
        send = actions.add_parser("send", help="Send the outbox to the LRS now.")
        send.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help="also statements whose next try is later (after fixing the LRS)",
        )
        send.add_argument(
            "--retry-rejected",
            action="store_true",
            help="put statements the LRS refused back in the queue first",
        )
        actions.add_parser("status", help="Statements by status.")

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, action)(**options)

    def export(self, *, since: str, until: str | None, output: str | None, **_):
        try:
            start = parse_moment(since, option="--since")
            end = parse_moment(until, option="--until") if until else None
        except ExportDateError as error:
            raise CommandError(str(error)) from None
        if output:
            with Path(output).open("w", encoding="utf-8") as target:
                count = self.write_lines(target.write, start, end)
        else:
            count = self.write_lines(self.stdout.write, start, end, ending="")
        self.stderr.write(f"{count} statement(s)")

    def write_lines(self, write, start, end, ending: str = "\n") -> int:
        count = 0
        for line in statement_lines(since=start, until=end):
            write(line + ending)
            count += 1
        return count

    def send(self, *, everything: bool, retry_rejected: bool, **_):
        if not settings.LMS_XAPI_ENDPOINT:
            raise CommandError(
                "LMS_XAPI_ENDPOINT is not set: there is no LRS to send to."
            )
        if retry_rejected:
            OutboxStatement.objects.filter(status=OutboxStatus.REJECTED).update(
                status=OutboxStatus.PENDING, next_try=timezone.now()
            )
            everything = True
        report = outbox_send(everything=everything)
        self.stdout.write(report.summary())
        if report.failed:
            raise CommandError("the LRS did not take everything; see the log")

    def status(self, **_):
        counts = dict(
            OutboxStatement.objects.values_list("status").annotate(n=Count("id"))
        )
        for status in OutboxStatus:
            self.stdout.write(f"{status.value}\t{counts.get(status.value, 0)}")
