from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..attempts import (
    AttemptError,
    attempt_answer,
    attempt_close_if_overdue,
    attempt_submit,
    unanswered_positions,
)
from ..models import Attempt, AttemptQuestion
from ..presentation import display_question, response_from_form
from ..results import attempt_review
from ..serialization import question_from_data


def own_attempt(request, attempt_id: int) -> Attempt:
    """Learners only ever reach their own attempts (404 for anyone else's)."""
    return get_object_or_404(
        Attempt.objects.select_related("quiz", "quiz__course"),
        id=attempt_id,
        user=request.user,
    )


@login_required
def attempt_take(request, attempt_id: int):
    attempt = attempt_close_if_overdue(own_attempt(request, attempt_id))
    if not attempt.is_open:
        return redirect("quizzes:result", attempt_id=attempt.id)
    items = list(AttemptQuestion.objects.filter(attempt=attempt).order_by("position"))
    questions = [
        display_question(
            question_from_data(item.snapshot), item.layout, item.response, item.position
        )
        for item in items
    ]
    remaining = None
    if attempt.deadline:
        remaining = max(int((attempt.deadline - timezone.now()).total_seconds()), 0)
    return render(
        request,
        "quizzes/attempt.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "questions": questions,
            "answered": sum(1 for q in questions if q.answered),
            "remaining_seconds": remaining,
        },
    )


@login_required
@require_POST
def attempt_save_answer(request, attempt_id: int, position: int):
    """Save one answer the moment it is given (htmx)."""
    attempt = own_attempt(request, attempt_id)
    item = get_object_or_404(AttemptQuestion, attempt=attempt, position=position)
    response = response_from_form(
        question_from_data(item.snapshot), item.layout, request.POST, position
    )
    try:
        saved = attempt_answer(attempt=attempt, position=position, response=response)
    except AttemptError as error:
        attempt_close_if_overdue(attempt)
        messages.error(request, str(error))
        result_url = reverse("quizzes:result", args=[attempt.id])
        if request.htmx:
            reply = HttpResponse(status=200)
            reply["HX-Redirect"] = result_url
            return reply
        return redirect(result_url)
    if request.htmx:
        return render(
            request, "quizzes/includes/save_status.html", {"item": saved, "saved": True}
        )
    return redirect("quizzes:attempt", attempt_id=attempt.id)


@login_required
@require_POST
def attempt_finish(request, attempt_id: int):
    """Submit: answers posted with the form are saved first (no-JS fallback).

    With questions still unanswered, the learner is asked once (which ones,
    submit anyway?): inline for htmx, as a page of its own otherwise. A post
    with `confirm` (that answer, or the timer running out) submits.
    """
    attempt = own_attempt(request, attempt_id)
    if attempt.is_open:
        _save_posted_answers(attempt, request.POST)
        attempt = attempt_close_if_overdue(attempt)
        unanswered = (
            [] if request.POST.get("confirm") else unanswered_positions(attempt)
        )
        if attempt.is_open and unanswered:
            template = (
                "quizzes/includes/submit_confirm.html"
                if request.htmx
                else "quizzes/submit_confirm.html"
            )
            context = {
                "attempt": attempt,
                "quiz": attempt.quiz,
                "unanswered": unanswered,
            }
            return render(request, template, context)
        attempt_submit(attempt=attempt)
    result_url = reverse("quizzes:result", args=[attempt.id])
    if request.htmx:
        reply = HttpResponse(status=200)
        reply["HX-Redirect"] = result_url
        return reply
    return redirect(result_url)


def _save_posted_answers(attempt: Attempt, data) -> None:
    for item in AttemptQuestion.objects.filter(attempt=attempt):
        if not any(key.startswith(f"q{item.position}") for key in data):
            continue
        response = response_from_form(
            question_from_data(item.snapshot), item.layout, data, item.position
        )
        if response is None:
            continue
        try:
            attempt_answer(attempt=attempt, position=item.position, response=response)
        except AttemptError:
            break


@login_required
def attempt_result(request, attempt_id: int):
    attempt = attempt_close_if_overdue(own_attempt(request, attempt_id))
    if attempt.is_open:
        return redirect("quizzes:attempt", attempt_id=attempt.id)
    return render(request, "quizzes/result.html", attempt_review(attempt))
