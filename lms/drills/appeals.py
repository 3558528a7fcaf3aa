"""Appealing a turn's score (the learner) and resolving the appeal (a trainer)."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models import AppealStatus, DrillTurn, TurnAppeal
from .models.appeals import APPEAL_MAX_LENGTH
from .permissions import can_override
from .sessions import DrillError


def appeal_open(
    *, turn: DrillTurn, user, comment: str, now: datetime | None = None
) -> TurnAppeal:
    """The learner disputes the score of one answered turn of a finished session."""
    session = turn.session
    if session.user_id != user.id:
        raise DrillError(_("Only the learner can appeal a turn."), code="owner")
    if not session.is_finished or not turn.answered:
        raise DrillError(
            _("Only answered turns of a finished session can be appealed."),
            code="unfinished",
        )
    comment = (comment or "").strip()
    if not comment:
        raise DrillError(_("Say why you think the score is wrong."), code="comment")
    if len(comment) > APPEAL_MAX_LENGTH:
        raise DrillError(
            _("Keep the appeal under %(n)s characters.") % {"n": APPEAL_MAX_LENGTH},
            code="length",
        )
    try:
        with transaction.atomic():
            appeal = TurnAppeal.objects.create(
                turn=turn, user=user, comment=comment, created_at=now or timezone.now()
            )
    except IntegrityError:
        raise DrillError(
            _("This turn already has an open appeal."), code="duplicate"
        ) from None
    return appeal


def appeal_resolve(
    *, appeal: TurnAppeal, by, resolution: str, now: datetime | None = None
) -> TurnAppeal:
    """A trainer closes the appeal with an answer the learner reads."""
    if not can_override(by):
        raise DrillError(_("Only trainers resolve appeals."), code="permission")
    resolution = (resolution or "").strip()
    if not resolution:
        raise DrillError(_("Write an answer to the learner."), code="resolution")
    with transaction.atomic():
        won = TurnAppeal.objects.filter(pk=appeal.pk, status=AppealStatus.OPEN).update(
            status=AppealStatus.RESOLVED,
            resolution=resolution,
            resolved_by=by,
            resolved_at=now or timezone.now(),
        )
        if not won:
            raise DrillError(_("This appeal is already resolved."), code="resolved")
        appeal.refresh_from_db()
        log(
            instance=appeal.turn,
            action="drills.appeal_resolved",
            user=by,
            data={"appeal": appeal.pk, "resolution": resolution},
        )
    return appeal


def attach_appeals(turn_views) -> None:
    """Each turn view gets `.appeal`: its newest appeal, or None (one query)."""
    turn_ids = [view.turn.id for view in turn_views if view.turn is not None]
    newest = {}
    for appeal in TurnAppeal.objects.filter(turn_id__in=turn_ids).order_by(
        "created_at", "id"
    ):
        newest[appeal.turn_id] = appeal
    for view in turn_views:
        view.appeal = newest.get(view.turn.id) if view.turn is not None else None
