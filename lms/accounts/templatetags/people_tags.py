from django import template
from django.utils.translation import gettext as _

from lms.accounts.people.columns import HEADINGS

register = template.Library()


@register.filter
def people_heading(key: str) -> str:
    """A change's field as HR reads it: the import's heading (工号, 姓名, ...)."""
    if key == "store":
        return _("Store")
    if key == "starts_on":
        return _("Start date")
    if key == "archived":
        return _("Archived")
    return HEADINGS.get(key, key)


@register.filter
def people_value(value) -> str:
    """A value before or after a change: yes/no for archived, — for none."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if value is None or value == "":
        return "—"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
