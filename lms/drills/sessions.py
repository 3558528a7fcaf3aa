"""Drill sessions: start, reply, finish, abandon, overrides. The trustworthy part.

- Start fixes the scenario version and schedules the customer's first messages.
- Every reply is written in a transaction the moment it arrives, with the
  server's clock: the response time runs from when the turn's last customer
  message became visible to when the reply was received.
- A turn is answered once: the write is one conditional UPDATE that only one
  request can win; submitting the same reply again returns the saved turn, a
  different reply is refused. The next turn has a unique (session, order).
- The session score is the average of the effective turn scores (a trainer's
  override counts instead of the machine's), recomputed after every override.
- With ``LMS_LLM_JUDGE_URL`` set, an LLM second-guesses the engine's score within
  bounds (judging/llm.py); it is asked before the session row is locked, so a
  slow model never holds the lock. The turn records who scored it (``judge``).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from . import timing
from .documents import scorer_for
from .judging.llm import RULES_JUDGE, JudgeConfig, LlmJudge, get_judge
from .judging.results import TurnResult, summarise
from .loading import scenario_version
from .models import (
    DrillMessage,
    DrillSession,
    DrillTurn,
    Mode,
    RushSet,
    Scenario,
    SessionStatus,
)
from .scenario import Scenario as EngineScenario

MAX_REPLY_CHARS = 1000

logger = logging.getLogger(__name__)


class DrillError(Exception):
    """An action the rules do not allow; the message (translated) says why."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class _Scored:
    turn_id: str
    seconds: float
    result: TurnResult
    judge: str


def llm_judge_config() -> JudgeConfig | None:
    """The LLM judge's settings, or None when ``LMS_LLM_JUDGE_URL`` is not set."""
    url = getattr(settings, "LMS_LLM_JUDGE_URL", "")
    if not url:
        return None
    model = getattr(settings, "LMS_LLM_JUDGE_MODEL", "")
    if not model:
        raise ImproperlyConfigured(
            "LMS_LLM_JUDGE_URL is set but LMS_LLM_JUDGE_MODEL is not"
        )
    return JudgeConfig(
        url=url,
        model=model,
        api_key=getattr(settings, "LMS_LLM_JUDGE_API_KEY", ""),
        timeout=float(getattr(settings, "LMS_LLM_JUDGE_TIMEOUT", 10.0)),
        band=int(getattr(settings, "LMS_LLM_JUDGE_BAND", 15)),
    )


def llm_judge() -> LlmJudge | None:
    """The process's LLM judge, or None when it is off."""
    config = llm_judge_config()
    return get_judge(config) if config is not None else None


def _score(
    document: EngineScenario, turn_id: str, text: str, seconds: float
) -> _Scored:
    result = scorer_for(document).score_turn(turn_id, text, seconds)
    try:
        judge = llm_judge()
    except ImproperlyConfigured:
        logger.exception("the LLM judge is misconfigured; scoring by the rules")
        judge = None
    if judge is None:
        return _Scored(turn_id, seconds, result, RULES_JUDGE)
    judged = judge.judge(document, result)
    return _Scored(turn_id, seconds, judged.result, judged.judge)


def _score_early(
    session: DrillSession, order: int, text: str, now: datetime
) -> _Scored | None:
    """Score (and ask the LLM) before the transaction; None if not answerable."""
    if not getattr(settings, "LMS_LLM_JUDGE_URL", ""):
        return None
    turn = (
        DrillTurn.objects.filter(
            session=session,
            session__status=SessionStatus.IN_PROGRESS,
            order=order,
            received_at=None,
        )
        .prefetch_related("messages")
        .first()
    )
    shown = turn_shown_at(turn) if turn is not None else None
    if shown is None or now < shown:
        return None
    seconds = round((now - shown).total_seconds(), 1)
    version = DrillSession.objects.select_related("version").get(pk=session.pk).version
    return _score(version.document(), turn.turn_id, text, seconds)


@dataclass
class ReplyOutcome:
    session: DrillSession
    turn: DrillTurn
    duplicate: bool = False  # the same reply was already saved


def session_start(
    *,
    user,
    scenario: Scenario,
    mode: str,
    now: datetime | None = None,
) -> DrillSession:
    """Start a solo session, or resume the open one for this scenario and mode."""
    if mode not in Mode.values:
        raise DrillError(_("Unknown drill mode."), code="mode")
    if not scenario.active:
        raise DrillError(_("This drill is not available."), code="inactive")
    existing = _open_solo_session(user, scenario, mode)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return _create_session(
                user=user, scenario=scenario, mode=mode, now=now or timezone.now()
            )
    except IntegrityError:  # started at the same moment in another tab
        existing = _open_solo_session(user, scenario, mode)
        if existing is None:
            raise
        return existing


def _open_solo_session(user, scenario: Scenario, mode: str) -> DrillSession | None:
    return (
        DrillSession.objects.in_progress()
        .filter(user=user, scenario=scenario, mode=mode, rush_group__isnull=True)
        .first()
    )


@transaction.atomic
def rush_start(
    *, user, rush_set: RushSet, mode: str, now: datetime | None = None
) -> list[DrillSession]:
    """接待高峰: one session per customer, arriving a few seconds apart.

    An unfinished rush of the same set is resumed instead.
    """
    if mode not in Mode.values:
        raise DrillError(_("Unknown drill mode."), code="mode")
    open_group = (
        DrillSession.objects.in_progress()
        .filter(user=user, rush_set=rush_set, mode=mode)
        .values_list("rush_group", flat=True)
        .first()
    )
    if open_group:
        return list(rush_group_sessions(open_group))
    scenarios = Scenario.objects.active().in_bulk(
        rush_set.scenario_slugs, field_name="slug"
    )
    missing = [s for s in rush_set.scenario_slugs if s not in scenarios]
    if not rush_set.active or missing or len(scenarios) < 2:
        raise DrillError(_("This rush-hour drill is not available."), code="inactive")
    now = now or timezone.now()
    group = uuid.uuid4()
    return [
        _create_session(
            user=user,
            scenario=scenarios[slug],
            mode=mode,
            now=now,
            rush_set=rush_set,
            rush_group=group,
            position=position,
        )
        for position, slug in enumerate(rush_set.scenario_slugs)
    ]


def rush_group_sessions(group):
    return (
        DrillSession.objects.filter(rush_group=group)
        .select_related("scenario")
        .order_by("rush_position", "id")
    )


def _create_session(
    *,
    user,
    scenario: Scenario,
    mode: str,
    now: datetime,
    rush_set: RushSet | None = None,
    rush_group: uuid.UUID | None = None,
    position: int = 0,
) -> DrillSession:
    version = scenario_version(scenario)
    document = version.document()
    session = DrillSession.objects.create(
        user=user,
        scenario=scenario,
        version=version,
        mode=mode,
        rush_set=rush_set,
        rush_group=rush_group,
        rush_position=position,
        started_at=now,
    )
    lead = timing.OPENING_DELAY_S + position * timing.RUSH_STAGGER_S
    _add_turn(session, document, 1, document.turns[0].id, start=now, lead_s=lead)
    return session


def _add_turn(
    session: DrillSession,
    document: EngineScenario,
    order: int,
    turn_id: str,
    *,
    start: datetime,
    lead_s: float,
) -> DrillTurn | None:
    spec = document.turn(turn_id)
    target = (
        document.targets.first_response_s if order == 1 else document.targets.response_s
    )
    try:
        with transaction.atomic():
            turn = DrillTurn.objects.create(
                session=session,
                order=order,
                turn_id=turn_id,
                created_at=start,
                target_seconds=target,
            )
    except IntegrityError:  # another request created it first
        return None
    times = timing.schedule(spec.customer, start=start, lead_s=lead_s)
    DrillMessage.objects.bulk_create(
        DrillMessage(turn=turn, position=index, text=text, shown_at=at)
        for index, (text, at) in enumerate(zip(spec.customer, times, strict=True))
    )
    return turn


def session_reply(
    *,
    session: DrillSession,
    order: int,
    text: str,
    now: datetime | None = None,
) -> ReplyOutcome:
    """Save and score the reply to turn `order`; queue the next turn or finish."""
    now = now or timezone.now()
    text = (text or "").strip()
    if not text:
        raise DrillError(_("Type a reply first."), code="empty")
    if len(text) > MAX_REPLY_CHARS:
        raise DrillError(
            _("A chat reply is at most %(n)s characters.") % {"n": MAX_REPLY_CHARS},
            code="too_long",
        )
    early = _score_early(session, order, text, now)
    with transaction.atomic():
        locked = (
            DrillSession.objects.select_for_update()
            .select_related("version")
            .get(pk=session.pk)
        )
        turn = (
            DrillTurn.objects.filter(session=locked, order=order)
            .prefetch_related("messages")
            .first()
        )
        if turn is None:
            raise DrillError(_("This message is not in the chat."), code="no_turn")
        if turn.answered:
            return _already_answered(locked, turn, text)
        if not locked.is_open:
            raise DrillError(_("This drill has ended."), code="closed")
        shown = turn_shown_at(turn)
        if shown is None or now < shown:
            raise DrillError(_("The customer is still typing…"), code="typing")
        seconds = round((now - shown).total_seconds(), 1)
        document = locked.version.document()
        if early is not None and (early.turn_id, early.seconds) == (
            turn.turn_id,
            seconds,
        ):
            scored = early
        else:
            scored = _Scored(
                turn.turn_id,
                seconds,
                scorer_for(document).score_turn(turn.turn_id, text, seconds),
                RULES_JUDGE,
            )
        result = scored.result
        won = DrillTurn.objects.filter(pk=turn.pk, received_at__isnull=True).update(
            reply=text,
            received_at=now,
            seconds=seconds,
            result=result.to_dict(),
            machine_score=result.score,
            judge=scored.judge,
        )
        turn.refresh_from_db()
        if not won:
            return _already_answered(locked, turn, text)
        if result.next_turn_id:
            _add_turn(
                locked,
                document,
                order + 1,
                result.next_turn_id,
                start=now,
                lead_s=timing.READING_DELAY_S,
            )
        else:
            _finish(locked, now)
    return ReplyOutcome(locked, turn)


def _already_answered(
    session: DrillSession, turn: DrillTurn, text: str
) -> ReplyOutcome:
    if turn.reply == text:
        return ReplyOutcome(session, turn, duplicate=True)
    raise DrillError(_("You have already answered this message."), code="answered")


def turn_shown_at(turn: DrillTurn) -> datetime | None:
    """When the turn's last customer message became visible."""
    times = [message.shown_at for message in turn.messages.all()]
    return max(times) if times else None


def _finish(session: DrillSession, now: datetime) -> None:
    from .signals import session_finished

    session.status = SessionStatus.FINISHED
    session.finished_at = now
    session.save(update_fields=["status", "finished_at"])
    session_recompute(session=session)
    _notify(session_finished, session)


def _notify(signal, session: DrillSession) -> None:
    """Tell listeners (certification); their failure never loses the reply.

    Listeners run in a savepoint inside the reply's transaction: an error in one
    rolls back only its own work and is logged.
    """
    try:
        with transaction.atomic():
            signal.send(sender=DrillSession, session=session)
    except Exception:
        logger.exception("a listener failed for drill session %s", session.pk)


def session_recompute(*, session: DrillSession) -> DrillSession:
    """Score, pass and fatal from the effective turn scores; machine result kept."""
    document = session.version.document()
    turns = [t for t in session.turns.order_by("order") if t.answered]
    machine = summarise(
        document.id,
        document.pass_score,
        [TurnResult.from_dict(t.result) for t in turns],
    )
    scores = [t.effective_score or 0 for t in turns]
    score = round(sum(scores) / len(scores)) if scores else 0
    fatal = any(t.effective_fatal for t in turns)
    session.machine_score = machine.score
    session.result = machine.to_dict()
    session.score = score
    session.fatal = fatal
    session.passed = bool(turns) and score >= document.pass_score and not fatal
    session.save(update_fields=["machine_score", "result", "score", "fatal", "passed"])
    return session


@transaction.atomic
def session_abandon(
    *, session: DrillSession, now: datetime | None = None
) -> list[DrillSession]:
    """Stop an open drill (in rush mode: every customer of it). Not scored."""
    now = now or timezone.now()
    if session.rush_group:
        sessions = list(
            rush_group_sessions(session.rush_group).filter(user=session.user)
        )
    else:
        sessions = [session]
    for item in sessions:
        updated = DrillSession.objects.filter(
            pk=item.pk, status=SessionStatus.IN_PROGRESS
        ).update(status=SessionStatus.ABANDONED, finished_at=now)
        if updated:
            item.status, item.finished_at = SessionStatus.ABANDONED, now
    return sessions


def session_mark_read(*, session: DrillSession, now: datetime | None = None) -> None:
    """The learner has the chat open: what it shows is no longer unread."""
    now = now or timezone.now()
    if session.read_until is None or session.read_until < now:
        DrillSession.objects.filter(pk=session.pk).update(read_until=now)
        session.read_until = now


@transaction.atomic
def turn_override(
    *,
    turn: DrillTurn,
    score: int | None,
    comment: str,
    by,
    now: datetime | None = None,
) -> DrillTurn:
    """A trainer's score for a turn (None removes it); the session is rescored."""
    if not turn.answered:
        raise DrillError(_("Only answered turns can be rescored."), code="unanswered")
    comment = (comment or "").strip()
    if score is not None:
        if not 0 <= score <= 100:
            raise DrillError(_("A score is between 0 and 100."), code="range")
        if not comment:
            raise DrillError(_("Say why you change the score."), code="comment")
    turn.override_score = score
    turn.override_comment = comment if score is not None else ""
    turn.override_by = by if score is not None else None
    turn.override_at = (now or timezone.now()) if score is not None else None
    turn.save(
        update_fields=[
            "override_score",
            "override_comment",
            "override_by",
            "override_at",
        ]
    )
    log(
        instance=turn,
        action="drills.override",
        user=by,
        data={
            "session": turn.session_id,
            "turn": turn.order,
            "machine_score": turn.machine_score,
            "score": score,
            "comment": turn.override_comment,
        },
    )
    session = turn.session
    if session.is_finished:
        from .signals import session_rescored

        session_recompute(session=session)
        _notify(session_rescored, session)
    return turn
