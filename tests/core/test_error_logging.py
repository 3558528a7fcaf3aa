"""A server error under the production settings leaves its traceback in the log
(stdout, where containers and journald collect it) and is mailed to ADMINS."""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

# Runs in its own process: logging is configured once, at start-up, from settings.
SERVE_ONE_BROKEN_REQUEST = """
import json
import django
from django.urls import path

def broken(request):
    raise ZeroDivisionError("lesson progress divided by zero")

urlpatterns = [path("broken/", broken)]

django.setup()
from django.conf import settings
from django.core import mail
from django.test import Client
from django.test.utils import override_settings, setup_test_environment

setup_test_environment()  # mail.outbox for the locmem backend
with override_settings(ROOT_URLCONF="__main__"):
    response = Client(raise_request_exception=False).get("/broken/", secure=True)
print(json.dumps({
    "status": response.status_code,
    "admins": settings.ADMINS,
    "mails": [(m.subject, m.to, m.body) for m in mail.outbox],
}))
"""


def production_environment(tmp_path, **extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": "k3#" + "production-like-secret-0123456789abcdefghijklmnopq",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "WAGTAILADMIN_BASE_URL": "https://academy.example.com",
        "LMS_VAR_DIR": str(tmp_path),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "ADMINS": "运维 值班 <ops@example.com>, lead@example.com",
        **extra,
    }


def serve_broken_request(tmp_path, **extra):
    result = subprocess.run(
        [sys.executable, "-c", SERVE_ONE_BROKEN_REQUEST],
        cwd=BASE_DIR,
        env=production_environment(tmp_path, **extra),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    *log, outcome = result.stdout.strip().splitlines()
    return json.loads(outcome), "\n".join(log)


def test_a_500_in_production_writes_its_traceback_to_the_log(tmp_path):
    outcome, log = serve_broken_request(tmp_path)
    assert outcome["status"] == 500
    assert "ERROR django.request: Internal Server Error: /broken/" in log
    assert "Traceback (most recent call last):" in log
    assert "ZeroDivisionError: lesson progress divided by zero" in log


def test_a_500_in_production_is_mailed_to_the_admins_from_the_environment(tmp_path):
    outcome, _log = serve_broken_request(tmp_path)
    assert outcome["admins"] == [
        ["运维 值班", "ops@example.com"],
        ["lead@example.com", "lead@example.com"],
    ]
    [(subject, to, body)] = outcome["mails"]
    assert "Internal Server Error: /broken/" in subject
    assert to == ["ops@example.com", "lead@example.com"]
    assert "ZeroDivisionError" in body


def test_with_log_format_json_each_error_is_one_json_line_with_its_traceback(
    tmp_path,
):
    _outcome, log = serve_broken_request(tmp_path, LOG_FORMAT="json")
    records = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    [error] = [r for r in records if r["logger"] == "django.request"]
    assert error["level"] == "ERROR"
    assert error["status"] == 500
    assert "ZeroDivisionError: lesson progress divided by zero" in error["traceback"]
