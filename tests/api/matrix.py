"""The HR read API × role. By session here (how the matrix logs in): HR and
admins read, learners and trainers get 403, anonymous 401 (a Bearer challenge).
The token page is an ordinary HR page.
Tokens are tested in tests/api/test_tokens.py."""

from tests.matrix import FORBIDDEN, NOT_ALLOWED, OK, REDIRECT, row

UNAUTHORIZED = 401
HR_ONLY = row(UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK, OK)

# The HTML page where HR makes its own tokens: anonymous to the login page.
TOKEN_PAGE = row(REDIRECT, FORBIDDEN, FORBIDDEN, OK, OK)
# Revoking is a POST; the role check comes before the method check.
TOKEN_REVOKE = row(REDIRECT, FORBIDDEN, FORBIDDEN, NOT_ALLOWED, NOT_ALLOWED)

ROWS = {
    "api:tokens": ("/api/tokens/", TOKEN_PAGE),
    "api:token_revoke": ("/api/tokens/1/revoke/", TOKEN_REVOKE),
    "api:schema": ("/api/schema/", HR_ONLY),
    "api:person-list": ("/api/people/", HR_ONLY),
    "api:person-detail": ("/api/people/{api_person}/", HR_ONLY),
    "api:progress-list": ("/api/progress/", HR_ONLY),
    "api:quiz-result-list": ("/api/quiz-results/", HR_ONLY),
    "api:quiz-result-detail": ("/api/quiz-results/{api_attempt}/", HR_ONLY),
    "api:drill-result-list": ("/api/drill-results/", HR_ONLY),
    "api:drill-result-detail": ("/api/drill-results/{api_session}/", HR_ONLY),
    "api:certificate-list": ("/api/certificates/", HR_ONLY),
    "api:certificate-detail": ("/api/certificates/{cert_serial}/", HR_ONLY),
}


def context(site_tree) -> dict:
    from tests.api.helpers import results_world

    world = results_world(prefix="api-matrix")
    return {
        "api_person": world["learner"].pk,
        "api_attempt": world["attempt"].pk,
        "api_session": world["session"].pk,
    }
