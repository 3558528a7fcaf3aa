from django.urls import NoReverseMatch, reverse

from tests.matrix import NOT_FOUND, OK, REDIRECT, everyone, row

MOVED = 301

ROWS = {
    "certification:mine": ("/certificates/", row(REDIRECT, OK, OK, OK, OK)),
    # HR's register moved into the registry at /hr/certificates/ (301 for all).
    "certification:hr_moved": ("/certificates/hr/{cert_serial}/", everyone(MOVED)),
    # Someone else's certificate is "not found" to a learner or a trainer.
    "certification:download": (
        "/certificates/{cert_serial}/pdf/",
        row(REDIRECT, NOT_FOUND, NOT_FOUND, OK, OK),
    ),
}

VERIFY_ROWS = {
    "verify:form": ("/verify/", everyone(OK)),
    "verify:result": ("/verify/{cert_code}/", everyone(OK)),
    # Open Badges 3.0: public like the verify page (the code is the secret).
    "verify:badge": ("/verify/{cert_code}/badge.jwt", everyone(OK)),
    "verify:badge_issuer": ("/verify/badges/issuer.json", everyone(OK)),
    "verify:badge_jwks": ("/verify/badges/jwks.json", everyone(OK)),
    "verify:badge_key": ("/verify/badges/keys/{badge_kid}.json", everyone(OK)),
    "verify:badge_status": ("/verify/badges/status/revocation.jwt", everyone(OK)),
}


def _verify_included() -> bool:
    """lms/urls.py includes lms.certification.verify_urls at /verify/ (or not yet)."""
    try:
        return reverse("verify:form") == "/verify/"
    except NoReverseMatch:
        return False


if _verify_included():
    ROWS.update(VERIFY_ROWS)


def context(site_tree) -> dict:
    from lms.certification.issuing import certificate_issue_manual
    from lms.certification.models import CertificationPath
    from tests.factories import AdminFactory, LearnerFactory

    path = CertificationPath.objects.create(slug="cert-matrix", title="矩阵认证")
    certificate = certificate_issue_manual(
        user=LearnerFactory(username="cert-matrix-holder"),
        path=path,
        actor=AdminFactory(username="cert-matrix-admin"),
        reason="矩阵测试",
    )
    from lms.certification.badges.keys import signing_key

    return {
        "cert_serial": certificate.serial,
        "cert_code": certificate.verification_code,
        "badge_kid": signing_key().thumbprint,
    }
