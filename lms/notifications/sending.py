"""Creating notices and e-mailing them (the e-mail goes out from the task worker).

`notify` is the one way any part of the academy tells someone something: it
writes the dashboard notice and, once the transaction commits, queues the
e-mail. A notice exists at most once per recipient, kind, subject and day, so
running the daily job twice, or two workers at once, sends nothing twice.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .kinds import enabled, render_notice
from .models import Notice


def language_of(user) -> str:
    """The recipient's language: their choice on the site's language switch
    (User.language), else the site's (zh-hans)."""
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def notify(
    *,
    user,
    kind: str,
    key: str,
    params: dict,
    url: str = "",
    now: datetime | None = None,
) -> Notice | None:
    """The notice (None: switched off, or already sent today), e-mail queued."""
    if not enabled(kind):
        return None
    now = now or timezone.now()
    notice, created = Notice.objects.get_or_create(
        user=user,
        kind=kind,
        key=key,
        sent_on=timezone.localdate(now),
        defaults={"params": params, "url": url, "created_at": now},
    )
    if not created:
        return None
    if user.email:
        transaction.on_commit(lambda: _queue_email(notice.pk))
    return notice


def _queue_email(notice_id: int) -> None:
    from .tasks import notice_email_task

    notice_email_task.enqueue(notice_id)


def already_notified(*, kind: str, keys: set[str]) -> set[tuple[int, str]]:
    """(user id, key) pairs that have had a notice of `kind` on any day."""
    if not keys:
        return set()
    return set(
        Notice.objects.filter(kind=kind, key__in=keys).values_list("user_id", "key")
    )


def notice_email_send(*, notice_id: int) -> bool:
    """E-mail one notice in its recipient's language; never twice."""
    notice = Notice.objects.select_related("user").filter(pk=notice_id).first()
    if notice is None or notice.emailed_at or not notice.user.email:
        return False
    won = Notice.objects.filter(pk=notice.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not won:
        return False
    user = notice.user
    with translation.override(language_of(user)):
        subject, body = render_notice(notice)
        lines = [_("Hello %(name)s,") % {"name": user.get_full_name()}, "", body]
        if notice.url:
            lines += ["", settings.LMS_PUBLIC_URL.rstrip("/") + notice.url]
        lines += ["", str(settings.LMS_BRAND["name"])]
    send_mail(
        subject, "\n".join(lines) + "\n", settings.DEFAULT_FROM_EMAIL, [user.email]
    )
    return True
