"""The dashboard's list of recent notices (one query)."""

from datetime import timedelta

from django import template
from django.utils import timezone

from ..models import Notice

register = template.Library()

RECENT = timedelta(days=30)
SHOWN = 5


@register.inclusion_tag("notifications/includes/notices_panel.html", takes_context=True)
def notices_panel(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    notices = []
    if user is not None and user.is_authenticated:
        notices = list(
            Notice.objects.filter(
                user=user, created_at__gte=timezone.now() - RECENT
            ).order_by("-created_at", "-id")[:SHOWN]
        )
    return {"notices": notices}
