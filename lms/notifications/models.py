"""A notice to one person: shown on their dashboard and, when they have an
address, e-mailed by the task worker. Stored with its parameters, rendered in
the reader's language when shown (kinds.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Recipient"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField(_("Kind"), max_length=40)
    # What it is about ("assignment:12", "certificate:QF-2026-0001", "digest"):
    # with the day, it keeps a notice from being sent twice.
    key = models.CharField(max_length=80)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("Created"), default=timezone.now)
    sent_on = models.DateField(_("Day"))
    emailed_at = models.DateTimeField(_("E-mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Notice")
        verbose_name_plural = _("Notices")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "key", "sent_on"], name="one_notice_per_day"
            )
        ]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"{self.user_id} · {self.kind} · {self.key}"

    @property
    def subject(self) -> str:
        from .kinds import render_notice

        return render_notice(self)[0]

    @property
    def body(self) -> str:
        from .kinds import render_notice

        return render_notice(self)[1]
