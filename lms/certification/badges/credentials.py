"""The documents: an OpenBadgeCredential per certificate, the revocation status
list, the issuer profile and its key set.

Credentials are secured as JWTs (Open Badges 3.0 §8.2, W3C VC-JOSE-COSE): the
payload is the credential itself plus the registered claims iss, jti, nbf and
exp that mirror issuer, id, validFrom and validUntil. The header names the key
by `kid`, a URL that returns the public JWK.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from ..models import Certificate, CertificateStatus
from ..verify import verify_url
from .jws import sign_compact
from .keys import SigningKey, signing_key
from .status_list import encode_bits, list_length

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
MEDIA_TYPE = "application/vc+jwt"
# Certificates whose credential a verifier must no longer accept. A replaced
# certificate (补发 or recertified) is out of force like a revoked one.
REVOKED_STATUSES = (CertificateStatus.REVOKED, CertificateStatus.SUPERSEDED)


def public_url(name: str, **kwargs: Any) -> str:
    return settings.LMS_PUBLIC_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def issuer_id() -> str:
    return public_url("verify:badge_issuer")


def status_list_url() -> str:
    return public_url("verify:badge_status")


def key_url(key: SigningKey) -> str:
    return public_url("verify:badge_key", kid=key.thumbprint)


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def issuer_profile() -> dict[str, Any]:
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.LMS_CERTIFICATE_ISSUER,
        "url": settings.LMS_PUBLIC_URL.rstrip("/") + "/",
    }


def _issuer_reference() -> dict[str, Any]:
    profile = issuer_profile()
    del profile["@context"]
    return profile


def status_index(certificate: Certificate) -> int:
    """The certificate's bit in the status list: its primary key (never reused)."""
    return certificate.pk


def credential_document(certificate: Certificate) -> dict[str, Any]:
    """The OpenBadgeCredential of one certificate (unsigned)."""
    path = certificate.path
    achievement_id = (
        f"{issuer_id()}#achievement-{path.slug}-v{certificate.path_version}"
    )
    index = status_index(certificate)
    description = path.description.strip() or certificate.path_title
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": verify_url(certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": _issuer_reference(),
        "validFrom": _timestamp(certificate.issued_at),
        "validUntil": _timestamp(certificate.expires_at),
        "name": certificate.path_title,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            # The name the public verify page shows; never the 工号.
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.holder_name,
                }
            ],
            "achievement": {
                "id": achievement_id,
                "type": ["Achievement"],
                "name": certificate.path_title,
                "description": description,
                "criteria": {"narrative": description},
                "creator": _issuer_reference(),
            },
        },
        "credentialStatus": {
            "id": f"{status_list_url()}#{index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(index),
            "statusListCredential": status_list_url(),
        },
        "evidence": [
            {
                "id": verify_url(certificate),
                "type": ["Evidence"],
                "name": certificate.serial,
            }
        ],
    }


def _sign(document: dict[str, Any], *, key: SigningKey, until=None) -> str:
    claims = {
        "iss": issuer_id(),
        "jti": document["id"],
        "nbf": int(datetime.fromisoformat(document["validFrom"]).timestamp()),
    }
    if until is not None:
        claims["exp"] = int(until.timestamp())
    header = {"typ": "vc+jwt", "cty": "vc", "kid": key_url(key)}
    return sign_compact({**document, **claims}, key=key.private, header=header)


def credential_jwt(certificate: Certificate, *, key: SigningKey | None = None) -> str:
    """The signed credential a holder downloads."""
    key = key or signing_key()
    return _sign(
        credential_document(certificate), key=key, until=certificate.expires_at
    )


def revoked_indexes() -> list[int]:
    """Status indexes are primary keys (status_index), so one query reads them."""
    return list(
        Certificate.objects.filter(status__in=REVOKED_STATUSES).values_list(
            "pk", flat=True
        )
    )


def status_list_document(*, now: datetime | None = None) -> dict[str, Any]:
    highest = Certificate.objects.aggregate(highest=Max("pk"))["highest"] or 0
    url = status_list_url()
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": _timestamp(now or timezone.now()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode_bits(revoked_indexes(), length=list_length(highest)),
        },
    }


def status_list_jwt(*, key: SigningKey | None = None) -> str:
    return _sign(status_list_document(), key=key or signing_key())


def key_set(key: SigningKey | None = None) -> dict[str, Any]:
    key = key or signing_key()
    return {"keys": [public_key(key)]}


def public_key(key: SigningKey) -> dict[str, str]:
    return {**key.jwk, "kid": key_url(key), "alg": "EdDSA", "use": "sig"}
