"""A learner playing a scenario: the session, its turns and the customer's messages.

Every reply is written on its turn the moment it arrives; nothing lives only in
the browser. Times are the server's: a customer message's `shown_at` is when it
became visible after its typing delay, a turn's `received_at` when the reply
arrived, and `seconds` the difference from the turn's last customer message.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Mode(models.TextChoices):
    PRACTICE = "practice", _("Practice")
    EXAM = "exam", _("Exam")


class SessionStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    FINISHED = "finished", _("Finished")
    ABANDONED = "abandoned", _("Abandoned")


class DrillSessionQuerySet(models.QuerySet):
    def finished(self):
        return self.filter(status=SessionStatus.FINISHED)

    def in_progress(self):
        return self.filter(status=SessionStatus.IN_PROGRESS)

    def owned_by(self, user):
        return self.filter(user=user)


class DrillSession(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Learner"),
        on_delete=models.CASCADE,
        related_name="drill_sessions",
    )
    scenario = models.ForeignKey(
        "drills.Scenario",
        verbose_name=_("Scenario"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    version = models.ForeignKey(
        "drills.ScenarioVersion", on_delete=models.PROTECT, related_name="sessions"
    )
    mode = models.CharField(_("Mode"), max_length=20, choices=Mode.choices)
    rush_set = models.ForeignKey(
        "drills.RushSet",
        verbose_name=_("Rush-hour set"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    # Sessions started together in rush mode share this id (one per customer).
    rush_group = models.UUIDField(null=True, blank=True, db_index=True)
    rush_position = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=SessionStatus.choices,
        default=SessionStatus.IN_PROGRESS,
    )
    started_at = models.DateTimeField(_("Started"))
    finished_at = models.DateTimeField(_("Finished"), null=True, blank=True)
    # Effective results: trainers' overrides count instead of the machine's score.
    score = models.PositiveSmallIntegerField(_("Score"), null=True, blank=True)
    passed = models.BooleanField(_("Passed"), default=False)
    fatal = models.BooleanField(_("Fatal mistake"), default=False)
    machine_score = models.PositiveSmallIntegerField(null=True, blank=True)
    # The engine's DrillResult.to_dict() (machine scores only).
    result = models.JSONField(default=dict, blank=True)
    # Customer messages shown after this moment count as unread in the contact list.
    read_until = models.DateTimeField(null=True, blank=True)

    objects = DrillSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("Drill session")
        verbose_name_plural = _("Drill sessions")
        indexes = [
            models.Index(fields=["user", "scenario", "status"]),
            models.Index(fields=["status", "started_at"]),
        ]
        constraints = [
            # One open solo session per learner, scenario and mode, even with two
            # tabs: a second start resumes the first.
            models.UniqueConstraint(
                fields=["user", "scenario", "mode"],
                condition=models.Q(status="in_progress", rush_group__isnull=True),
                name="one_open_drill_session",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.scenario_id} · {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.status == SessionStatus.IN_PROGRESS

    @property
    def is_finished(self) -> bool:
        return self.status == SessionStatus.FINISHED

    @property
    def is_exam(self) -> bool:
        return self.mode == Mode.EXAM


class DrillTurn(models.Model):
    """One exchange: the customer's messages (DrillMessage) and the reply."""

    session = models.ForeignKey(
        DrillSession, on_delete=models.CASCADE, related_name="turns"
    )
    order = models.PositiveSmallIntegerField(_("Turn"))
    turn_id = models.CharField(max_length=60)
    created_at = models.DateTimeField()
    target_seconds = models.FloatField(_("Target response time (s)"))
    reply = models.TextField(_("Reply"), blank=True)
    received_at = models.DateTimeField(_("Reply received"), null=True, blank=True)
    seconds = models.FloatField(_("Response time (s)"), null=True, blank=True)
    # The engine's TurnResult.to_dict().
    result = models.JSONField(null=True, blank=True)
    machine_score = models.PositiveSmallIntegerField(null=True, blank=True)
    # Who gave machine_score: "rules" (the engine alone) or "llm:<model>" (the
    # optional LLM judge, see drills/judging/llm.py).
    judge = models.CharField(_("Scored by"), max_length=120, blank=True)
    override_score = models.PositiveSmallIntegerField(
        _("Trainer's score"), null=True, blank=True
    )
    override_comment = models.TextField(_("Trainer's comment"), blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    override_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session", "order"]
        verbose_name = _("Drill turn")
        constraints = [
            # A turn is created once, however many times a reply is submitted.
            models.UniqueConstraint(
                fields=["session", "order"], name="unique_drill_turn_order"
            )
        ]

    def __str__(self):
        # Shown in the admin's history: 第 N 轮, never the scenario file's turn id.
        return f"#{self.session_id} · " + _("Turn %(n)s") % {"n": self.order}

    @property
    def answered(self) -> bool:
        return self.received_at is not None

    @property
    def overridden(self) -> bool:
        return self.override_score is not None

    @property
    def effective_score(self) -> int | None:
        if self.override_score is not None:
            return self.override_score
        return self.machine_score

    @property
    def effective_fatal(self) -> bool:
        """A trainer's override lifts the machine's fatal verdict on this turn."""
        return bool(self.result and self.result.get("fatal")) and not self.overridden


class DrillMessage(models.Model):
    """A customer message; visible once `shown_at` has passed (typing delay)."""

    turn = models.ForeignKey(
        DrillTurn, on_delete=models.CASCADE, related_name="messages"
    )
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    shown_at = models.DateTimeField()

    class Meta:
        ordering = ["turn", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["turn", "position"], name="unique_drill_message_position"
            )
        ]

    def __str__(self):
        return self.text[:40]
