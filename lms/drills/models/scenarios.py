"""Drill scenarios as stored: the YAML source is the truth, the rest mirrors it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Track(models.TextChoices):
    PRESALES = "presales", _("Pre-sales")
    AFTERSALES = "aftersales", _("After-sales")


class Mood(models.TextChoices):
    CALM = "calm", _("Calm")
    IMPATIENT = "impatient", _("Impatient")
    ANGRY = "angry", _("Angry")


class ScenarioQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Scenario(models.Model):
    """One chat drill. Title, track, mood and pass score are copied from `source`.

    `loaded_hash` is the hash of the file at its last `lms drills load`; when the
    source has been edited in the admin since, the two differ and a load leaves
    the scenario alone unless forced, so trainers' edits are never lost silently.
    """

    slug = models.SlugField(_("Scenario id"), max_length=80, unique=True)
    title = models.CharField(_("Title"), max_length=200)
    track = models.CharField(_("Track"), max_length=20, choices=Track.choices)
    mood = models.CharField(_("Customer mood"), max_length=20, choices=Mood.choices)
    pass_score = models.PositiveSmallIntegerField(_("Pass score"))
    turn_count = models.PositiveSmallIntegerField(_("Turns"), default=0)
    description = models.TextField(_("Description"), blank=True)
    source = models.TextField(_("YAML source"))
    source_path = models.CharField(_("Source file"), max_length=300, blank=True)
    content_hash = models.CharField(max_length=64)
    loaded_hash = models.CharField(max_length=64, blank=True)
    active = models.BooleanField(
        _("Active"),
        default=True,
        help_text=_("Inactive scenarios are hidden from learners."),
    )
    created_at = models.DateTimeField(_("Created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Updated"), auto_now=True)

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        ordering = ["-track", "slug"]
        verbose_name = _("Drill scenario")
        verbose_name_plural = _("Drill scenarios")

    def __str__(self):
        return self.title

    @property
    def edited_since_load(self) -> bool:
        return bool(self.loaded_hash) and self.loaded_hash != self.content_hash

    def document(self):
        """The engine's parsed scenario (cached per content hash)."""
        from ..documents import scenario_document

        return scenario_document(self.content_hash, self.source)


class ScenarioVersion(models.Model):
    """The exact source a session was played with, so its report never shifts."""

    scenario = models.ForeignKey(
        Scenario, on_delete=models.CASCADE, related_name="versions"
    )
    content_hash = models.CharField(max_length=64)
    source = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Scenario version")
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "content_hash"], name="unique_scenario_version"
            )
        ]

    def __str__(self):
        return f"{self.scenario_id} · {self.content_hash[:8]}"

    def document(self):
        from ..documents import scenario_document

        return scenario_document(self.content_hash, self.source)
