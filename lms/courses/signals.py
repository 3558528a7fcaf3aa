"""Signals other capabilities listen to (certification re-checks requirements)."""

from django.dispatch import Signal

# Sent once, inside the transaction that records it: kwargs `user`, `course`.
course_completed = Signal()
