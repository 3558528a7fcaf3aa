from django import template
from django.utils.safestring import mark_safe

from lms.courses.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    # render_markdown sanitises with nh3, so the result is safe to mark as such.
    return mark_safe(render_markdown(text))  # noqa: S308
