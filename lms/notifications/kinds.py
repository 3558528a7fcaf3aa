"""The kinds of notice, their switches and their words.

Each kind can be switched off in settings (`LMS_NOTIFY`, from the environment's
`LMS_NOTIFY_OFF`); a kind that is off creates neither a notice nor an e-mail.
Texts are written in English and translated (zh-hans by default); a notice is
rendered in the language active when it is read, an e-mail in its recipient's.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ASSIGNMENT_CREATED = "assignment_created", _("New assignment")
    DUE_SOON = "due_soon", _("Assignment due in 3 days")
    OVERDUE = "overdue", _("Assignment overdue")
    CERTIFICATE_ISSUED = "certificate_issued", _("Certificate issued")
    CERTIFICATE_REVOKED = "certificate_revoked", _("Certificate revoked")
    CERTIFICATE_EXPIRING = "certificate_expiring", _("Certificate expiring")
    REVIEW_DIGEST = "review_digest", _("Drill sessions waiting for review")


def enabled(kind: str) -> bool:
    return bool(getattr(settings, "LMS_NOTIFY", {}).get(kind, True))


# Subject and body per kind; `%(...)s` are filled from the notice's params.
TEXTS = {
    Kind.ASSIGNMENT_CREATED: (
        _("New required training: %(item)s"),
        _(
            "%(item)s has been assigned to you as required training, "
            "due on %(due)s.\n%(note)s"
        ),
    ),
    Kind.DUE_SOON: (
        _("Due on %(due)s: %(item)s"),
        _(
            "Your required training %(item)s is due on %(due)s, in %(days)s days. "
            "Please finish it in time."
        ),
    ),
    Kind.OVERDUE: (
        _("Overdue: %(item)s"),
        _(
            "Your required training %(item)s was due on %(due)s and is not done "
            "yet. Please finish it as soon as you can."
        ),
    ),
    Kind.CERTIFICATE_ISSUED: (
        _("Certificate issued: %(path)s"),
        _(
            "Congratulations! Your certificate “%(path)s” (%(serial)s) has been "
            "issued and is valid until %(date)s."
        ),
    ),
    Kind.CERTIFICATE_REVOKED: (
        _("Certificate revoked: %(path)s"),
        _(
            "Your certificate “%(path)s” (%(serial)s) was revoked on %(date)s. "
            "Reason: %(reason)s."
        ),
    ),
    Kind.CERTIFICATE_EXPIRING: (
        _("Your certificate %(serial)s expires on %(date)s"),
        _(
            "Your certificate “%(path)s” (%(serial)s) expires on %(date)s.\n"
            "To renew it, pass the path's quizzes and drills again from today: "
            "the new certificate is issued as soon as the last one is passed."
        ),
    ),
    Kind.REVIEW_DIGEST: (
        _("%(total)s drill sessions waiting for review"),
        _(
            "Waiting for your review: %(low)s with a low score, %(fatal)s with a "
            "fatal rule finding, %(appeals)s learner appeals."
        ),
    ),
}


def render_notice(notice) -> tuple[str, str]:
    """(subject, body) in the active language."""
    subject, body = TEXTS[notice.kind]
    params = {"note": "", **notice.params}
    return str(subject) % params, (str(body) % params).strip()
