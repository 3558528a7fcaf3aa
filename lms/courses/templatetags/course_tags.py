from django import template
from django.utils.safestring import mark_safe

from lms.courses.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    # render_markdown sanitises with nh3, so the result is safe to mark as such.
    return mark_safe(render_markdown(text))  # noqa: S308


@register.simple_tag(takes_context=True)
def lesson_body(context, page) -> str:
    """The lesson body: static blocks from the per-revision cache, quiz and
    drill blocks rendered for this viewer (lms/courses/body_cache.py)."""
    from lms.courses.body_cache import is_html, lesson_body_parts

    request = context.get("request")
    parts = lesson_body_parts(page, preview=getattr(request, "is_preview", False))
    return mark_safe(  # noqa: S308 (cached block output and live block output)
        "".join(
            part if is_html(part) else part.render_as_block(context.flatten())
            for part in parts
        )
    )


@register.simple_tag(takes_context=True)
def continue_learning_url(context) -> str:
    """继续学习: the next unfinished lesson, or the dashboard when none is under way."""
    from django.urls import reverse

    from lms.courses.dashboard import continue_lesson

    request = context.get("request")
    user = getattr(request, "user", None)
    lesson = continue_lesson(user) if user and user.is_authenticated else None
    return lesson.url if lesson is not None else reverse("dashboard")
