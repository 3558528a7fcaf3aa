from django.urls import NoReverseMatch, reverse

from tests.matrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, everyone, row

HR_ONLY = row(REDIRECT, FORBIDDEN, FORBIDDEN, OK, OK)
HR_POST_ONLY = row(REDIRECT, FORBIDDEN, FORBIDDEN, NOT_ALLOWED, NOT_ALLOWED)

ROWS = {
    "certification:mine": ("/certificates/", row(REDIRECT, OK, OK, OK, OK)),
    "certification:hr_list": ("/certificates/hr/", HR_ONLY),
    "certification:hr_issue": ("/certificates/hr/issue/", HR_ONLY),
    "certification:hr_audit": ("/certificates/hr/audit/", HR_ONLY),
    "certification:hr_detail": ("/certificates/hr/{cert_serial}/", HR_ONLY),
    "certification:hr_revoke": ("/certificates/hr/{cert_serial}/revoke/", HR_POST_ONLY),
    "certification:hr_reissue": (
        "/certificates/hr/{cert_serial}/reissue/",
        HR_POST_ONLY,
    ),
    # Someone else's certificate is "not found" to a learner or a trainer.
    "certification:download": (
        "/certificates/{cert_serial}/pdf/",
        row(REDIRECT, NOT_FOUND, NOT_FOUND, OK, OK),
    ),
}

VERIFY_ROWS = {
    "verify:form": ("/verify/", everyone(OK)),
    "verify:result": ("/verify/{cert_code}/", everyone(OK)),
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
    return {
        "cert_serial": certificate.serial,
        "cert_code": certificate.verification_code,
    }
