"""Score appeals: the learner files one on a turn of their report; trainers see
them in the review queue and resolve them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..appeals import appeal_open, appeal_resolve
from ..forms import AppealForm, AppealResolveForm
from ..models import DrillTurn, TurnAppeal
from ..permissions import can_override
from ..review import flagged_sessions, open_appeals
from ..sessions import DrillError

QUEUE_LIMIT = 100


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@login_required
@require_POST
def appeal(request, pk: int, order: int):
    """申诉: the session's own learner disputes one turn's score."""
    turn = get_object_or_404(
        DrillTurn.objects.select_related("session"), session_id=pk, order=order
    )
    if turn.session.user_id != request.user.id:
        raise Http404
    url = reverse("drills:report", args=[pk]) + f"#turn-{order}"
    form = AppealForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(url)
    try:
        appeal_open(turn=turn, user=request.user, comment=form.cleaned_data["comment"])
    except DrillError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Your appeal was sent; a trainer will look at this turn.")
        )
    return redirect(url)


@login_required
@require_GET
def review_queue(request):
    """Trainers: open appeals first, then failed or fatal sessions to look at."""
    if not can_override(request.user):
        raise PermissionDenied
    return render(
        request,
        "drills/review.html",
        {
            "appeals": list(open_appeals()[:QUEUE_LIMIT]),
            "sessions": list(flagged_sessions()[:QUEUE_LIMIT]),
            "resolve_form": AppealResolveForm(),
        },
    )


@login_required
@require_POST
def resolve(request, pk: int):
    if not can_override(request.user):
        raise PermissionDenied
    item = get_object_or_404(TurnAppeal, pk=pk)
    form = AppealResolveForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("drills:review")
    try:
        appeal_resolve(
            appeal=item, by=request.user, resolution=form.cleaned_data["resolution"]
        )
    except DrillError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The appeal was resolved."))
    return redirect("drills:review")
