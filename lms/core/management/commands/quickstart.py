"""`lms quickstart`: everything the demo needs, then serve it. Safe to run twice."""

import importlib

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from lms.accounts.demo import ensure_demo_accounts
from lms.accounts.roles import sync_page_permissions
from lms.core import fresh_db, serving
from lms.core.terminal import table
from lms.courses.site_tree import ensure_site_tree

QUICKSTART_APPS = [
    "lms.courses",
    "lms.quizzes",
    "lms.drills",
    "lms.certification",
    "lms.reports",
    "lms.accounts",  # the sample new-hire file (content/people/), after the demo teams
    "lms.assignments",  # after the demo cohort it assigns to
]


class Command(BaseCommand):
    help = "Set up the database, page tree, content and demo accounts, then serve."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--no-serve", action="store_true", help="Stop after the set-up."
        )

    def handle(self, *args, port: int, no_serve: bool, **options):
        verbosity = options["verbosity"]
        # Before anything starts: a busy port would otherwise fail after the set-up.
        problem = None if no_serve else serving.port_problem(port)
        if problem:
            raise CommandError(
                f"{problem} Stop whatever uses it, or choose another port: "
                f"lms quickstart --port {port + 1} (make demo PORT={port + 1})."
            )
        self.step("数据库迁移 / migrating the database")
        empty = fresh_db.is_empty()
        copied = empty and fresh_db.start_from_template()
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        if empty and not copied:
            fresh_db.keep_template()
        self.step("页面树 / page tree")
        ensure_site_tree()
        sync_page_permissions()
        # Accounts first: the assignments step gives the demo learner's cohort work.
        accounts = ensure_demo_accounts(settings.VAR_DIR / "demo-accounts.json")
        for name, step in self.content_steps():
            self.step(name)
            step()
        self.step("演示账号 / demo accounts")
        self.print_accounts(accounts)
        if no_serve:
            return
        # The web server and the background-task worker (exports, expiry).
        status = serving.serve(port=port, on_ready=lambda: self.announce(port))
        if status:
            raise CommandError(
                f"The server or the task worker stopped (exit status {status}); "
                "the other one was stopped too."
            )

    def announce(self, port: int) -> None:
        url = serving.base_url(port)
        self.stdout.write(self.style.SUCCESS(f"\n打开 / open {url}/\n"))

    def content_steps(self):
        """Each capability's set-up steps, in dependency order.

        An app contributes by defining `quickstart_steps(base_dir)` in its
        `setup` module: a list of (label, callable) whose callable returns a
        one-line summary.
        """
        steps = []
        for app in QUICKSTART_APPS:
            try:
                module = importlib.import_module(f"{app}.setup")
            except ModuleNotFoundError as error:
                if error.name != f"{app}.setup":
                    raise
                continue
            for label, run in module.quickstart_steps(settings.BASE_DIR):
                steps.append((label, lambda run=run: self.stdout.write(f"  {run()}")))
        return steps

    def step(self, name: str) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING(f"→ {name}"))

    def print_accounts(self, accounts) -> None:
        self.stdout.write("")
        rows = [("用户名 username", "角色 role", "密码 password")]
        for account, password in accounts:
            role = account.role or "管理员 admin"
            rows.append(
                (account.username, role, password or "(已修改 / changed by its owner)")
            )
        for line in table(rows, indent="  "):
            self.stdout.write(line)
        self.stdout.write("  (保存在 / kept in var/demo-accounts.json)")
