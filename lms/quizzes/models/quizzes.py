from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class ReviewPolicy(models.TextChoices):
    IMMEDIATE = "immediate", _("Show answers right after submitting")
    AFTER_PASS = "after_pass", _("Show answers only after passing")
    NEVER = "never", _("Never show answers")


class Quiz(ClusterableModel):
    """A course quiz or a standalone exam."""

    slug = models.SlugField(_("Slug"), max_length=80, unique=True)
    title = models.CharField(_("Title"), max_length=200)
    intro = models.TextField(_("Introduction"), blank=True, help_text=_("Markdown."))
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("Course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quizzes",
        help_text=_("Leave empty for a standalone exam."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("Pass mark (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    time_limit_minutes = models.PositiveIntegerField(
        _("Time limit (minutes)"), default=0, help_text=_("0 = untimed.")
    )
    attempts_allowed = models.PositiveIntegerField(
        _("Attempts allowed"), default=0, help_text=_("0 = unlimited.")
    )
    cooldown_hours = models.PositiveIntegerField(
        _("Cooldown between attempts (hours)"), default=0
    )
    shuffle_questions = models.BooleanField(_("Shuffle questions"), default=True)
    shuffle_options = models.BooleanField(_("Shuffle options"), default=True)
    review_policy = models.CharField(
        _("Review"),
        max_length=20,
        choices=ReviewPolicy.choices,
        default=ReviewPolicy.IMMEDIATE,
    )
    is_active = models.BooleanField(_("Active"), default=True)
    source_path = models.CharField(_("Source file"), max_length=300, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("Quiz")
        verbose_name_plural = _("Quizzes")

    def __str__(self):
        return self.title

    @property
    def is_exam(self) -> bool:
        return self.course_id is None


class QuizFixedQuestion(models.Model):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="fixed_questions")
    question = models.ForeignKey(
        "quizzes.Question", verbose_name=_("Question"), on_delete=models.CASCADE
    )
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("Fixed question")

    def __str__(self):
        return f"{self.quiz_id}: {self.question_id}"


class QuizRandomDraw(models.Model):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="random_draws")
    bank = models.ForeignKey(
        "quizzes.QuestionBank", verbose_name=_("Bank"), on_delete=models.CASCADE
    )
    category = models.ForeignKey(
        "quizzes.QuestionCategory",
        verbose_name=_("Category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Leave empty to draw from the whole bank."),
    )
    count = models.PositiveIntegerField(_("Number of questions"))
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("Random draw")

    def __str__(self):
        return f"{self.count} × {self.bank_id}/{self.category_id or '*'}"
