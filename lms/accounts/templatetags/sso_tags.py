"""The login page's company sign-in buttons, one per configured provider."""

from allauth.socialaccount.adapter import get_adapter
from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def sso_provider_name(provider) -> str:
    """What people call the provider (allauth's own names are "feishu" etc.)."""
    if provider.app.provider == "dingtalk":
        return _("DingTalk")
    if provider.app.provider == "feishu":
        return _("Feishu")
    return provider.app.name or _("company")


def button_label(provider) -> str:
    if provider.app.provider == "dingtalk":
        return _("Sign in with DingTalk")
    if provider.app.provider == "feishu":
        return _("Sign in with Feishu")
    if provider.app.name:
        return _("Sign in with %(name)s") % {"name": provider.app.name}
    return _("Sign in with your company account")


@register.inclusion_tag("accounts/includes/sso_buttons.html", takes_context=True)
def sso_buttons(context, next_url=""):
    request = context["request"]
    buttons = [
        {"url": provider.get_login_url(request), "label": button_label(provider)}
        for provider in get_adapter().list_providers(request)
    ]
    return {"buttons": buttons, "next": next_url, "request": request}
