from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AttemptStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    GRADING = "grading", _("Being graded")
    SUBMITTED = "submitted", _("Submitted")
    TIMED_OUT = "timed_out", _("Time ran out")


class AttemptQuerySet(models.QuerySet):
    def finished(self):
        return self.filter(
            status__in=[AttemptStatus.SUBMITTED, AttemptStatus.TIMED_OUT]
        )

    def open(self):
        return self.filter(status=AttemptStatus.OPEN)


class Attempt(models.Model):
    """One sitting of a quiz. Its questions and their order are fixed at start."""

    quiz = models.ForeignKey(
        "quizzes.Quiz", on_delete=models.CASCADE, related_name="attempts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    number = models.PositiveIntegerField(_("Attempt number"))
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=AttemptStatus.choices,
        default=AttemptStatus.OPEN,
    )
    started_at = models.DateTimeField(_("Started"))
    deadline = models.DateTimeField(_("Deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("Submitted"), null=True, blank=True)
    score = models.FloatField(_("Score (%)"), null=True, blank=True)
    passed = models.BooleanField(_("Passed"), null=True)
    pass_mark = models.PositiveSmallIntegerField(_("Pass mark (%)"))
    review_policy = models.CharField(max_length=20)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("Quiz attempt")
        verbose_name_plural = _("Quiz attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "user", "number"], name="unique_attempt_number"
            ),
            # At most one open attempt per learner and quiz, even with two tabs.
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=models.Q(status="open"),
                name="one_open_attempt",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "status"])]

    def __str__(self):
        return f"{self.quiz} #{self.number} · {self.user}"

    @property
    def is_open(self) -> bool:
        return self.status == AttemptStatus.OPEN

    @property
    def is_finished(self) -> bool:
        return self.status in (AttemptStatus.SUBMITTED, AttemptStatus.TIMED_OUT)


class AttemptQuestion(models.Model):
    """A question as it stood when the attempt began, and the learner's answer."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    question = models.ForeignKey(
        "quizzes.Question", on_delete=models.PROTECT, related_name="attempt_items"
    )
    snapshot = models.JSONField(help_text="The question's data at the start.")
    # Display order of options / items / right-hand choices, as original keys.
    layout = models.JSONField(default=dict)
    response = models.JSONField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    fraction = models.FloatField(null=True, blank=True)
    correct = models.BooleanField(null=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="unique_attempt_position"
            )
        ]

    def __str__(self):
        return f"{self.attempt_id}:{self.position}"
