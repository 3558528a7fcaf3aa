"""``lms certificates list|pdf|expire|verify-url`` — thin over the services."""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from lms.certification.models import Certificate, CertificateStatus
from lms.certification.pdf import certificate_pdf
from lms.certification.tasks import certificates_expire_task
from lms.certification.verify import verify_url

CSV_COLUMNS = ["serial", "holder", "path", "status", "issued", "expires"]


def _date(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d")


class Command(BaseCommand):
    help = "List certificates, write one as PDF, run the expiry, print a verify URL."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        listing = actions.add_parser("list", help="All certificates as CSV.")
        listing.add_argument(
            "--status", choices=CertificateStatus.values, help="only this status"
        )
        pdf = actions.add_parser("pdf", help="Write a certificate's PDF.")
        pdf.add_argument("serial")
        pdf.add_argument("-o", "--output", required=True, help="PDF file to write")
        actions.add_parser("expire", help="Send 30-day reminders, expire what is due.")
        url = actions.add_parser("verify-url", help="A certificate's public URL.")
        url.add_argument("serial")

    def handle(self, *args, action: str, **options) -> None:
        if action == "list":
            try:
                self.list(options.get("status"))
            except BrokenPipeError:  # `| head`: the reader has what it wanted
                # As the Python docs advise: point stdout at devnull so the
                # flush at exit does not raise again.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return
        if action == "pdf":
            path = Path(options["output"])
            path.write_bytes(certificate_pdf(self.certificate(options["serial"])))
            self.stderr.write(f"{path} ({path.stat().st_size // 1024} KB)")
        elif action == "expire":
            # The task's own code, run here and now rather than queued.
            self.stdout.write(certificates_expire_task.call())
        elif action == "verify-url":
            self.stdout.write(verify_url(self.certificate(options["serial"])))

    def certificate(self, serial: str) -> Certificate:
        certificate = Certificate.objects.filter(serial=serial.strip().upper()).first()
        if certificate is None:
            raise CommandError(f"no certificate {serial}")
        return certificate

    def list(self, status: str | None) -> None:
        certificates = Certificate.objects.order_by("issued_at", "id")
        if status:
            certificates = certificates.filter(status=status)
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for c in certificates.iterator():
            writer.writerow(
                [
                    c.serial,
                    c.holder_name,
                    c.path_title,
                    c.status,
                    _date(c.issued_at),
                    _date(c.expires_at),
                ]
            )
