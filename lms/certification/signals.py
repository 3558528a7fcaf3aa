"""Signals other capabilities listen to (xAPI statements)."""

from django.dispatch import Signal

# Sent inside the transaction that issued it (automatically, by hand or as a
# reissued copy): kwargs `certificate`.
certificate_issued = Signal()

# Sent inside the transaction that revoked it: kwargs `certificate`.
certificate_revoked = Signal()
