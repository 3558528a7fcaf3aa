"""A signed-in person's language choice follows them: remembered on the account
(e-mails and notices use it) and restored at the next sign-in on any device."""

from django.conf import settings
from django.utils.translation import check_for_language
from django.views.i18n import set_language as django_set_language


def set_language(request):
    """Django's language switch, and for a signed-in person, their preference."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if (
        request.method == "POST"
        and user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and check_for_language(language)
        and user.language != language
    ):
        user.language = language
        user.save(update_fields=["language"])
    return response


def restore_language(response, user):
    """Set the language cookie to the account's choice, if it made one."""
    if user.language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
