"""Requests carrying a NUL character are refused with 400 before any view runs.

PostgreSQL text and jsonb cannot hold U+0000: a NUL in a URL, a query or form
parameter, a cookie or a header would otherwise reach a query or an INSERT
(a certificate serial, a quiz answer, the session key, the user agent axes
logs) and end in a 500. No legitimate client sends one: browsers never put
NUL in form text, cookies or headers. Uploaded files are not looked at
(Django's upload parser already cleans their names).
"""

from django.http import HttpResponseBadRequest
from django.template import loader

from .source_text import NUL

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def has_nul(data) -> bool:
    """True when a QueryDict (or any MultiValueDict) holds a NUL in a key or value."""
    return any(
        NUL in key or any(NUL in value for value in values)
        for key, values in data.lists()
    )


def request_has_nul(request) -> bool:
    if NUL in request.path_info or NUL in request.META.get("QUERY_STRING", ""):
        return True
    if any(
        isinstance(value, str) and NUL in value
        for name, value in request.META.items()
        if name.startswith("HTTP_")
    ):
        return True
    if has_nul(request.GET):
        return True
    # A quoted cookie can spell NUL as an octal escape ("\\000"): check it decoded.
    if any(NUL in name or NUL in value for name, value in request.COOKIES.items()):
        return True
    if request.method == "POST" and request.content_type in FORM_TYPES:
        return has_nul(request.POST)
    return False


class NulGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request_has_nul(request):
            # No request context: nothing (session, user) is read for this page.
            return HttpResponseBadRequest(loader.render_to_string("400.html"))
        return self.get_response(request)
