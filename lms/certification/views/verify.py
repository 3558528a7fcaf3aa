"""The public verify pages: /verify/ (a form) and /verify/<code>/ (the QR code)."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ..forms import VerifyForm
from ..throttle import rate_limited
from ..verify import certificate_verify

LOOKUPS_PER_MINUTE = 20


def _limit() -> int:
    return getattr(settings, "LMS_VERIFY_LOOKUPS_PER_MINUTE", LOOKUPS_PER_MINUTE)


def _throttled(request):
    if rate_limited(request, scope="verify", limit=_limit()):
        response = render(
            request,
            "certification/verify/throttled.html",
            {"limit": _limit()},
            status=429,
        )
        response["Retry-After"] = "60"
        return response
    return None


def _result(request, verification, *, form=None):
    status = 200 if verification.found else 404
    return render(
        request,
        "certification/verify/result.html",
        {
            "verification": verification,
            "form": form or VerifyForm(),
            "issuer": settings.LMS_CERTIFICATE_ISSUER,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def verify_form(request):
    """Type the number and the code printed on a certificate."""
    if request.method == "POST":
        form = VerifyForm(request.POST)
        if form.is_valid():
            if (refused := _throttled(request)) is not None:
                return refused
            verification = certificate_verify(
                code=form.cleaned_data["code"], serial=form.cleaned_data["serial"]
            )
            return _result(request, verification, form=form)
    else:
        form = VerifyForm()
    return render(request, "certification/verify/form.html", {"form": form})


@never_cache
@require_http_methods(["GET"])
def verify_result(request, code: str):
    """Where a certificate's QR code leads."""
    if (refused := _throttled(request)) is not None:
        return refused
    return _result(request, certificate_verify(code=code))
