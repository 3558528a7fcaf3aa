"""Production settings refuse to start without their required variables."""

import base64
import os
import secrets
import subprocess
import sys

import pytest

GOOD_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "academy.example.com",
    "DATABASE_URL": "sqlite:////tmp/kefu-deploy-check.sqlite3",
    "WAGTAILADMIN_BASE_URL": "https://academy.example.com",
    # The Open Badges signing key (docs/deploy.md): an Ed25519 seed in base64.
    "LMS_BADGE_SIGNING_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
}


def run_lms(*args: str, **env_overrides: str | None) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in GOOD_ENV
        and key not in ("DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env["DJANGO_SETTINGS_MODULE"] = "lms.settings.production"
    for key, value in {**GOOD_ENV, **env_overrides}.items():
        if value is not None:
            env[key] = value
    return subprocess.run(
        [sys.executable, "-m", "lms.manage", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SECRET_KEY", None),
        ("SECRET_KEY", "short"),
        ("ALLOWED_HOSTS", None),
        ("DATABASE_URL", None),
        ("DATABASE_URL", "nosuchdb://what"),
        ("DEBUG", "maybe"),
        ("DEBUG", "true"),
        ("WAGTAILADMIN_BASE_URL", None),
    ],
)
def test_production_start_up_stops_with_one_line_naming_the_variable(variable, value):
    result = run_lms("check", **{variable: value})
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Configuration error:")
    assert variable in lines[0]


def test_deploy_check_reports_no_warnings_with_production_settings():
    result = run_lms("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_warns_when_certificates_cannot_be_signed_as_badges():
    result = run_lms(
        "check", "--deploy", "--fail-level", "WARNING", LMS_BADGE_SIGNING_KEY=None
    )
    assert result.returncode != 0
    assert "certification.W010" in result.stdout + result.stderr


def test_console_script_runs_from_any_directory(tmp_path):
    lms = os.path.join(os.path.dirname(sys.executable), "lms")
    result = subprocess.run(
        [lms, "help", "quickstart"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "--no-serve" in result.stdout


def test_gravatar_is_switched_off(settings):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
