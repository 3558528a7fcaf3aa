"""A trainer's assignment: one item, for a cohort, a team or one person, due by a
date or N days after each learner's hire date."""

from __future__ import annotations

import operator
from datetime import date, timedelta
from functools import reduce

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TARGET_FIELDS = ("cohort", "team", "user")
ITEM_FIELDS = ("course", "quiz", "scenario", "path")


def _exactly_one(fields: tuple[str, ...]) -> Q:
    """SQL: exactly one of `fields` is set."""
    cases = [
        Q(**{f"{name}__isnull": False})
        & Q(**{f"{other}__isnull": True for other in fields if other != name})
        for name in fields
    ]
    return reduce(operator.or_, cases)


class AssignmentQuerySet(models.QuerySet):
    def for_users(self, users):
        """Assignments reaching any of `users` (dicts or objects with the ids)."""
        user_ids, team_ids, cohort_ids = set(), set(), set()
        for user in users:
            user_ids.add(user.id)
            if user.team_id:
                team_ids.add(user.team_id)
            if user.cohort_id:
                cohort_ids.add(user.cohort_id)
        return self.filter(
            Q(user_id__in=user_ids)
            | Q(team_id__in=team_ids)
            | Q(cohort_id__in=cohort_ids)
        )


class Assignment(models.Model):
    """必修: an item a trainer requires of a cohort, a team or a person."""

    cohort = models.ForeignKey(
        "accounts.Cohort",
        verbose_name=_("Cohort"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("Team"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Learner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("Course"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    quiz = models.ForeignKey(
        "quizzes.Quiz",
        verbose_name=_("Quiz or exam"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    scenario = models.ForeignKey(
        "drills.Scenario",
        verbose_name=_("Drill"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    path = models.ForeignKey(
        "certification.CertificationPath",
        verbose_name=_("Certification path"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    due_on = models.DateField(_("Due on"), null=True, blank=True)
    due_days_after_hire = models.PositiveSmallIntegerField(
        _("Due days after hire"),
        null=True,
        blank=True,
        help_text=_(
            "Each learner's own deadline: this many days after their hire date."
        ),
    )
    locks_others = models.BooleanField(
        _("Lock other courses"),
        default=False,
        help_text=_(
            "Learners cannot open other courses until they have completed the "
            "assigned courses."
        ),
    )
    note = models.CharField(_("Note to learners"), max_length=200, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Assigned"), default=timezone.now)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Assignment")
        verbose_name_plural = _("Assignments")
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one(TARGET_FIELDS), name="assignment_one_target"
            ),
            models.CheckConstraint(
                condition=_exactly_one(ITEM_FIELDS), name="assignment_one_item"
            ),
            models.CheckConstraint(
                condition=_exactly_one(("due_on", "due_days_after_hire")),
                name="assignment_one_due_rule",
            ),
        ]

    def __str__(self):
        return f"{self.item} → {self.target}"

    @property
    def item(self):
        return next(
            (
                getattr(self, name)
                for name in ITEM_FIELDS
                if getattr(self, f"{name}_id")
            ),
            None,
        )

    @property
    def item_kind(self) -> str:
        return next((name for name in ITEM_FIELDS if getattr(self, f"{name}_id")), "")

    @property
    def target(self):
        return next(
            (
                getattr(self, name)
                for name in TARGET_FIELDS
                if getattr(self, f"{name}_id")
            ),
            None,
        )

    def due_for(self, *, hire_date: date | None, joined: date | None) -> date | None:
        """This learner's deadline; without a hire date the account's start counts."""
        if self.due_on is not None:
            return self.due_on
        start = hire_date or joined
        if start is None or self.due_days_after_hire is None:
            return None
        return start + timedelta(days=self.due_days_after_hire)

    def clean(self):
        errors = {}
        targets = [name for name in TARGET_FIELDS if getattr(self, f"{name}_id")]
        if len(targets) != 1:
            errors["cohort"] = _("Choose exactly one of: cohort, team or learner.")
        items = [name for name in ITEM_FIELDS if getattr(self, f"{name}_id")]
        if len(items) != 1:
            errors["course"] = _(
                "Choose exactly one of: course, quiz, drill or certification path."
            )
        if (self.due_on is None) == (self.due_days_after_hire is None):
            errors["due_on"] = _(
                "Give either a due date or a number of days after the hire date."
            )
        if errors:
            raise ValidationError(errors)
