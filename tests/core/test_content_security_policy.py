"""The Content-Security-Policy header: strict on the site, looser only in /admin/."""

from django.http import HttpResponse
from django.test import RequestFactory

from lms.core.csp import ContentSecurityPolicyMiddleware


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def test_site_pages_run_only_scripts_and_styles_from_the_site(client, db):
    policy = directives(client.get("/accounts/login/"))
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert policy["base-uri"] == "'self'"


def test_an_inline_script_runs_only_with_the_nonce_of_its_request():
    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')

    response = ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/"))
    nonce = response.content.decode().split('"')[1]
    assert directives(response)["script-src"] == f"'self' 'nonce-{nonce}'"


def test_the_wagtail_admin_allows_inline_code_but_nothing_from_elsewhere(
    client, trainer
):
    client.force_login(trainer)
    policy = directives(client.get("/admin/"))
    assert policy["script-src"] == "'self' 'unsafe-inline'"
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"
