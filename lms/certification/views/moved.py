"""Old addresses that moved: HR's certificate pages now live in the one
registry under /hr/certificates/ (lms/reports)."""

from urllib.parse import quote

from django.http import HttpResponsePermanentRedirect
from django.urls import reverse


def registry_moved(request, rest: str = ""):
    """/certificates/hr/<rest> → /hr/certificates/<rest>, query string kept."""
    url = reverse("reports:registry") + quote(rest)
    if request.GET:
        url += "?" + request.GET.urlencode()
    return HttpResponsePermanentRedirect(url)
