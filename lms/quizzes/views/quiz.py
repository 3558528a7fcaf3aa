from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..attempts import AttemptError, attempt_start, quiz_availability
from ..models import Attempt, Quiz


@login_required
def quiz_detail(request, slug: str):
    quiz = get_object_or_404(Quiz.objects.select_related("course"), slug=slug)
    history = Attempt.objects.filter(quiz=quiz, user=request.user).order_by("-number")
    return render(
        request,
        "quizzes/quiz_detail.html",
        {
            "quiz": quiz,
            "availability": quiz_availability(user=request.user, quiz=quiz),
            "history": history,
        },
    )


@login_required
@require_POST
def quiz_start(request, slug: str):
    quiz = get_object_or_404(Quiz, slug=slug)
    try:
        attempt = attempt_start(user=request.user, quiz=quiz)
    except AttemptError as error:
        messages.error(request, str(error))
        return redirect("quizzes:detail", slug=slug)
    return redirect("quizzes:attempt", attempt_id=attempt.id)
