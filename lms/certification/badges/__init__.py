"""Certificates as Open Badges 3.0 credentials (W3C Verifiable Credentials 2.0).

Each certificate can be downloaded as a signed JWT-VC (EdDSA / Ed25519, the
issuer's key from LMS_BADGE_SIGNING_KEY). The issuer profile, its public key
(JWKS) and a revocation status list (BitstringStatusList) are public URLs under
/verify/badges/, so any verifier can check a credential without us.

- jws.py: compact JWS signing (pure, `cryptography` only)
- keys.py: the signing key from settings, its public JWK and key id
- status_list.py: the bitstring encoding (pure)
- credentials.py: the credential, status list and issuer profile documents
- views.py: the public URLs (lms/certification/verify_urls.py)
"""
