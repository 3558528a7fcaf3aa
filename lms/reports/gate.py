"""The go-live gate (上岗): may this learner serve real buyers? Pure.

Three things, all required:
1. a valid certificate (已认证 or 即将过期) on at least one active path. Paths
   are per role (售前 / 售后) and learners are put on every path their courses
   touch, so "all assigned paths" would ask a pre-sales agent for the
   after-sales certificate too; "needs retraining" does not count as valid;
2. a drill average (mean of per-scenario best scores) at or above the store's
   threshold, settings.LMS_GOLIVE_DRILL_AVERAGE;
3. a supervisor's sign-off (trainer or HR).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .aggregation import VALID_STATUSES

CERTIFICATE, DRILLS, SIGNOFF = "certificate", "drills", "signoff"


@dataclass(frozen=True)
class GoLiveGate:
    certificate_ok: bool
    drills_ok: bool
    signed_off: bool
    drill_average: float | None
    threshold: int

    @property
    def ready(self) -> bool:
        return self.certificate_ok and self.drills_ok and self.signed_off

    @property
    def missing(self) -> list[str]:
        """What still stands between the learner and 可上岗, in order."""
        return [
            code
            for code, ok in (
                (CERTIFICATE, self.certificate_ok),
                (DRILLS, self.drills_ok),
                (SIGNOFF, self.signed_off),
            )
            if not ok
        ]


def evaluate_gate(
    *,
    statuses: Iterable[str],
    drill_average: float | None,
    threshold: int,
    signed_off: bool,
) -> GoLiveGate:
    """`statuses`: the learner's status on each active path."""
    return GoLiveGate(
        certificate_ok=any(status in VALID_STATUSES for status in statuses),
        drills_ok=drill_average is not None and drill_average >= threshold,
        signed_off=signed_off,
        drill_average=drill_average,
        threshold=threshold,
    )
