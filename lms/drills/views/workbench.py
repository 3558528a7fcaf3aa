"""接待中心: the chat workbench, its polling, replies and leaving a drill."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import (
    HttpResponseClientRedirect,
    reswap,
    retarget,
    trigger_client_event,
)

from ..chat import build_desk
from ..contextpanel import context_tabs
from ..documents import store_phrases
from ..forms import ReplyForm
from ..sessions import DrillError, session_abandon, session_mark_read, session_reply
from .common import own_session

# htmx stops polling on this status.
STOP_POLLING = 286


def _desk_context(request, session) -> dict:
    now = timezone.now()
    desk = build_desk(session, now)
    if session.is_open and desk.newly_read:
        session_mark_read(session=session, now=now)
    chat = desk.active
    recommended = None
    if not session.is_exam and chat.current is not None:
        recommended = chat.document.turn(chat.current.turn_id).quick_phrase
    return {
        "session": session,
        "desk": desk,
        "chat": chat,
        "recommended_phrase": recommended,
        "server_now_ms": int(now.timestamp() * 1000),
    }


@login_required
@require_GET
def workbench(request, pk: int):
    session = own_session(request, pk)
    context = _desk_context(request, session)
    phrases = store_phrases()
    groups: dict[str, list] = {}
    for phrase in phrases:
        groups.setdefault(phrase.group, []).append(phrase)
    context.update(
        {
            "tabs": context_tabs(context["chat"].document.context),
            "phrase_groups": groups,
            "phrases": [
                {"code": p.code, "title": p.title, "text": p.text} for p in phrases
            ],
        }
    )
    return render(request, "drills/workbench.html", context)


@login_required
@require_GET
def poll(request, pk: int):
    """The chat log when it changed (204 when not; 286 stops polling at the end)."""
    session = own_session(request, pk)
    context = _desk_context(request, session)
    desk = context["desk"]
    status = STOP_POLLING if desk.done else 200
    if request.GET.get("state") == desk.state:
        return HttpResponse(status=STOP_POLLING if desk.done else 204)
    return render(request, "drills/includes/chat_update.html", context, status=status)


@login_required
@require_POST
def reply(request, pk: int):
    """Save the reply now (server time), score it, answer with the new chat log."""
    session = own_session(request, pk)
    form = ReplyForm(request.POST)
    error = None
    if not form.is_valid():
        error = DrillError(str(form.errors.as_text()), code="invalid")
    else:
        try:
            session_reply(
                session=session,
                order=form.cleaned_data["turn"],
                text=form.cleaned_data["text"],
            )
        except DrillError as exc:
            error = exc
    if not request.htmx:
        if error:
            messages.error(request, error.message)
        return redirect("drills:workbench", pk=session.pk)
    if error:
        response = render(
            request, "drills/includes/composer_error.html", {"error": error}
        )
        response = retarget(response, "#qn-error")
        return reswap(response, "innerHTML")
    session.refresh_from_db()
    context = _desk_context(request, session)
    response = render(request, "drills/includes/chat_update.html", context)
    return trigger_client_event(response, "drill-reply-saved")


@login_required
@require_POST
def abandon(request, pk: int):
    """Leave an unfinished drill (every customer of a rush); it is not scored."""
    session = own_session(request, pk)
    session_abandon(session=session)
    url = reverse("drills:catalogue")
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)
