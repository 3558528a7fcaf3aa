"""`lms users import|export|template` and the quickstart sample file."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from lms.accounts.setup import SAMPLE, import_sample_cohort

from .helpers import csv_bytes, person

pytestmark = pytest.mark.django_db
User = get_user_model()


def call(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("users", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def hires(tmp_path):
    path = tmp_path / "hires.csv"
    path.write_bytes(
        csv_bytes(
            [
                person("KF101", "赵子轩", phone="13800001201"),
                person("KF102", "钱", role="店长"),
            ],
            encoding="gbk",
        )
    )
    return path


def test_dry_run_shows_the_plan_and_the_refused_rows_and_writes_nothing(hires):
    out, err = call("import", str(hires), "--dry-run")
    assert "dry run" in out
    assert "新建 1 人" in out and "拒绝 1 行" in out
    assert "row 3, 角色: unknown role" in err
    assert not User.objects.filter(employee_no="KF101").exists()


def test_import_creates_people_and_prints_their_set_password_links(hires):
    out, _err = call("import", str(hires))
    assert User.objects.filter(employee_no="KF101").exists()
    assert f"{settings.LMS_PUBLIC_URL}/accounts/password/reset/" in out
    out, _err = call("import", str(hires))
    assert "新建 0 人" in out and "无变化 1 人" in out


def test_printed_passwords_are_shown_once_on_the_command_line(hires):
    out, _err = call("import", str(hires), "--passwords", "print")
    assert "初始密码" in out
    assert User.objects.get(employee_no="KF101").has_usable_password()


def test_a_missing_or_unreadable_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="missing.csv"):
        call("import", str(tmp_path / "missing.csv"))
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"name\n")
    with pytest.raises(CommandError, match="bad.csv: .*工号"):
        call("import", str(bad))


def test_template_and_export_write_files(tmp_path, hires):
    call("import", str(hires))
    call("template", "-o", str(tmp_path / "t.xlsx"))
    assert (tmp_path / "t.xlsx").read_bytes().startswith(b"PK")
    call("export", "-o", str(tmp_path / "people.csv"))
    text = (tmp_path / "people.csv").read_text(encoding="utf-8-sig")
    assert "KF101,赵子轩,13800001201" in text


def test_quickstart_imports_the_sample_cohort_once(db):
    assert (Path(settings.BASE_DIR) / SAMPLE).exists()
    first = import_sample_cohort(Path(settings.BASE_DIR))
    assert "9 created" in first and "refused" not in first
    second = import_sample_cohort(Path(settings.BASE_DIR))
    assert "0 created, 0 updated, 9 unchanged" in second
    assert User.objects.get(employee_no="TR0002").groups.get().name == "培训师"


def test_mail_links_queues_the_emails(tmp_path, django_capture_on_commit_callbacks):
    from django.core import mail

    path = tmp_path / "h.csv"
    path.write_bytes(csv_bytes([person("KF201", "甲", email="jia@example.com")]))
    with django_capture_on_commit_callbacks(execute=True):
        out, _err = call("import", str(path), "--mail-links")
    assert "links queued: 1" in out
    assert mail.outbox[0].to == ["jia@example.com"]
