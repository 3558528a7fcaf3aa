from tests.matrix import NOT_ALLOWED, OK, REDIRECT, everyone, row

ROWS = {
    "accounts:login": (
        "/accounts/login/",
        row(OK, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    ),
    "accounts:logout": ("/accounts/logout/", everyone(NOT_ALLOWED)),
    "accounts:password_change": ("/accounts/password/", row(REDIRECT, OK, OK, OK, OK)),
    "accounts:password_change_done": (
        "/accounts/password/done/",
        row(REDIRECT, OK, OK, OK, OK),
    ),
}
