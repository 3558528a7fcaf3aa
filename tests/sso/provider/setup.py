"""Prepares the test provider's database: `python -m tests.sso.provider.setup`
with PROVIDER_DIR, PROVIDER_RSA_KEY, PROVIDER_REDIRECT_URI, PROVIDER_CLIENT_ID
and PROVIDER_CLIENT_SECRET set. Migrates, adds people.json's people and the
academy as a confidential client that must ask for consent."""

import os

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.sso.provider.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from oauth2_provider.models import Application

    from tests.sso.provider.claims import people

    call_command("migrate", verbosity=0)
    User = get_user_model()
    for username, person in people().items():
        user = User(username=username, email=person.get("email", ""))
        user.set_password(person["password"])
        user.save()
    Application.objects.create(
        name="客服学院",
        client_id=os.environ["PROVIDER_CLIENT_ID"],
        client_secret=os.environ["PROVIDER_CLIENT_SECRET"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=os.environ["PROVIDER_REDIRECT_URI"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=False,
    )


if __name__ == "__main__":
    main()
