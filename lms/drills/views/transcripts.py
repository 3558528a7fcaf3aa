"""Trainers and HR read every drill session; trainers may rescore a turn."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..appeals import attach_appeals
from ..forms import OverrideForm, TranscriptFilterForm
from ..models import DrillSession, DrillTurn
from ..permissions import can_override, can_read_transcripts
from ..report import session_report
from ..selectors import scenario_choices, transcript_sessions
from ..sessions import DrillError, turn_override

PER_PAGE = 50


def _require_reader(request) -> None:
    if not can_read_transcripts(request.user):
        raise PermissionDenied


@login_required
@require_GET
def transcript_list(request):
    _require_reader(request)
    form = TranscriptFilterForm(request.GET or None, scenarios=scenario_choices())
    filters = form.cleaned_data if form.is_valid() else {}
    sessions = transcript_sessions(
        learner=filters.get("learner", ""),
        scenario=filters.get("scenario", ""),
        status=filters.get("status", ""),
        mode=filters.get("mode", ""),
    )
    page = Paginator(sessions, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "drills/transcripts.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
@require_GET
def transcript_detail(request, pk: int):
    _require_reader(request)
    session = get_object_or_404(
        DrillSession.objects.select_related("scenario", "version", "user", "rush_set"),
        pk=pk,
    )
    result = session_report(session, request)
    attach_appeals(result.turns)
    return render(
        request,
        "drills/transcript.html",
        {
            "session": session,
            "report": result,
            "can_override": can_override(request.user),
            "override_form": OverrideForm(),
        },
    )


@login_required
@require_POST
def turn_override_view(request, pk: int, order: int):
    """Replace (or, with an empty score, restore) a turn's machine score."""
    if not can_override(request.user):
        raise PermissionDenied
    turn = get_object_or_404(
        DrillTurn.objects.select_related("session__version"), session_id=pk, order=order
    )
    form = OverrideForm(request.POST)
    url = reverse("drills:transcript", args=[pk]) + f"#turn-{order}"
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(url)
    try:
        turn_override(
            turn=turn,
            score=form.cleaned_data["score"],
            comment=form.cleaned_data["comment"],
            by=request.user,
        )
    except DrillError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The turn's score was saved."))
    return redirect(url)
