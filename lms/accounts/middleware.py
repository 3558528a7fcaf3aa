"""Someone who must choose their own password does that before anything else.

Imported accounts with a printed initial password, for instance: after logging
in with it, every page sends them to the change-password form until they have
chosen one (lms/accounts/password_views.py clears the flag).
"""

from django.shortcuts import redirect
from django.urls import reverse

ALLOWED_NAMES = (
    "accounts:password_change",
    "accounts:logout",
    "set_language",
)


class MustSetPasswordMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._allowed = None

    def allowed(self) -> set[str]:
        if self._allowed is None:
            self._allowed = {reverse(name) for name in ALLOWED_NAMES}
        return self._allowed

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.must_set_password
            # An unusable password has no old password to change from: that
            # person came in another way (company sign-in) and is left alone.
            and user.has_usable_password()
            and request.path not in self.allowed()
            and not request.path.startswith(("/static/", "/accounts/password/reset/"))
        ):
            return redirect("accounts:password_change")
        return self.get_response(request)
