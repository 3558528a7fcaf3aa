"""A real OpenID Connect provider for the SSO tests, started once per session.

tests/sso/provider/ is a second Django project (django-oauth-toolkit with OIDC
on). The fixture writes its people and an RSA signing key into a temporary
folder, migrates its own SQLite database, registers the academy's live server
as a client and runs it with `runserver` on a free 127.0.0.1 port. The academy
then talks to it over real HTTP: discovery, authorize, token, userinfo, JWKS.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from lms.accounts.sso import config as sso_config

ROOT = Path(__file__).resolve().parents[2]
CALLBACK = f"/accounts/sso/oidc/{sso_config.OIDC_PROVIDER_ID}/login/callback/"
START = f"/accounts/sso/oidc/{sso_config.OIDC_PROVIDER_ID}/login/"

# The company directory, as the provider knows it.
PEOPLE = {
    "zhang.wei": {
        "password": "pw-zhang-wei-1",
        "name": "张伟",
        "email": "zhang.wei@corp.example",
        "email_verified": True,
        "employee_no": "KF1001",
    },
    "li.na": {
        "password": "pw-li-na-1",
        "name": "李娜",
        "email": "li.na@corp.example",
        "email_verified": True,
    },
    "wang.fang": {
        "password": "pw-wang-fang-1",
        "name": "王芳",
        "email": "wang.fang@corp.example",
        "email_verified": False,
    },
    "zhao.lei": {
        "password": "pw-zhao-lei-1",
        "name": "赵磊",
        "email": "zhao.lei@corp.example",
        "email_verified": True,
        "employee_no": "KF2002",
    },
    "chen.trainer": {
        "password": "pw-chen-1",
        "name": "陈思远",
        "email": "chen@corp.example",
        "email_verified": True,
        "employee_no": "PX0001",
    },
    "hr.wang": {
        "password": "pw-hr-wang-1",
        "name": "王嘉怡",
        "email": "hr.wang@corp.example",
        "email_verified": True,
        "employee_no": "RS0001",
    },
}


@dataclass(frozen=True)
class Provider:
    url: str
    client_id: str
    client_secret: str

    def environ(self, **extra: str) -> dict[str, str]:
        """The academy's environment for this provider."""
        return {
            "LMS_OIDC_SERVER_URL": f"{self.url}/o",
            "LMS_OIDC_CLIENT_ID": self.client_id,
            "LMS_OIDC_CLIENT_SECRET": self.client_secret,
            "LMS_OIDC_NAME": "轻风统一认证",
            **extra,
        }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rsa_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the test OpenID provider stopped:\n{log.read_text()}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    pytest.fail(f"the test OpenID provider did not answer {url}:\n{log.read_text()}")


@pytest.fixture(scope="session")
def oidc_provider(live_server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc-provider")
    (folder / "people.json").write_text(json.dumps(PEOPLE), encoding="utf-8")
    port = free_port()
    provider = Provider(
        url=f"http://127.0.0.1:{port}",
        client_id="kefu-academy",
        client_secret="test-client-secret-0123456789",
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.sso.provider.settings",
        "PROVIDER_DIR": str(folder),
        "PROVIDER_RSA_KEY": rsa_key_pem(),
        "PROVIDER_CLIENT_ID": provider.client_id,
        "PROVIDER_CLIENT_SECRET": provider.client_secret,
        "PROVIDER_REDIRECT_URI": live_server.url + CALLBACK,
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "tests.sso.provider.setup"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    log = folder / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "django",
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
                "--skip-checks",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_up(
            f"{provider.url}/o/.well-known/openid-configuration", process, log
        )
        yield provider
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def sso_settings(settings, oidc_provider):
    """Turns company sign-in on against the test provider, the way the settings
    do it from the environment; returns a function to set it up again with more
    variables (e.g. LMS_SSO_CREATE_USERS)."""

    def configure(**extra: str) -> None:
        environ = oidc_provider.environ(**extra)
        providers = sso_config.socialaccount_providers(environ)
        settings.SOCIALACCOUNT_PROVIDERS = providers
        # The academy's calls to the provider (token, userinfo, JWKS) share two
        # busy cores with the browser and both servers: no 5-second give-up.
        settings.SOCIALACCOUNT_REQUESTS_TIMEOUT = 30
        settings.LMS_SSO_CREATE_USERS = sso_config.create_users(environ)
        settings.CONTENT_SECURITY_POLICY = sso_config.with_form_action(
            settings.CONTENT_SECURITY_POLICY, sso_config.authorize_origins(providers)
        )

    configure()
    return configure
