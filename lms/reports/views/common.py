"""What every HR view shares: the permission guard and links to other apps."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, reverse

from lms.certification.permissions import can_manage_certificates

from ..permissions import can_manage_reports, can_read_people

TEMPLATE_DIR = "reports"


def require(check):
    """Log in first (anonymous → login page), then the role check (403).

    The role check comes before any method check, so a learner gets 403 on
    every URL under /hr/, whatever the method.
    """

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(guarded)

    return decorator


people_reader_required = require(can_read_people)
hr_required = require(can_manage_reports)
# The registry and its certificate pages: HR, admins and anyone an admin gave
# the certificate permissions to (lms/certification/permissions.py).
certificates_required = require(can_manage_certificates)


def optional_url(name: str, *args) -> str:
    """A link into another capability's pages, or "" while it does not exist."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def certificate_url(certificate) -> str:
    """The registry's page of one certificate."""
    return reverse("reports:certificate", args=[certificate.serial])


def session_transcript_url(session) -> str:
    return optional_url("drills:transcript", session.pk)


def query_without(request, *names: str) -> str:
    """The current query string minus some parameters (pager links)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()
