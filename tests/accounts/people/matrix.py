"""/hr/people/ and the password-reset pages × role (merged into
tests/accounts/matrix.py). HR and admins manage people; trainers may import
(learners only) and download the template; learners get 403 everywhere here."""

from tests.matrix import FORBIDDEN, NOT_ALLOWED, OK, REDIRECT, everyone, row

HR_ONLY = row(REDIRECT, FORBIDDEN, FORBIDDEN, OK, OK)
POST_HR = row(REDIRECT, FORBIDDEN, FORBIDDEN, NOT_ALLOWED, NOT_ALLOWED)
IMPORTERS = row(REDIRECT, FORBIDDEN, OK, OK, OK)
POST_IMPORTERS = row(REDIRECT, FORBIDDEN, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED)

ROWS = {
    # Anyone may ask for a link, logged in or not (same page for everyone).
    "accounts:password_reset": ("/accounts/password/reset/", everyone(OK)),
    "accounts:password_reset_done": ("/accounts/password/reset/sent/", everyone(OK)),
    # A wrong token shows "this link no longer works".
    "accounts:password_reset_confirm": (
        "/accounts/password/reset/MQ/bad-token/",
        everyone(OK),
    ),
    "accounts:password_reset_complete": (
        "/accounts/password/reset/done/",
        everyone(OK),
    ),
    "people:list": ("/hr/people/", HR_ONLY),
    "people:move": ("/hr/people/move/", POST_HR),
    "people:export": ("/hr/people/export/", HR_ONLY),
    "people:reset_link": ("/hr/people/{people_person}/reset-link/", POST_HR),
    "people:import": ("/hr/people/import/", IMPORTERS),
    "people:import_confirm": ("/hr/people/import/confirm/", POST_IMPORTERS),
    "people:template": ("/hr/people/import/template/", IMPORTERS),
    "people:groups": ("/hr/people/teams/", HR_ONLY),
    "people:team": ("/hr/people/teams/{people_team}/", HR_ONLY),
    "people:cohort": ("/hr/people/cohorts/{people_cohort}/", HR_ONLY),
}


def context(site_tree) -> dict:
    from tests.factories import CohortFactory, LearnerFactory, TeamFactory

    person = LearnerFactory(username="people-matrix-learner")
    return {
        "people_person": person.pk,
        "people_team": TeamFactory(name="矩阵组").pk,
        "people_cohort": CohortFactory(name="矩阵批").pk,
    }
