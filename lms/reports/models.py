import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExportKind(models.TextChoices):
    ROSTER_CSV = "roster_csv", _("Roster (CSV)")
    ROSTER_XLSX = "roster_xlsx", _("Roster (Excel)")
    REGISTRY_CSV = "registry_csv", _("Certificate registry (CSV)")
    REGISTRY_XLSX = "registry_xlsx", _("Certificate registry (Excel)")
    CERTIFICATES_ZIP = "certificates_zip", _("Certificate PDFs (ZIP)")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ExportJob(models.Model):
    """One export an HR user asked for: written by a background task, then
    downloaded through a permission-checked view (never a public URL).

    Also the record of who took which personal data out of the academy.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Requested by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("Export"), max_length=30, choices=ExportKind.choices)
    filters = models.JSONField(_("Filters"), default=dict, blank=True)
    language = models.CharField(max_length=10, blank=True)
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=ExportStatus.choices,
        default=ExportStatus.QUEUED,
    )
    # Relative to MEDIA_ROOT, under exports/; served only by the download view.
    file = models.FileField(_("File"), max_length=200, blank=True)
    row_count = models.PositiveIntegerField(_("Rows"), null=True, blank=True)
    error = models.TextField(_("Error"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("Requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("Started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("Finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Export")
        verbose_name_plural = _("Exports")
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)

    @property
    def waiting_long(self) -> bool:
        """Queued for a while: is the worker (`lms db_worker`) running?"""
        return self.status == ExportStatus.QUEUED and (
            timezone.now() - self.created_at > timedelta(seconds=30)
        )

    @property
    def extension(self) -> str:
        return self.kind.rsplit("_", 1)[-1]

    @property
    def download_name(self) -> str:
        subject = self.kind.rsplit("_", 1)[0]
        at = timezone.localtime(self.created_at)
        return f"kefu-{subject}-{at:%Y%m%d-%H%M}.{self.extension}"
