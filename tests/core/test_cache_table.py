"""`lms migrate` (and so `lms quickstart`) creates the database cache's table."""

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "lms_cache",
    }
}


def cache_table_exists() -> bool:
    with connection.cursor() as cursor:
        return "lms_cache" in connection.introspection.table_names(cursor)


def test_migrate_creates_the_cache_table_the_shared_cache_needs(
    transactional_db, settings
):
    settings.CACHES = DATABASE_CACHE
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS lms_cache")
    assert not cache_table_exists()
    call_command("migrate", interactive=False, verbosity=0)
    assert cache_table_exists()
    cache.set("lookups", 3)
    assert cache.incr("lookups") == 4
