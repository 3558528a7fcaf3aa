"""Signals other capabilities listen to (certification re-checks requirements)."""

from django.dispatch import Signal

# Sent once when a drill session is finished and scored: kwargs `session`.
session_finished = Signal()

# Sent when a trainer's override changed a finished session's score: `session`.
session_rescored = Signal()
