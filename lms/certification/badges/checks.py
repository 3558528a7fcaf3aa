"""`lms check`: a site without a badge signing key cannot hand out Open Badges."""

from django.core import checks

from .keys import BadgeKeyError, parse_signing_key


@checks.register("certification")
def badge_signing_key(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from django.conf import settings

    text = getattr(settings, "LMS_BADGE_SIGNING_KEY", "")
    if not (text or "").strip():
        return [
            checks.Warning(
                "LMS_BADGE_SIGNING_KEY is not set: certificates cannot be "
                "downloaded as Open Badges (the download answers 503).",
                hint="Set it to an Ed25519 private key (PEM) or a base64 32-byte "
                'seed, e.g. python -c "import base64,os;'
                'print(base64.b64encode(os.urandom(32)).decode())".',
                id="certification.W010",
            )
        ]
    try:
        parse_signing_key(text)
    except BadgeKeyError as exc:
        return [checks.Error(str(exc), id="certification.E010")]
    return []
