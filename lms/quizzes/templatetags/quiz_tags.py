"""Quiz panels that course pages, lessons and the dashboard embed."""

from django import template
from django.contrib.auth.models import AnonymousUser

from ..attempts import quiz_availability
from ..models import Attempt, Quiz

register = template.Library()


def _user(context):
    """The viewer; blocks rendered outside a request (previews) see an anonymous one."""
    request = context.get("request")
    return getattr(request, "user", None) or AnonymousUser()


@register.inclusion_tag("quizzes/includes/quiz_embed.html", takes_context=True)
def quiz_embed(context, slug: str):
    """The lesson `quiz` block: start/resume button and best result."""
    user = _user(context)
    quiz = Quiz.objects.filter(slug=slug, is_active=True).first()
    availability = None
    if quiz and user.is_authenticated:
        availability = quiz_availability(user=user, quiz=quiz)
    return {"quiz": quiz, "slug": slug, "availability": availability, "user": user}


@register.inclusion_tag("quizzes/includes/course_quiz.html", takes_context=True)
def course_quiz_panel(context, course):
    """The course quiz at the end of a course page, with the attempt history."""
    user = _user(context)
    quizzes = list(Quiz.objects.filter(course=course, is_active=True))
    panels = []
    for quiz in quizzes:
        panel = {"quiz": quiz, "availability": None, "attempts": []}
        if user.is_authenticated:
            panel["availability"] = quiz_availability(user=user, quiz=quiz)
            panel["attempts"] = Attempt.objects.filter(quiz=quiz, user=user).order_by(
                "-number"
            )
        panels.append(panel)
    return {"panels": panels, "user": user}


@register.inclusion_tag("quizzes/includes/open_attempts.html", takes_context=True)
def open_attempts_panel(context):
    """Dashboard: quizzes the learner has started and not submitted."""
    user = _user(context)
    attempts = []
    if user.is_authenticated:
        attempts = list(Attempt.objects.open().filter(user=user).select_related("quiz"))
    return {"attempts": attempts}
