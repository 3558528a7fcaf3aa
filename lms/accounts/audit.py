"""What the audit log calls HR's changes to people, teams and cohorts.

The entries are the project's one audit log (lms/certification/audit.py,
AuditLogEntry), whose labels include these.
"""

from django.utils.translation import gettext_lazy as _


class PeopleAction:
    TEAM_CREATED = "team.created"
    TEAM_CHANGED = "team.changed"
    COHORT_CREATED = "cohort.created"
    COHORT_CHANGED = "cohort.changed"
    MOVED = "person.moved"
    IMPORTED = "people.imported"
    EXPORTED = "people.exported"
    RESET_LINK_SENT = "person.reset_link_sent"


PEOPLE_ACTION_LABELS = {
    PeopleAction.TEAM_CREATED: _("Team created"),
    PeopleAction.TEAM_CHANGED: _("Team changed"),
    PeopleAction.COHORT_CREATED: _("Cohort created"),
    PeopleAction.COHORT_CHANGED: _("Cohort changed"),
    PeopleAction.MOVED: _("Moved to another team or cohort"),
    PeopleAction.IMPORTED: _("People imported"),
    PeopleAction.EXPORTED: _("People exported"),
    PeopleAction.RESET_LINK_SENT: _("Set-password link sent"),
}
