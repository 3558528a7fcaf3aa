"""Certification panels other pages embed (the learner dashboard)."""

from django import template

from ..audit import action_label
from ..requirements import Kind
from ..selectors import learner_paths
from ..serials import format_code

register = template.Library()


@register.inclusion_tag("certification/includes/paths_panel.html", takes_context=True)
def certification_paths_panel(context):
    """The learner's paths: each requirement ticked or open, with a link to it,
    and the certificate with its download link when held."""
    request = context.get("request")
    user = getattr(request, "user", None)
    panels = learner_paths(user) if user is not None and user.is_authenticated else []
    return {
        "panels": panels,
        "kinds": Kind,
        "request": request,
        "user": user,
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def verification_code(code: str) -> str:
    return format_code(code or "")


@register.filter
def score(value) -> str:
    """92.0 → 92, 88.5 → 88.5, None → —."""
    if value is None or value == "":
        return "—"
    return f"{float(value):.1f}".rstrip("0").rstrip(".")


@register.filter
def audit_action(action: str) -> str:
    return action_label(action)
