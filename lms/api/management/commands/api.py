"""``lms api token USER | tokens | revoke PREFIX``: HR API keys, over tokens.py."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from lms.api.models import ApiToken
from lms.api.tokens import TokenError, token_create, token_revoke


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "-"


class Command(BaseCommand):
    help = "Make, list and revoke tokens for the HR read API (/api/)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        make = actions.add_parser(
            "token", help="Make a token for an HR user; the key is printed once."
        )
        make.add_argument("username")
        make.add_argument("--name", default="", help="what the token is for")
        actions.add_parser("tokens", help="List tokens (never their keys).")
        revoke = actions.add_parser("revoke", help="Revoke a token by its prefix.")
        revoke.add_argument("prefix", help="the start of the key, as `tokens` shows")

    def handle(self, *args, action: str, **options) -> None:
        if action == "token":
            self.make(options["username"], options["name"])
        elif action == "tokens":
            self.list()
        elif action == "revoke":
            self.revoke(options["prefix"])

    def make(self, username: str, name: str) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user {username!r}")
        try:
            token, key = token_create(user=user, name=name)
        except TokenError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(
            f"token {token.prefix}… for {user.get_username()} ({token.name}); "
            "keep the key now, it is not shown again:"
        )
        self.stdout.write(key)

    def list(self) -> None:
        self.stdout.write("prefix\tuser\tname\tcreated\tlast used\trevoked")
        for token in ApiToken.objects.select_related("user"):
            self.stdout.write(
                "\t".join(
                    [
                        token.prefix,
                        token.user.get_username(),
                        token.name,
                        _when(token.created_at),
                        _when(token.last_used_at),
                        _when(token.revoked_at),
                    ]
                )
            )

    def revoke(self, prefix: str) -> None:
        matches = list(ApiToken.objects.active().filter(prefix__startswith=prefix))
        if not prefix or len(matches) != 1:
            raise CommandError(
                f"{len(matches)} active tokens start with {prefix!r}: give one prefix "
                "exactly as `lms api tokens` shows it"
            )
        token_revoke(token=matches[0])
        self.stderr.write(f"revoked {matches[0].prefix}…")
