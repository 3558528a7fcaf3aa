"""Shared vocabulary of the role matrix (see tests/core/test_role_matrix.py).

Each app's tests hold a `matrix.py` with `ROWS = {url name: (path, row(...))}`
and, when its paths need objects, `def context(site_tree) -> dict` whose keys
fill `{placeholders}` in the paths.
"""

ROLES = ("anonymous", "learner", "trainer", "hr", "admin")
OK, REDIRECT, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 403, 404, 405


def row(anonymous, learner, trainer, hr, admin):
    return dict(zip(ROLES, (anonymous, learner, trainer, hr, admin), strict=True))


def everyone(status):
    return row(*[status] * len(ROLES))
