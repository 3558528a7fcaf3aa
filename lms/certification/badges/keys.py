"""The issuer's signing key, read from settings.LMS_BADGE_SIGNING_KEY.

Either a PEM private key (PKCS#8, "-----BEGIN PRIVATE KEY-----", newlines may be
written as \\n in an environment variable) or the 32-byte Ed25519 seed in base64.
Development keeps a generated seed in var/ (lms/settings/dev.py), the tests a fixed
one; production has none until it is set, and `lms check` says so.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from django.conf import settings

from .jws import jwk_thumbprint, public_jwk


class BadgeKeyError(Exception):
    """LMS_BADGE_SIGNING_KEY is missing or is not an Ed25519 key."""


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey
    jwk: dict[str, str]  # the public half
    thumbprint: str


def parse_signing_key(text: str) -> Ed25519PrivateKey:
    text = (text or "").strip()
    if not text:
        raise BadgeKeyError("LMS_BADGE_SIGNING_KEY is not set.")
    if text.startswith("-----BEGIN"):
        try:
            key = load_pem_private_key(
                text.replace("\\n", "\n").encode(), password=None
            )
        except (ValueError, TypeError) as exc:
            raise BadgeKeyError(
                f"LMS_BADGE_SIGNING_KEY is not a readable PEM key: {exc}"
            ) from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise BadgeKeyError(
                "LMS_BADGE_SIGNING_KEY must be an Ed25519 key, "
                f"not {type(key).__name__}."
            )
        return key
    try:
        seed = base64.b64decode(
            text.replace("-", "+").replace("_", "/") + "=" * (-len(text) % 4),
            validate=True,
        )
    except (binascii.Error, ValueError) as exc:
        raise BadgeKeyError(
            "LMS_BADGE_SIGNING_KEY is neither a PEM key nor base64."
        ) from exc
    if len(seed) != 32:
        raise BadgeKeyError(
            "LMS_BADGE_SIGNING_KEY in base64 must hold 32 bytes "
            f"(an Ed25519 seed), not {len(seed)}."
        )
    return Ed25519PrivateKey.from_private_bytes(seed)


def signing_key() -> SigningKey:
    """The configured key; BadgeKeyError when there is none or it is unusable."""
    private = parse_signing_key(getattr(settings, "LMS_BADGE_SIGNING_KEY", ""))
    jwk = public_jwk(private.public_key())
    return SigningKey(private=private, jwk=jwk, thumbprint=jwk_thumbprint(jwk))
