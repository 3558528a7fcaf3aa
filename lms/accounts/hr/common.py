"""Who may use the people pages (checked on the server in every view).

HR and admins: everything here. Trainers: the import (learners only, see
lms/accounts/people/applying.allowed_roles) and its template. Learners: 403.
"""

from lms.accounts.roles import TRAINER, has_role
from lms.reports.permissions import can_manage_reports
from lms.reports.views.common import require


def can_import_people(user) -> bool:
    return can_manage_reports(user) or (
        user.is_authenticated and has_role(user, TRAINER)
    )


people_manager_required = require(can_manage_reports)
people_importer_required = require(can_import_people)
