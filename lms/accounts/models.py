from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Team(models.Model):
    """A store or team that agents work for (店铺 / 班组)."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    store = models.CharField(_("Store"), max_length=100, blank=True)
    archived = models.BooleanField(
        _("Archived"),
        default=False,
        help_text=_("Kept for the record; no one new is placed here."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Team")
        verbose_name_plural = _("Team")

    def __str__(self):
        return self.name


class Cohort(models.Model):
    """A hiring batch (入职批次) trained and reviewed together."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    starts_on = models.DateField(_("Start date"), null=True, blank=True)
    archived = models.BooleanField(
        _("Archived"),
        default=False,
        help_text=_("Kept for the record; no one new is placed here."),
    )

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("Cohort")
        verbose_name_plural = _("Cohort")

    def __str__(self):
        return self.name


class User(AbstractUser):
    display_name = models.CharField(
        _("Display name"),
        max_length=60,
        blank=True,
        help_text=_("The name shown on certificates and reports"),
    )
    employee_no = models.CharField(
        _("Employee number"), max_length=32, unique=True, null=True, blank=True
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("Team / store"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("Cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    hire_date = models.DateField(_("Hire date"), null=True, blank=True)
    language = models.CharField(
        _("Language"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_(
            "The language chosen with the site's language switch; e-mails and "
            "notices to this person use it. Empty: the site's language."
        ),
    )
    # Mainland mobile, 11 digits (1[3-9]…); unique when given.
    phone = models.CharField(
        _("Mobile phone"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        validators=[
            RegexValidator(
                r"^1[3-9]\d{9}$", _("A mainland mobile number: 11 digits, 1[3-9]….")
            )
        ],
    )
    # Imported accounts and HR resets: the person chooses their own password
    # before anything else (lms/accounts/middleware.py).
    must_set_password = models.BooleanField(_("Must set a password"), default=False)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("User")
        verbose_name_plural = _("User")

    def save(self, *args, **kwargs):
        # An empty 工号 is "none", so the unique constraint never trips on "".
        if not self.employee_no:
            self.employee_no = None
        if not self.phone:
            self.phone = None
        super().save(*args, **kwargs)

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        return self.display_name or super().get_full_name().strip() or self.username

    def get_short_name(self):
        return self.display_name or self.first_name or self.username
