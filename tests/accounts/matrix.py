from tests.accounts.people import matrix as people_matrix
from tests.matrix import FORBIDDEN, NOT_ALLOWED, OK, REDIRECT, everyone, row

ROWS = {
    "accounts:login": (
        "/accounts/login/",
        row(OK, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    ),
    # Wagtail's login page sends people to the site's one login page (logged-in
    # learners and HR are refused under /admin/ as everywhere there).
    "admin_login": (
        "/admin/login/",
        row(REDIRECT, FORBIDDEN, REDIRECT, FORBIDDEN, REDIRECT),
    ),
    "accounts:logout": ("/accounts/logout/", everyone(NOT_ALLOWED)),
    "accounts:password_change": ("/accounts/password/", row(REDIRECT, OK, OK, OK, OK)),
    "accounts:password_change_done": (
        "/accounts/password/done/",
        row(REDIRECT, OK, OK, OK, OK),
    ),
}
# Password reset and HR's people pages (tests/accounts/people/matrix.py).
ROWS.update(people_matrix.ROWS)
context = people_matrix.context
