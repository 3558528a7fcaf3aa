"""How the API knows who is asking.

- `Authorization: Bearer <key>` (or `Token <key>`): an HR system.
- A logged-in session: HR in a browser reading /api/ and the schema. Every
  endpoint is GET-only, so the session cannot be used to change anything; DRF
  still enforces CSRF on any unsafe method.
Either way the permission (lms/api/permissions.py) asks for HR or a superuser.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from .tokens import token_user

KEYWORDS = (b"bearer", b"token")


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as: Authorization: Bearer <token>.")
            )
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from exc
        user = token_user(key)
        if user is None:
            # Unknown, revoked, or its holder is no longer HR: all look the same.
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return user, key

    def authenticate_header(self, request):
        # Makes an anonymous request a 401 with a challenge, not a 403.
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "lms.api.authentication.ApiTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer"}
