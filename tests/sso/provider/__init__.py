"""A real OpenID Connect provider for the SSO tests: a second, tiny Django project
(django-oauth-toolkit with OIDC) that `tests/sso/conftest.py` sets up in a
temporary folder and runs with `runserver` on a free 127.0.0.1 port.

Everything it needs comes from the environment the fixture gives it:
PROVIDER_DIR (its SQLite database and people.json) and PROVIDER_RSA_KEY (the
key that signs ID tokens, generated per test session).
"""
