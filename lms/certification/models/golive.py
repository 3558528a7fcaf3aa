from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class GoLiveSignOff(models.Model):
    """A supervisor (trainer or HR) confirms a learner may serve real buyers."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="golive_signoff",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(_("Signed"), auto_now_add=True)
    note = models.CharField(_("Note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Go-live sign-off")

    def __str__(self):
        return f"{self.user} · {self.signed_at:%Y-%m-%d}"
