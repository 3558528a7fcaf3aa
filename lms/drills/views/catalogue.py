from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..catalogue import catalogue_context
from ..forms import StartForm
from ..models import Mode, RushSet, Scenario
from ..sessions import DrillError, rush_start, session_start


@login_required
def catalogue(request):
    """练习场景: every active scenario, rush-hour sets and my recent sessions."""
    return render(request, "drills/catalogue.html", catalogue_context(request.user))


def _mode(request) -> str:
    form = StartForm(request.POST)
    return form.cleaned_data["mode"] if form.is_valid() else Mode.PRACTICE


@login_required
@require_POST
def start(request, slug: str):
    """Start (or resume) a practice or exam session, then open the workbench."""
    scenario = get_object_or_404(Scenario.objects.active(), slug=slug)
    try:
        session = session_start(
            user=request.user, scenario=scenario, mode=_mode(request)
        )
    except DrillError as error:
        messages.error(request, error.message)
        return redirect("drills:catalogue")
    return redirect("drills:workbench", pk=session.pk)


@login_required
@require_POST
def start_rush(request, slug: str):
    """接待高峰: open every customer of the set at once."""
    rush_set = get_object_or_404(RushSet.objects.filter(active=True), slug=slug)
    try:
        sessions = rush_start(user=request.user, rush_set=rush_set, mode=_mode(request))
    except DrillError as error:
        messages.error(request, error.message)
        return redirect("drills:catalogue")
    return redirect("drills:workbench", pk=sessions[0].pk)
