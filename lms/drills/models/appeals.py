"""A learner's appeal against a turn's score; it lands in the trainers' review
queue until a trainer resolves it (rescoring the turn, or explaining why not)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

APPEAL_MAX_LENGTH = 1000


class AppealStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


class TurnAppeal(models.Model):
    turn = models.ForeignKey(
        "drills.DrillTurn",
        verbose_name=_("Turn"),
        on_delete=models.CASCADE,
        related_name="appeals",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Learner"),
        on_delete=models.CASCADE,
        related_name="drill_appeals",
    )
    comment = models.TextField(
        _("Why the score is wrong"), max_length=APPEAL_MAX_LENGTH
    )
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=AppealStatus.choices,
        default=AppealStatus.OPEN,
    )
    created_at = models.DateTimeField(_("Appealed"), default=timezone.now)
    resolution = models.TextField(_("Trainer's answer"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("Resolved"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Score appeal")
        verbose_name_plural = _("Score appeals")
        constraints = [
            models.UniqueConstraint(
                fields=["turn"],
                condition=models.Q(status="open"),
                name="one_open_appeal_per_turn",
            )
        ]

    def __str__(self):
        return f"#{self.turn_id} · {self.get_status_display()}"

    @property
    def is_open(self) -> bool:
        return self.status == AppealStatus.OPEN
