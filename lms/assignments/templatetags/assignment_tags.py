"""The learner dashboard's 必修 panel (one query for the learner)."""

from django import template

from ..actions import item_url
from ..status import assignments_for

register = template.Library()


@register.inclusion_tag("assignments/includes/required_panel.html", takes_context=True)
def required_panel(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    statuses = assignments_for(user) if user is not None else []
    items = []
    for status in statuses:
        assignment = status.assignment
        url = "" if assignment.item_kind == "course" else item_url(assignment)
        items.append({"status": status, "assignment": assignment, "url": url})
    return {"items": items, "request": request}
