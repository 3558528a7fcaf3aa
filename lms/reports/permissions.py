"""Who may read what under /hr/, checked on the server in every view.

- HR and superusers: everything here (people, results, certificates, charts,
  exports). HR reads; it edits no content.
- Trainers: the roster and each learner's transcript (they review drill
  transcripts and quiz results) and the go-live sign-off; not the certificate
  registry, the charts or exports (bulk personal data stays with HR).
- Learners: nothing here (403); they see their own results on their dashboard.
"""

from __future__ import annotations

from lms.accounts.roles import TRAINER, has_role, is_staff_reader


def _cached(user, key: str, compute) -> bool:
    # Several checks run per request (views, header, templates): one groups query.
    cache = user.__dict__.setdefault("_reports_permissions", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def can_manage_reports(user) -> bool:
    """HR and admins: registry, charts, exports."""
    return bool(user.is_authenticated) and _cached(
        user, "hr", lambda: is_staff_reader(user)
    )


def can_read_people(user) -> bool:
    """HR, admins and trainers: the roster and per-learner transcripts."""
    return can_manage_reports(user) or (
        bool(user.is_authenticated)
        and _cached(user, "trainer", lambda: has_role(user, TRAINER))
    )


def can_sign_off_golive(user) -> bool:
    """A supervisor (trainer or HR) confirms a learner may serve real buyers."""
    return can_read_people(user)
