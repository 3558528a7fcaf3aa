from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A key an HR system sends as `Authorization: Bearer <key>`.

    Only a SHA-256 digest is stored: the key itself is shown once, when it is
    made (lms/api/tokens.py). It works only while its user is active and still
    holds the HR role (or is a superuser), checked on every request.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("User"),
        on_delete=models.CASCADE,
        related_name="hr_api_tokens",
    )
    name = models.CharField(_("Name"), max_length=100)
    prefix = models.CharField(_("Key starts with"), max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("Created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("Last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("Revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.prefix}… ({self.name})"
