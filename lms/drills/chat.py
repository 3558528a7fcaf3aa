"""What the workbench shows right now: contacts, the chat log, timers, unread.

Built from the stored turns and messages and the server's clock: a customer
message appears once its `shown_at` has passed; until then the customer is
"typing". Three queries for a whole rush-hour desk.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch

from .models import DrillSession, DrillTurn
from .scenario import Scenario as EngineScenario
from .sessions import turn_shown_at


@dataclass
class ChatItem:
    kind: str  # "customer" | "agent"
    text: str
    at: datetime
    turn: DrillTurn


@dataclass
class Chat:
    session: DrillSession
    document: EngineScenario
    items: list[ChatItem] = field(default_factory=list)
    typing: bool = False
    # When the next customer message of this chat shows (None: none pending).
    next_due: datetime | None = None
    # The turn waiting for a reply, once all its messages are visible.
    current: DrillTurn | None = None
    waiting_since: datetime | None = None
    unread: int = 0
    preview: str = ""

    @property
    def persona(self):
        return self.document.persona

    @property
    def can_reply(self) -> bool:
        return self.session.is_open and self.current is not None

    @property
    def pending_order(self) -> int | None:
        """The turn a reply is for: the latest, answered or not."""
        turns = list(self.session.turns.all())
        return turns[-1].order if turns else None

    @property
    def state(self) -> str:
        """Changes whenever what the chat shows changes (polling compares it)."""
        return (
            f"{self.session.status}.{len(self.items)}.{int(self.typing)}.{self.unread}"
        )


@dataclass
class Desk:
    """One learner's workbench: the open chat and every customer in the rush."""

    chats: list[Chat]
    active: Chat
    now: datetime
    # Messages in the open chat that appeared since the learner last looked.
    newly_read: int = 0

    @property
    def is_rush(self) -> bool:
        return self.active.session.rush_group is not None

    @property
    def done(self) -> bool:
        return all(not chat.session.is_open for chat in self.chats)

    @property
    def next_due(self) -> datetime | None:
        """The next moment a customer message shows anywhere on the desk."""
        due = [chat.next_due for chat in self.chats if chat.next_due]
        return min(due) if due else None

    @property
    def state(self) -> str:
        raw = "|".join(f"{c.session.pk}:{c.state}" for c in self.chats)
        return hashlib.sha1(raw.encode()).hexdigest()[:16]


def desk_sessions(session: DrillSession):
    sessions = DrillSession.objects.select_related(
        "scenario", "version"
    ).prefetch_related(
        Prefetch(
            "turns",
            queryset=DrillTurn.objects.order_by("order").prefetch_related("messages"),
        )
    )
    if session.rush_group:
        return sessions.filter(
            rush_group=session.rush_group, user_id=session.user_id
        ).order_by("rush_position", "id")
    return sessions.filter(pk=session.pk)


def build_desk(session: DrillSession, now: datetime) -> Desk:
    chats = [build_chat(item, now) for item in desk_sessions(session)]
    active = next(chat for chat in chats if chat.session.pk == session.pk)
    newly_read, active.unread = active.unread, 0
    return Desk(chats=chats, active=active, now=now, newly_read=newly_read)


def build_chat(session: DrillSession, now: datetime) -> Chat:
    chat = Chat(session=session, document=session.version.document())
    read_until = session.read_until
    for turn in session.turns.all():
        messages = list(turn.messages.all())
        for message in messages:
            if message.shown_at <= now:
                chat.items.append(
                    ChatItem("customer", message.text, message.shown_at, turn)
                )
                chat.preview = message.text
                if read_until is None or message.shown_at > read_until:
                    chat.unread += 1
            else:
                chat.typing = session.is_open
                if chat.next_due is None or message.shown_at < chat.next_due:
                    chat.next_due = message.shown_at
        if turn.answered:
            chat.items.append(ChatItem("agent", turn.reply, turn.received_at, turn))
            chat.preview = turn.reply
        elif session.is_open:
            shown = turn_shown_at(turn)
            if shown is not None and shown <= now:
                chat.current = turn
                chat.waiting_since = shown
    return chat
