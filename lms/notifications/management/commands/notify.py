"""`lms notify daily`: the day's reminders and the trainers' digest (run it once a
day from cron or a systemd timer; the e-mails go out from `lms db_worker`)."""

from django.core.management.base import BaseCommand, CommandError

from lms.notifications.daily import notify_daily


class Command(BaseCommand):
    help = "Send the daily notifications (due soon, overdue, expiring, digest)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", metavar="ACTION")
        actions.add_parser(
            "daily",
            help="Due in 3 days, overdue, expiring certificates, review digest.",
        )

    def handle(self, *args, action=None, **options):
        if action != "daily":
            raise CommandError("Say what to do: lms notify daily")
        self.stdout.write(notify_daily().summary())
