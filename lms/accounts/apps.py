from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    # This module holds two AppConfigs; without `default` Django would use a
    # bare AppConfig for "lms.accounts" and ready() would never run.
    default = True
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="lms_roles")


class AcademyUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app, editing the academy's user fields too."""

    user_viewset = "lms.accounts.viewsets.UserViewSet"
