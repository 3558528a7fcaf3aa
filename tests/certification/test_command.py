"""`lms certificates list|pdf|expire|verify-url` — the exact formats."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from lms.certification.revocation import certificate_revoke

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("certificates", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_list_prints_csv_with_the_agreed_columns(certified):
    rows = list(csv.reader(io.StringIO(run("list"))))
    assert rows[0] == ["serial", "holder", "path", "status", "issued", "expires"]
    issued = timezone.localtime(certified.issued_at).strftime("%Y-%m-%d")
    expires = timezone.localtime(certified.expires_at).strftime("%Y-%m-%d")
    assert rows[1] == [
        certified.serial,
        "林晓雨",
        "售前客服上岗认证",
        "valid",
        issued,
        expires,
    ]
    assert len(rows) == 2


def test_list_filters_by_status(certified, hr):
    assert len(run("list", "--status", "revoked").splitlines()) == 1  # header only
    certificate_revoke(certificate=certified, actor=hr, reason_category="left")
    lines = run("list", "--status", "revoked").splitlines()
    assert len(lines) == 2 and lines[1].startswith(certified.serial)
    with pytest.raises(CommandError):
        run("list", "--status", "lost")


def test_pdf_writes_the_certificate_to_a_file(certified, tmp_path):
    target = tmp_path / "out.pdf"
    run("pdf", certified.serial, "-o", str(target))
    assert target.read_bytes().startswith(b"%PDF")


def test_pdf_of_an_unknown_serial_is_an_error(db, tmp_path):
    with pytest.raises(CommandError, match="KA-2026-999999"):
        run("pdf", "KA-2026-999999", "-o", str(tmp_path / "x.pdf"))


def test_expire_runs_the_expiry_task_now(certified):
    with time_machine.travel(certified.expires_at + timedelta(days=1)):
        assert run("expire").strip() == "reminded 0, expired 1"
    certified.refresh_from_db()
    assert certified.status == "expired"


def test_verify_url_prints_the_public_address(certified, settings):
    settings.LMS_PUBLIC_URL = "https://academy.example.com/"
    assert run("verify-url", certified.serial) == (
        f"https://academy.example.com/verify/{certified.verification_code}/\n"
    )
