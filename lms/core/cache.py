"""The database cache's table, created by every `migrate` (quickstart runs one).

Without a table the database cache fails on first use; Django only makes it in
`createcachetable`, a step an install would forget. Redis needs no table and the
command does nothing for it.
"""

from django.core.management import call_command

# post_migrate is sent once per app with models: answer only one of them.
SENDER_LABEL = "accounts"


def create_cache_table_after_migrate(sender, *, using="default", **kwargs) -> None:
    if sender.label == SENDER_LABEL:
        call_command("createcachetable", database=using, verbosity=0)
