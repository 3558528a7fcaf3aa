"""What the test provider says about each person: people.json in PROVIDER_DIR,
{username: {password, name, email, email_verified, employee_no}}."""

import json

from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator

CLAIMS = ("name", "email", "email_verified", "employee_no")


def people() -> dict:
    return json.loads((settings.DIR / "people.json").read_text(encoding="utf-8"))


class PeopleClaimsValidator(OAuth2Validator):
    # Every claim whatever the scope: the academy asks for openid profile email.
    oidc_claim_scope = None

    def get_additional_claims(self, request):
        person = people()[request.user.username]
        claims = {"preferred_username": request.user.username}
        claims.update({key: person[key] for key in CLAIMS if key in person})
        return claims
