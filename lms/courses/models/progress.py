from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LessonProgress(models.Model):
    """One learner's visits to and completion of one lesson."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lesson_progress",
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="progress"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="lesson_progress"
    )
    first_viewed_at = models.DateTimeField(_("First viewed"), auto_now_add=True)
    last_viewed_at = models.DateTimeField(_("Last viewed"), auto_now_add=True)
    completed_at = models.DateTimeField(_("Completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("Lesson progress")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson"], name="unique_lesson_progress"
            )
        ]
        indexes = [models.Index(fields=["user", "course"])]

    def __str__(self):
        return f"{self.user} · {self.lesson_id}"


class CourseCompletion(models.Model):
    """Recorded the moment a learner has completed every lesson of a course."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="course_completions",
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="completions"
    )
    completed_at = models.DateTimeField(_("Completed"), auto_now_add=True)

    class Meta:
        verbose_name = _("Course completion")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="unique_course_completion"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.course_id}"
