"""Media on S3-compatible storage: production settings against a real S3 endpoint.

The endpoint is moto's S3 server, a separate process speaking the S3 HTTP API on
a local port (what MinIO or a cloud store would be in production). The storage
used is the one the settings build, not one made by the test.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.deploy.stack import free_port

MOTO = Path(sys.executable).parent / "moto_server"
pytestmark = pytest.mark.skipif(
    not MOTO.exists() and not shutil.which("moto_server"),
    reason="moto_server (pip install 'moto[server]') is not installed",
)

ROUND_TRIP = """
import json
import django
django.setup()
import boto3
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from health_check.checks import Storage

options = settings.STORAGES["default"]["OPTIONS"]
boto3.client("s3", endpoint_url=options["endpoint_url"], region_name="us-east-1"
             ).create_bucket(Bucket=options["bucket_name"])
name = default_storage.save("original_images/课程封面.png", ContentFile(b"PNG-bytes"))
with default_storage.open(name) as handle:
    content = handle.read()
url = default_storage.url(name)
Storage().run()  # the /health/ probe: save, read back, delete
listed = boto3.client("s3", endpoint_url=options["endpoint_url"],
                      region_name="us-east-1").list_objects_v2(
    Bucket=options["bucket_name"])
keys = [item["Key"] for item in listed.get("Contents", [])]
import urllib.request
# The signed link works without credentials, as a browser would use it.
with urllib.request.urlopen(url, timeout=10) as reply:
    fetched = reply.read().decode()
default_storage.delete(name)
print(json.dumps({"name": name, "content": content.decode(), "url": url,
                  "fetched": fetched,
                  "keys": keys, "exists_after_delete": default_storage.exists(name)}))
"""


@pytest.fixture
def s3_endpoint(tmp_path):
    port = free_port()
    log = (tmp_path / "moto.log").open("wb")
    server = subprocess.Popen(
        [str(MOTO) if MOTO.exists() else "moto_server", "-H", "127.0.0.1",
         "-p", str(port)],  # fmt: skip
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{url}/moto-api/", timeout=2).close()
                break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def test_uploads_go_to_the_bucket_privately_and_the_health_probe_passes(s3_endpoint):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "AWS_", "LMS_"))
        and key not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "academy.example.com",
            "DATABASE_URL": "sqlite:////tmp/kefu-s3-check.sqlite3",
            "WAGTAILADMIN_BASE_URL": "https://academy.example.com",
            "AWS_STORAGE_BUCKET_NAME": "kefu-media",
            "AWS_S3_ENDPOINT_URL": s3_endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "test-key-id",
            "AWS_SECRET_ACCESS_KEY": "test-secret-key",
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", ROUND_TRIP],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["content"] == "PNG-bytes"
    assert report["keys"] == [f"media/{report['name']}"]  # under AWS_LOCATION
    # Private objects: the link is signed and expires.
    assert report["url"].startswith(f"{s3_endpoint}/kefu-media/media/original_images/")
    assert "X-Amz-Signature=" in report["url"] and "X-Amz-Expires=3600" in report["url"]
    assert report["fetched"] == "PNG-bytes"  # through the signed link
    assert report["exists_after_delete"] is False
