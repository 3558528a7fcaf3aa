"""Public Open Badges URLs under /verify/ (lms/certification/verify_urls.py).

The credential is found by the certificate's verification code, the secret printed
on it (like the verify page, and throttled the same way): a serial alone is
guessable. The issuer profile, the keys and the status list are public.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from ..models import Certificate
from ..serials import normalise_code
from ..views.verify import _throttled
from .credentials import (
    MEDIA_TYPE,
    REVOKED_STATUSES,
    credential_jwt,
    issuer_profile,
    key_set,
    public_key,
    status_list_jwt,
)
from .keys import BadgeKeyError, signing_key

JSON_LD = "application/ld+json"


def _unavailable() -> HttpResponse:
    # Production without LMS_BADGE_SIGNING_KEY: `lms check` warns about it.
    return HttpResponse(
        _("Open Badges are not set up on this site yet."),
        status=503,
        content_type="text/plain; charset=utf-8",
    )


def _json(document, *, content_type="application/json") -> JsonResponse:
    response = JsonResponse(
        document, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Type"] = content_type
    # Verifiers in other origins fetch these documents from a browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@never_cache
@require_GET
def badge(request, code: str):
    """The signed credential of one certificate, as a file to keep."""
    if (refused := _throttled(request)) is not None:
        return refused
    certificate = (
        Certificate.objects.select_related("path")
        .filter(verification_code=normalise_code(code))
        .first()
    )
    if certificate is None:
        raise Http404
    if certificate.status in REVOKED_STATUSES:
        return HttpResponse(
            _("This certificate is no longer in force: no badge is issued for it."),
            status=410,
            content_type="text/plain; charset=utf-8",
        )
    try:
        token = credential_jwt(certificate)
    except BadgeKeyError:
        return _unavailable()
    response = HttpResponse(token, content_type=MEDIA_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="{certificate.serial}-openbadge.jwt"'
    )
    return response


@cache_control(public=True, max_age=3600)
@require_GET
def issuer(request):
    return _json(issuer_profile(), content_type=JSON_LD)


@cache_control(public=True, max_age=3600)
@require_GET
def jwks(request):
    try:
        return _json(key_set(), content_type="application/jwk-set+json")
    except BadgeKeyError:
        return _unavailable()


@cache_control(public=True, max_age=3600)
@require_GET
def key(request, kid: str):
    """The public key a credential's `kid` names; only the current one is known."""
    try:
        current = signing_key()
    except BadgeKeyError:
        return _unavailable()
    if kid != current.thumbprint:
        raise Http404
    return _json(public_key(current), content_type="application/jwk+json")


# Revocations show within a minute; verifiers may cache that long.
@cache_control(public=True, max_age=60)
@require_GET
def status_list(request):
    try:
        token = status_list_jwt()
    except BadgeKeyError:
        return _unavailable()
    response = HttpResponse(token, content_type=MEDIA_TYPE)
    response["Access-Control-Allow-Origin"] = "*"
    return response
