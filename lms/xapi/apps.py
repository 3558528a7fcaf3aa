from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class XapiConfig(AppConfig):
    name = "lms.xapi"
    label = "xapi"
    verbose_name = _("xAPI statements")

    def ready(self):
        from . import checks, receivers  # noqa: F401 (checks registers itself)

        receivers.connect()
