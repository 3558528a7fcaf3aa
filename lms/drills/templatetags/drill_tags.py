from django import template
from django.utils.translation import gettext_lazy as _

from ..models import Mood, Scenario
from ..permissions import can_read_transcripts
from ..report import feedback

register = template.Library()

SEVERITY_LABELS = {"fatal": _("Fatal"), "major": _("Major"), "minor": _("Minor")}


@register.filter
def epoch_ms(value) -> int:
    """A datetime as JavaScript's milliseconds since the epoch."""
    return int(value.timestamp() * 1000) if value else 0


@register.filter
def mood_label(value: str) -> str:
    try:
        return str(Mood(value).label)
    except ValueError:
        return value


@register.filter
def severity_label(value: str) -> str:
    return str(SEVERITY_LABELS.get(value or "", value or ""))


@register.filter
def turn_feedback(turn):
    """Practice mode's badge under a reply."""
    return feedback(turn)


@register.inclusion_tag("drills/includes/embed.html", takes_context=True)
def drill_embed(context, scenario_id):
    """A lesson's start button for the scenario, or "coming soon"."""
    scenario = (
        Scenario.objects.active().filter(slug=str(scenario_id or "").strip()).first()
    )
    return {
        "scenario": scenario,
        "scenario_id": scenario_id,
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "user": context.get("user"),
    }


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping and key else None


@register.filter
def reads_transcripts(user) -> bool:
    """For the site header: the transcripts link for trainers, HR and admins."""
    return bool(user) and can_read_transcripts(user)
