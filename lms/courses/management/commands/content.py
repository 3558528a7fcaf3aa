"""`lms content import [PATH] [--check] [--force]`, `lms content export PATH` and
`lms content inventory` (the table kept in content/README.md)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lms.courses.exporting import content_export
from lms.courses.importing import ContentImportError, content_check, content_import
from lms.courses.inventory import count_inventory


class Command(BaseCommand):
    help = "Import course pages from content/ or export them back to files."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        importer = actions.add_parser("import", help="Create or update pages.")
        importer.add_argument("path", nargs="?", default=None)
        importer.add_argument(
            "--check", action="store_true", help="Validate only; write nothing."
        )
        importer.add_argument(
            "--force",
            action="store_true",
            help="Overwrite pages edited in the admin since their last import.",
        )
        exporter = actions.add_parser("export", help="Write pages back as files.")
        exporter.add_argument("path")
        actions.add_parser(
            "inventory", help="Count courses, lessons, questions, drills and samples."
        )

    def handle(self, *args, action, **options):
        if action == "inventory":
            inventory = count_inventory(Path(settings.BASE_DIR))
            self.stdout.write(inventory.as_markdown())
            return
        if action == "export":
            written = content_export(dest=Path(options["path"]))
            self.stdout.write(f"{len(written)} files written to {options['path']}")
            return
        root = Path(options["path"] or settings.BASE_DIR / "content")
        if options["check"]:
            courses, problems = content_check(root)
            self.print_problems(problems)
            lessons = sum(len(course.lessons) for course in courses)
            self.stdout.write(f"{len(courses)} courses, {lessons} lessons checked")
            if problems:
                raise CommandError(f"{len(problems)} problem(s)", returncode=1)
            return
        try:
            report = content_import(root=root, force=options["force"])
        except ContentImportError as error:
            self.print_problems(error.problems)
            raise CommandError(
                f"{len(error.problems)} problem(s); nothing was imported", returncode=1
            ) from error
        for key in report.skipped:
            self.stderr.write(
                f"{key}: skipped, edited in the admin since its last import "
                "(use --force to overwrite)"
            )
        self.stdout.write(report.summary())

    def print_problems(self, problems) -> None:
        for problem in problems:
            self.stderr.write(str(problem))
