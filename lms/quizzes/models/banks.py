from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ..serialization import question_from_data


class QuestionBank(models.Model):
    slug = models.SlugField(_("Slug"), max_length=80, unique=True)
    title = models.CharField(_("Title"), max_length=200)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("Course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="question_banks",
    )
    source_path = models.CharField(_("Source file"), max_length=300, blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("Question bank")
        verbose_name_plural = _("Question banks")

    def __str__(self):
        return self.title


class QuestionCategory(models.Model):
    bank = models.ForeignKey(
        QuestionBank, on_delete=models.CASCADE, related_name="categories"
    )
    slug = models.SlugField(_("Slug"), max_length=80)
    title = models.CharField(_("Title"), max_length=200)

    class Meta:
        ordering = ["bank", "id"]
        verbose_name = _("Question category")
        verbose_name_plural = _("Question categories")
        constraints = [
            models.UniqueConstraint(fields=["bank", "slug"], name="unique_category")
        ]

    def __str__(self):
        return f"{self.bank.slug}/{self.slug}"


class QuestionType(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUEFALSE = "truefalse", _("True / false")
    SHORT = "short", _("Short answer")
    ORDERING = "ordering", _("Ordering")
    MATCHING = "matching", _("Matching")
    SCENARIO = "scenario", _("Scenario choice")
    NUMERICAL = "numerical", _("Numerical")


class Difficulty(models.TextChoices):
    EASY = "easy", _("Easy")
    MEDIUM = "medium", _("Medium")
    HARD = "hard", _("Hard")


class QuestionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Question(models.Model):
    """One question. `data` holds the whole question as the pure engine sees it."""

    qid = models.SlugField(_("Question id"), max_length=120, unique=True)
    bank = models.ForeignKey(
        QuestionBank, on_delete=models.CASCADE, related_name="questions"
    )
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("Category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    type = models.CharField(_("Type"), max_length=20, choices=QuestionType.choices)
    stem = models.TextField(_("Question"))
    explanation = models.TextField(_("Explanation"), blank=True)
    difficulty = models.CharField(
        _("Difficulty"), max_length=10, choices=Difficulty.choices, blank=True
    )
    tags = models.CharField(_("Tags"), max_length=300, blank=True)
    lesson_ref = models.CharField(
        _("Lesson"), max_length=200, blank=True, help_text=_("course-slug/lesson-slug")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    data = models.JSONField(_("Question data"))
    content_hash = models.CharField(max_length=64, blank=True)
    # The hash as last imported from a file; differs from content_hash once the
    # question is edited in the admin, and is empty for admin-made questions.
    imported_hash = models.CharField(max_length=64, blank=True)
    is_active = models.BooleanField(_("Active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["bank", "qid"]
        verbose_name = _("Question")
        verbose_name_plural = _("Questions")

    def __str__(self):
        return f"{self.qid}: {self.stem[:40]}"

    @property
    def edited_since_import(self) -> bool:
        return self.content_hash != self.imported_hash

    @cached_property
    def definition(self):
        """The pure-engine Question (for grading and rendering)."""
        return question_from_data(self.data)
