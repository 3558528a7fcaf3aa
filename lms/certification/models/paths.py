from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


class CertificationPath(ClusterableModel):
    """A certification such as 售前客服上岗认证, with what it takes to earn it."""

    slug = models.SlugField(_("Slug"), max_length=80, unique=True)
    title = models.CharField(_("Title"), max_length=200)
    description = models.TextField(_("Description"), blank=True)
    version = models.PositiveIntegerField(
        _("Version"),
        default=1,
        help_text=_("Goes up when a rules course it depends on changes."),
    )
    validity_months = models.PositiveIntegerField(_("Valid for (months)"), default=12)
    drill_average_min = models.PositiveSmallIntegerField(
        _("Minimum drill average"),
        null=True,
        blank=True,
        help_text=_("Average best score over the listed drills; empty = no average."),
    )
    is_active = models.BooleanField(_("Active"), default=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("Certification path")
        verbose_name_plural = _("Certification paths")

    def __str__(self):
        return self.title


class PathCourseRequirement(Orderable):
    path = ParentalKey(
        CertificationPath, on_delete=models.CASCADE, related_name="course_requirements"
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("Course"), on_delete=models.CASCADE
    )

    class Meta(Orderable.Meta):
        verbose_name = _("Course to complete")

    def __str__(self):
        return f"{self.path_id}: {self.course_id}"


class PathQuizRequirement(Orderable):
    path = ParentalKey(
        CertificationPath, on_delete=models.CASCADE, related_name="quiz_requirements"
    )
    quiz = models.ForeignKey(
        "quizzes.Quiz", verbose_name=_("Quiz or exam"), on_delete=models.CASCADE
    )
    min_score = models.PositiveSmallIntegerField(
        _("Minimum score (%)"),
        null=True,
        blank=True,
        help_text=_("Empty = the quiz's own pass mark."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("Quiz to pass")

    def __str__(self):
        return f"{self.path_id}: {self.quiz_id}"


class PathDrillRequirement(Orderable):
    path = ParentalKey(
        CertificationPath, on_delete=models.CASCADE, related_name="drill_requirements"
    )
    scenario = models.ForeignKey(
        "drills.Scenario", verbose_name=_("Drill"), on_delete=models.CASCADE
    )
    must_pass = models.BooleanField(
        _("Must pass"),
        default=True,
        help_text=_("Untick to count it only towards the drill average."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("Drill")

    def __str__(self):
        return f"{self.path_id}: {self.scenario_id}"


class PathAssignment(models.Model):
    """A learner is on a path; `needs_recertification` marks 需复训."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="path_assignments",
    )
    path = models.ForeignKey(
        CertificationPath, on_delete=models.CASCADE, related_name="assignments"
    )
    assigned_at = models.DateTimeField(_("Assigned"), auto_now_add=True)
    needs_recertification = models.BooleanField(_("Needs retraining"), default=False)
    recertification_reason = models.CharField(max_length=300, blank=True)
    # Courses and quizzes that must be done again since the rules changed.
    retrain_course_ids = models.JSONField(default=list, blank=True)
    retrain_since = models.DateTimeField(null=True, blank=True)
    # Renewal after expiry (window opens with the reminder) or after revocation:
    # quiz attempts and drill sessions from before this moment no longer count.
    assessments_since = models.DateTimeField(
        _("Assessments count from"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("Path assignment")
        constraints = [
            models.UniqueConstraint(fields=["user", "path"], name="unique_assignment")
        ]

    def __str__(self):
        return f"{self.user} · {self.path}"
