from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from ..appeals import attach_appeals
from ..chat import desk_sessions
from ..models import DrillSession
from ..permissions import can_view_session
from ..report import session_report


@login_required
@require_GET
def report(request, pk: int):
    """The learner's report (trainers and HR may read it too)."""
    session = get_object_or_404(
        DrillSession.objects.select_related("scenario", "version", "user"), pk=pk
    )
    if not can_view_session(request.user, session):
        raise Http404
    if session.is_open and session.user_id == request.user.id:
        return redirect("drills:workbench", pk=session.pk)
    rush = list(desk_sessions(session)) if session.rush_group else []
    result = session_report(session, request)
    attach_appeals(result.turns)
    return render(
        request,
        "drills/report.html",
        {
            "session": session,
            "report": result,
            "rush": rush,
            # 申诉: the learner may dispute a turn's score once the session is over.
            "can_appeal": session.is_finished and session.user_id == request.user.id,
        },
    )
