from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lms.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .cache import create_cache_table_after_migrate

        post_migrate.connect(
            create_cache_table_after_migrate, dispatch_uid="lms_cache_table"
        )
