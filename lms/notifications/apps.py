from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "lms.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from lms.certification.signals import certificate_issued, certificate_revoked

        from . import receivers

        certificate_issued.connect(
            receivers.on_certificate_issued, dispatch_uid="notifications.issued"
        )
        certificate_revoked.connect(
            receivers.on_certificate_revoked, dispatch_uid="notifications.revoked"
        )
