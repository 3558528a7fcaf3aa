from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    # The LRS refused the statement itself (400): kept, never retried by itself.
    REJECTED = "rejected", _("Refused by the LRS")


class OutboxQuerySet(models.QuerySet):
    def due(self, now):
        return self.filter(status=OutboxStatus.PENDING, next_try__lte=now)

    def pending(self):
        return self.filter(status=OutboxStatus.PENDING)


class OutboxStatement(models.Model):
    """One xAPI statement, recorded with the event it describes (same transaction)
    and sent to the LRS by the task worker. Rows are kept once sent: they are
    what `lms xapi export` writes."""

    statement_id = models.UUIDField(_("Statement id"), unique=True)
    event = models.CharField(_("Event"), max_length=40)
    timestamp = models.DateTimeField(_("When"), db_index=True)
    statement = models.JSONField()
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=OutboxStatus.choices,
        default=OutboxStatus.PENDING,
    )
    attempts = models.PositiveIntegerField(_("Sending attempts"), default=0)
    next_try = models.DateTimeField(_("Next try"), null=True, blank=True)
    last_error = models.CharField(_("Last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("Sent"), null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        ordering = ["timestamp", "id"]
        verbose_name = _("xAPI statement")
        verbose_name_plural = _("xAPI statements")
        indexes = [models.Index(fields=["status", "next_try"])]

    def __str__(self):
        return f"{self.event} {self.statement_id}"
