"""Compact JWS (RFC 7515) with EdDSA over Ed25519 (RFC 8037). Pure: no Django.

Signing is a few lines over `cryptography`; the tests verify what this writes
with PyJWT and PyNaCl (libsodium), two implementations that share no code with it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _json(value: dict[str, Any]) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def sign_compact(
    payload: dict[str, Any], *, key: Ed25519PrivateKey, header: dict[str, Any]
) -> str:
    """header.payload.signature, with "alg": "EdDSA" whatever `header` says."""
    protected = {**header, "alg": "EdDSA"}
    signing_input = f"{b64url(_json(protected))}.{b64url(_json(payload))}"
    signature = key.sign(signing_input.encode("ascii"))
    return f"{signing_input}.{b64url(signature)}"


def public_jwk(public_key: Ed25519PublicKey) -> dict[str, str]:
    """The OKP JWK of an Ed25519 public key (RFC 8037 §2)."""
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return {"kty": "OKP", "crv": "Ed25519", "x": b64url(raw)}


def jwk_thumbprint(jwk: dict[str, str]) -> str:
    """RFC 7638 thumbprint: SHA-256 of the required members in lexical order."""
    required = {name: jwk[name] for name in ("crv", "kty", "x")}
    canonical = json.dumps(required, separators=(",", ":"), sort_keys=True)
    return b64url(hashlib.sha256(canonical.encode()).digest())
