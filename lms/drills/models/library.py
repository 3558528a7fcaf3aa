"""Store-wide drill files: platform rules, quick phrases and rush-mode sets."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LibraryFile(models.Model):
    """rules.yaml or quick_phrases.yaml as last loaded."""

    class Kind(models.TextChoices):
        RULES = "rules", _("Platform rules")
        PHRASES = "phrases", _("Quick phrases")

    kind = models.CharField(max_length=20, choices=Kind.choices, unique=True)
    source = models.TextField()
    source_path = models.CharField(max_length=300, blank=True)
    content_hash = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Drill library file")

    def __str__(self):
        return self.get_kind_display()


class RushSet(models.Model):
    """接待高峰: several scenarios played at the same time."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(_("Title"), max_length=200)
    description = models.TextField(_("Description"), blank=True)
    scenario_slugs = models.JSONField(default=list)
    source = models.TextField()
    source_path = models.CharField(max_length=300, blank=True)
    content_hash = models.CharField(max_length=64)
    active = models.BooleanField(_("Active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("Rush-hour set")

    def __str__(self):
        return self.title
