"""allauth's provider URLs only, under /accounts/sso/.

Not `allauth.urls`: that would add allauth's own login, signup, password and
e-mail pages, and the site has one login page (lms/accounts/views.py). A
provider's URLs answer 404 unless that provider is configured (allauth's
DingTalk and Feishu views would fail with a server error).
"""

import functools

from allauth.socialaccount.models import SocialApp
from allauth.urls import build_provider_urlpatterns
from django.http import Http404
from django.urls import URLPattern, URLResolver


def not_found_unless_configured(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except SocialApp.DoesNotExist:
            raise Http404("This sign-in provider is not configured.") from None

    return wrapper


def guarded(patterns):
    result = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            result.append(
                URLResolver(
                    pattern.pattern,
                    guarded(pattern.url_patterns),
                    pattern.default_kwargs,
                    pattern.app_name,
                    pattern.namespace,
                )
            )
        else:
            result.append(
                URLPattern(
                    pattern.pattern,
                    not_found_unless_configured(pattern.callback),
                    pattern.default_args,
                    pattern.name,
                )
            )
    return result


urlpatterns = guarded(build_provider_urlpatterns())
