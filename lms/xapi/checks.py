"""`lms check`: the xAPI settings make sense before the first statement is sent."""

from django.conf import settings
from django.core.checks import Error, register

from .statements import IDENTIFY_CHOICES


@register()
def xapi_settings(app_configs, **kwargs):
    errors = []
    if settings.LMS_XAPI_ACTOR not in IDENTIFY_CHOICES:
        errors.append(
            Error(
                f"LMS_XAPI_ACTOR is {settings.LMS_XAPI_ACTOR!r}; "
                f"use one of {', '.join(IDENTIFY_CHOICES)}.",
                id="xapi.E001",
            )
        )
    endpoint = settings.LMS_XAPI_ENDPOINT
    if endpoint and not endpoint.startswith(("http://", "https://")):
        errors.append(
            Error(
                f"LMS_XAPI_ENDPOINT {endpoint!r} is not an http(s) address "
                "(the LRS's xAPI base, e.g. https://lrs.example.com/xAPI/).",
                id="xapi.E002",
            )
        )
    return errors
