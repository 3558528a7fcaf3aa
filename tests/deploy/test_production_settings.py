"""lms.settings.production scales out: what the environment switches on and off."""

import json
import os
import secrets
import subprocess
import sys

BASE_ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "academy.example.com",
    "DATABASE_URL": "postgres://kefu@db.internal:5432/kefu",
    "WAGTAILADMIN_BASE_URL": "https://academy.example.com",
}
PRINT_SETTINGS = """
import json
from django.conf import settings
import django
django.setup()
from django.core.files.storage import storages
storage = type(storages["default"])
print(json.dumps({
    "db": {k: settings.DATABASES["default"].get(k)
           for k in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "ENGINE")},
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"]["LOCATION"],
    "sessions": settings.SESSION_ENGINE,
    "storage": f"{storage.__module__}.{storage.__name__}",
    "storage_options": settings.STORAGES["default"].get("OPTIONS", {}),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "proxy_header": settings.SECURE_PROXY_SSL_HEADER,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "redirect_exempt": settings.SECURE_REDIRECT_EXEMPT,
    "log_stream": settings.LOGGING["handlers"]["stderr"]["stream"],
}))
"""


def production_settings(**env) -> dict:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "AWS_", "LMS_"))
        and key not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "CONN_MAX_AGE"}
    }
    environment.update(BASE_ENV)
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_connections_are_kept_and_checked_before_use():
    config = production_settings()
    assert config["db"] == {
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "ENGINE": "django.db.backends.postgresql",
    }
    assert production_settings(CONN_MAX_AGE="0")["db"]["CONN_MAX_AGE"] == 0


def test_with_redis_url_cache_sessions_and_throttles_are_in_redis():
    config = production_settings(REDIS_URL="redis://cache.internal:6379/0")
    assert config["cache"] == "django_redis.cache.RedisCache"
    assert config["cache_location"] == "redis://cache.internal:6379/0"
    assert config["sessions"] == "django.contrib.sessions.backends.cache"


def test_without_redis_url_the_database_is_cache_and_session_store():
    config = production_settings()
    assert config["cache"] == "django.core.cache.backends.db.DatabaseCache"
    assert config["sessions"] == "django.contrib.sessions.backends.db"


def test_media_stays_on_local_disk_without_a_bucket():
    config = production_settings()
    assert config["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert config["img_src"] == ["'self'", "data:"]


def test_a_bucket_puts_media_on_s3_compatible_storage_with_private_signed_urls():
    config = production_settings(
        AWS_STORAGE_BUCKET_NAME="kefu-media",
        AWS_S3_ENDPOINT_URL="https://minio.internal:9000",
        AWS_S3_REGION_NAME="cn-east-1",
    )
    assert config["storage"] == "storages.backends.s3.S3Storage"
    options = config["storage_options"]
    assert options["bucket_name"] == "kefu-media"
    assert options["endpoint_url"] == "https://minio.internal:9000"
    assert options["addressing_style"] == "path"
    assert options["querystring_auth"] is True  # private objects, signed links
    assert options["file_overwrite"] is False
    assert options["location"] == "media"
    # No key in settings: boto3 reads AWS_ACCESS_KEY_ID from the environment.
    assert "access_key" not in options and "secret_key" not in options
    # Pages may show images from the bucket's origin, and only from there.
    assert config["img_src"] == ["'self'", "data:", "https://minio.internal:9000"]


def test_behind_a_tls_proxy_the_forwarded_scheme_is_trusted_and_health_is_exempt():
    config = production_settings()
    assert config["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert config["ssl_redirect"] is True
    assert config["redirect_exempt"] == ["^health/"]
    assert config["log_stream"] == "ext://sys.stdout"
