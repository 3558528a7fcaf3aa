"""Certificates as Open Badges 3.0: a JWT-VC signed with the issuer's Ed25519 key.

The signature is checked with PyJWT and with PyNaCl (libsodium), neither of which
the signer uses; the key is found the way an outside verifier finds it, through
the `kid` URL in the header and the public JWKS. Revocation shows in the
BitstringStatusList, read here with gzip and base64 directly.
"""

from __future__ import annotations

import base64
import gzip
import json
from datetime import UTC, timedelta
from urllib.parse import urlsplit

import jwt
import nacl.exceptions
import nacl.signing
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
)
from django.core import checks
from django.utils import timezone

from lms.certification.issuing import certificate_issue_manual, certificate_reissue
from lms.certification.models import Certificate, CertificationPath, RevokeReason
from lms.certification.revocation import certificate_revoke
from tests.factories import AdminFactory, LearnerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.certification.urls")]

PUBLIC = "http://127.0.0.1:8000"


@pytest.fixture
def admin(db):
    return AdminFactory(username="badge-admin")


@pytest.fixture
def path(db):
    return CertificationPath.objects.create(
        slug="presales",
        title="售前客服上岗认证",
        description="掌握平台规则、售前话术与议价应对。",
    )


def issue(path, admin, username="badge-holder", name="林晓雨") -> Certificate:
    learner = LearnerFactory(username=username, display_name=name)
    learner.employee_no = f"KF-{username}"
    learner.save()
    return certificate_issue_manual(
        user=learner, path=path, actor=admin, reason="开放徽章测试"
    )


@pytest.fixture
def certificate(path, admin):
    return issue(path, admin)


def local(url: str) -> str:
    """A public URL as the test client asks for it."""
    assert url.startswith(PUBLIC), url
    return urlsplit(url).path


def download(client, certificate) -> str:
    response = client.get(f"/verify/{certificate.verification_code}/badge.jwt")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/vc+jwt"
    assert "attachment" in response["Content-Disposition"]
    return response.content.decode()


def header_of(token: str) -> dict:
    return jwt.get_unverified_header(token)


def public_jwk(client, token: str) -> dict:
    """What a verifier does: dereference the header's kid to the issuer's key."""
    kid = header_of(token)["kid"]
    response = client.get(local(kid))
    assert response.status_code == 200
    jwk = response.json()
    assert jwk["kid"] == kid and jwk["kty"] == "OKP" and jwk["crv"] == "Ed25519"
    keys = client.get("/verify/badges/jwks.json").json()["keys"]
    assert jwk in keys
    return jwk


def pyjwt_verify(token: str, jwk: dict, **options) -> dict:
    return jwt.decode(
        token,
        key=jwt.PyJWK(jwk).key,
        algorithms=["EdDSA"],
        issuer=f"{PUBLIC}/verify/badges/issuer.json",
        options={"require": ["iss", "nbf", "jti"], **options},
    )


def nacl_verify(token: str, jwk: dict) -> dict:
    signing_input, _, signature = token.rpartition(".")
    raw = base64.urlsafe_b64decode(jwk["x"] + "==")
    nacl.signing.VerifyKey(raw).verify(
        signing_input.encode(), base64.urlsafe_b64decode(signature + "==")
    )
    payload = signing_input.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def tampered(token: str, change) -> str:
    head, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    change(claims)
    body = json.dumps(claims, ensure_ascii=False).encode()
    forged = base64.urlsafe_b64encode(body).rstrip(b"=").decode()
    return f"{head}.{forged}.{signature}"


def verified(client, certificate) -> dict:
    """Download a certificate's badge and check it as an outside verifier would."""
    token = download(client, certificate)
    return pyjwt_verify(token, public_jwk(client, token))


def status_bit(client, credential: dict) -> bool:
    """Fetch the status list the credential names, verify it, read its bit."""
    entry = credential["credentialStatus"]
    assert entry["type"] == "BitstringStatusListEntry"
    assert entry["statusPurpose"] == "revocation"
    response = client.get(local(entry["statusListCredential"]))
    assert response.status_code == 200
    token = response.content.decode()
    status_list = pyjwt_verify(token, public_jwk(client, token))
    assert status_list["type"] == [
        "VerifiableCredential",
        "BitstringStatusListCredential",
    ]
    subject = status_list["credentialSubject"]
    assert subject["type"] == "BitstringStatusList"
    assert subject["statusPurpose"] == "revocation"
    encoded = subject["encodedList"]
    assert encoded[0] == "u"  # multibase base64url
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * 4))
    assert len(bits) * 8 >= 131_072
    index = int(entry["statusListIndex"])
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def test_a_downloaded_badge_verifies_with_two_independent_libraries(
    client, certificate
):
    token = download(client, certificate)
    header = header_of(token)
    assert header["alg"] == "EdDSA" and header["typ"] == "vc+jwt"
    jwk = public_jwk(client, token)
    claims = pyjwt_verify(token, jwk)
    assert nacl_verify(token, jwk) == claims
    assert claims["jti"] == claims["id"]
    assert claims["credentialSubject"]["achievement"]["name"] == "售前客服上岗认证"


def test_a_tampered_badge_fails_verification(client, certificate):
    token = download(client, certificate)
    jwk = public_jwk(client, token)

    def rename(claims):
        claims["credentialSubject"]["identifier"][0]["identityHash"] = "冒名者"

    def extend(claims):
        claims["validUntil"] = "2099-01-01T00:00:00Z"
        claims["exp"] = 4070908800

    for forged in (tampered(token, rename), tampered(token, extend)):
        with pytest.raises(jwt.InvalidSignatureError):
            pyjwt_verify(forged, jwk)
        with pytest.raises(nacl.exceptions.BadSignatureError):
            nacl_verify(forged, jwk)
    head, payload, signature = token.split(".")
    flipped = signature[:10] + ("A" if signature[10] != "A" else "B") + signature[11:]
    with pytest.raises(jwt.InvalidSignatureError):
        pyjwt_verify(f"{head}.{payload}.{flipped}", jwk)


def test_a_badge_signed_by_another_key_is_refused(client, certificate):
    token = download(client, certificate)
    other = Ed25519PrivateKey.generate()
    forged = jwt.encode(
        jwt.decode(token, options={"verify_signature": False}),
        other,
        algorithm="EdDSA",
        headers={"kid": header_of(token)["kid"], "typ": "vc+jwt"},
    )
    with pytest.raises(jwt.InvalidSignatureError):
        pyjwt_verify(forged, public_jwk(client, token))


def test_the_credential_is_an_open_badge_3_with_the_public_facts_only(
    client, certificate
):
    claims = verified(client, certificate)
    assert claims["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["id"] == f"{PUBLIC}/verify/{certificate.verification_code}/"
    issuer = claims["issuer"]
    assert issuer["type"] == ["Profile"] and issuer["name"]
    profile = client.get(local(issuer["id"]))
    assert profile.status_code == 200
    assert profile.json()["id"] == issuer["id"] == claims["iss"]
    assert claims["validFrom"] == certificate.issued_at.astimezone(UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    assert claims["exp"] == int(certificate.expires_at.timestamp())
    subject = claims["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["identifier"][0]["identityHash"] == "林晓雨"
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["criteria"]["narrative"] == "掌握平台规则、售前话术与议价应对。"
    assert claims["evidence"][0]["name"] == certificate.serial
    # Like the verify page: never the 工号, the results or the internal note.
    assert certificate.employee_no not in json.dumps(claims, ensure_ascii=False)
    assert "score" not in json.dumps(claims)


def test_a_revoked_certificate_is_set_in_the_status_list(client, path, admin):
    certificate = issue(path, admin)
    other = issue(path, admin, username="badge-other", name="周明")
    kept = verified(client, certificate)
    other_claims = verified(client, other)
    assert status_bit(client, kept) is False

    certificate_revoke(
        certificate=certificate,
        actor=admin,
        reason_category=RevokeReason.MISCONDUCT,
        note="违规",
    )

    # The credential downloaded before still has a valid signature, but its
    # status bit now says revoked; the other holder's stays clear.
    assert status_bit(client, kept) is True
    assert status_bit(client, other_claims) is False
    response = client.get(f"/verify/{certificate.verification_code}/badge.jwt")
    assert response.status_code == 410


def test_a_replaced_certificate_is_out_of_force_in_the_status_list(
    client, certificate, admin
):
    claims = verified(client, certificate)
    replacement = certificate_reissue(
        certificate=certificate, actor=admin, reason="遗失"
    )
    assert status_bit(client, claims) is True
    new = verified(client, replacement)
    assert status_bit(client, new) is False


def test_an_expired_certificate_downloads_but_verifiers_see_it_expired(
    client, certificate
):
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    token = download(client, certificate)
    with pytest.raises(jwt.ExpiredSignatureError):
        pyjwt_verify(token, public_jwk(client, token))


def test_the_verify_page_links_the_badge(client, certificate, admin):
    response = client.get(f"/verify/{certificate.verification_code}/")
    html = response.content.decode()
    link = f'href="/verify/{certificate.verification_code}/badge.jwt"'
    assert link in html
    assert "下载开放徽章 (Open Badges 3.0)" in html
    certificate_revoke(
        certificate=certificate,
        actor=admin,
        reason_category=RevokeReason.OTHER,
        note="测试",
    )
    html = client.get(f"/verify/{certificate.verification_code}/").content.decode()
    assert link not in html


def test_an_unknown_code_has_no_badge(client, certificate):
    assert client.get("/verify/ABCDEFGHJKMNPQRS/badge.jwt").status_code == 404


def test_badge_downloads_share_the_verify_pages_rate_limit(
    client, certificate, settings
):
    settings.LMS_VERIFY_LOOKUPS_PER_MINUTE = 2
    url = f"/verify/{certificate.verification_code}/badge.jwt"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]


def test_a_pem_key_from_the_environment_signs_too(client, certificate, settings):
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    # As an environment variable would carry it: newlines written as \n.
    settings.LMS_BADGE_SIGNING_KEY = pem.decode().replace("\n", "\\n")
    token = download(client, certificate)
    jwk = public_jwk(client, token)
    assert pyjwt_verify(token, jwk)["id"].endswith(f"/{certificate.verification_code}/")
    assert jwt.PyJWK(jwk).key.public_bytes_raw() == key.public_key().public_bytes_raw()


def test_without_a_key_the_badge_is_refused_and_check_warns(
    client, certificate, settings
):
    settings.LMS_BADGE_SIGNING_KEY = ""
    url = f"/verify/{certificate.verification_code}/badge.jwt"
    assert client.get(url).status_code == 503
    assert client.get("/verify/badges/status/revocation.jwt").status_code == 503
    ids = [message.id for message in checks.run_checks(tags=["certification"])]
    assert "certification.W010" in ids


def test_a_key_that_is_not_ed25519_is_a_check_error(settings):
    settings.LMS_BADGE_SIGNING_KEY = base64.b64encode(b"too short").decode()
    errors = [
        m
        for m in checks.run_checks(tags=["certification"])
        if m.id == "certification.E010"
    ]
    assert errors and "32 bytes" in errors[0].msg
