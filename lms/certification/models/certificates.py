from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Superseded")


class RevokeReason(models.TextChoices):
    MISCONDUCT = "misconduct", _("Misconduct")
    ISSUED_IN_ERROR = "error", _("Issued in error")
    LEFT_COMPANY = "left", _("Left the company")
    RULES_CHANGED = "rules", _("Rules changed")
    OTHER = "other", _("Other")


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(status=CertificateStatus.VALID)

    def due_for_reminder(self, now, within):
        """Valid, expiring within `within`, not reminded yet."""
        return self.valid().filter(
            expires_at__gt=now, expires_at__lte=now + within, reminder_sent_at=None
        )

    def past_expiry(self, now):
        return self.valid().filter(expires_at__lte=now)


class Certificate(models.Model):
    serial = models.CharField(_("Serial"), max_length=20, unique=True)
    verification_code = models.CharField(
        _("Verification code"), max_length=32, unique=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    path = models.ForeignKey(
        "certification.CertificationPath",
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    path_version = models.PositiveIntegerField()
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
    )
    # What the certificate says, fixed at issue time.
    holder_name = models.CharField(_("Holder"), max_length=100)
    employee_no = models.CharField(_("Employee number"), max_length=32, blank=True)
    path_title = models.CharField(_("Certification"), max_length=200)
    score_summary = models.JSONField(default=dict, blank=True)
    issued_at = models.DateTimeField(_("Issued"))
    expires_at = models.DateTimeField(_("Expires"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when issued automatically."),
    )
    issue_reason = models.CharField(
        _("Reason for manual issue"), max_length=300, blank=True
    )
    revoked_at = models.DateTimeField(_("Revoked"), null=True, blank=True)
    revoke_reason = models.CharField(
        _("Revocation reason"), max_length=20, choices=RevokeReason.choices, blank=True
    )
    revoke_note = models.CharField(_("Revocation note"), max_length=300, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A replacement copy (补发) of `replaces`: same results and expiry, new number.
    is_reissue = models.BooleanField(_("Reissued copy"), default=False)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("Certificate")
        verbose_name_plural = _("Certificates")
        constraints = [
            # Exactly one valid certificate per learner and path version.
            models.UniqueConstraint(
                fields=["user", "path", "path_version"],
                condition=models.Q(status="valid"),
                name="one_valid_certificate",
            )
        ]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self):
        return self.serial

    @property
    def is_valid(self) -> bool:
        return self.status == CertificateStatus.VALID

    def is_expired_at(self, now) -> bool:
        """Expired by date even before the expiry task has marked it."""
        return self.status == CertificateStatus.EXPIRED or (
            self.status == CertificateStatus.VALID and self.expires_at <= now
        )
