"""One learner: the transcript, an attempt's review, the go-live sign-off."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lms.quizzes.models import Attempt
from lms.quizzes.results import attempt_review

from ..forms import SignOffForm, WithdrawSignOffForm
from ..golive import golive_sign_off, golive_withdraw
from ..permissions import can_manage_reports, can_sign_off_golive
from ..selectors import learner_transcript, learners
from .common import certificate_url, people_reader_required, session_transcript_url


@people_reader_required
@require_GET
def learner_detail(request, user_id: int):
    learner = get_object_or_404(learners().select_related("team", "cohort"), pk=user_id)
    transcript = learner_transcript(learner)
    hr = can_manage_reports(request.user)
    for certificate in transcript.certificates:
        certificate.hr_url = certificate_url(certificate) if hr else ""
    for session in transcript.sessions:
        session.transcript_url = session_transcript_url(session)
    return render(
        request,
        "reports/learner.html",
        {
            "learner": learner,
            "transcript": transcript,
            "row": transcript.row,
            "gate": transcript.row.gate,
            "can_sign_off": can_sign_off_golive(request.user),
            "signoff_form": SignOffForm(),
            "withdraw_form": WithdrawSignOffForm(),
            "golive_threshold": settings.LMS_GOLIVE_DRILL_AVERAGE,
            "is_hr": hr,
        },
    )


@people_reader_required
@require_GET
def attempt_detail(request, attempt_id: int):
    """A read-only review of any learner's attempt (the learner's own result
    page stays owner-only)."""
    attempt = get_object_or_404(
        Attempt.objects.select_related("quiz", "quiz__course", "user"),
        pk=attempt_id,
        user__in=learners(),
    )
    context = {"learner": attempt.user, "attempt": attempt, "quiz": attempt.quiz}
    if attempt.is_finished:
        context.update(attempt_review(attempt))
    return render(request, "reports/attempt.html", context)


@people_reader_required
@require_POST
def golive_signoff(request, user_id: int):
    learner = get_object_or_404(learners(), pk=user_id)
    form = SignOffForm(request.POST)
    if form.is_valid():
        golive_sign_off(
            learner=learner, by=request.user, note=form.cleaned_data["note"]
        )
        messages.success(
            request,
            _("Go-live sign-off recorded for %(name)s.")
            % {"name": learner.get_full_name()},
        )
    else:
        messages.error(request, _("The sign-off was not saved: check the note."))
    return redirect("reports:learner", user_id=learner.pk)


@people_reader_required
@require_POST
def golive_withdraw_view(request, user_id: int):
    learner = get_object_or_404(learners(), pk=user_id)
    form = WithdrawSignOffForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the sign-off is withdrawn."))
    elif golive_withdraw(
        learner=learner, by=request.user, reason=form.cleaned_data["reason"]
    ):
        messages.success(request, _("The go-live sign-off was withdrawn."))
    return redirect("reports:learner", user_id=learner.pk)
