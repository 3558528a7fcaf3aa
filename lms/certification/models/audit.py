from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditLogEntry(models.Model):
    """Who did what to whom or which certificate, when and why (HR actions)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("Action"), max_length=40)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    certificate = models.ForeignKey(
        "certification.Certificate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    reason = models.TextField(_("Reason"), blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("When"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Audit log entry")
        verbose_name_plural = _("Audit log")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"
