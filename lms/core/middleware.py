"""UI language from the visitor's explicit choice only.

Django's LocaleMiddleware would follow the browser's Accept-Language header; the
academy's default is Simplified Chinese whatever the browser says, and English
is an explicit choice from the language switcher (a cookie).
"""

from django.conf import settings
from django.utils import translation


class CookieLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class AdminAccessGuard:
    """Signed-in people without admin access get a plain 403 at /admin/.

    Wagtail would bounce them to its login form; a learner is better served by a
    clear "no permission" page on the learner site.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path.startswith("/admin/")
            and user is not None
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            from django.shortcuts import render

            return render(request, "403.html", status=403)
        return self.get_response(request)
