"""Signals other capabilities listen to (certification re-checks requirements)."""

from django.dispatch import Signal

# Sent once, when an attempt has been graded: kwargs `attempt`.
attempt_graded = Signal()
