from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import DrillSession


def own_session(request, pk: int) -> DrillSession:
    """The signed-in learner's own session; anyone else's is "not found"."""
    session = get_object_or_404(
        DrillSession.objects.select_related("scenario", "version", "rush_set"), pk=pk
    )
    if session.user_id != request.user.id:
        raise Http404
    return session
