"""`lms quizzes import PATH... [--check] [--force] [--skip-unsupported]`,
`lms quizzes export --format gift|xml BANK`, `lms quizzes close-expired`."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lms.quizzes.attempts import attempt_close_overdue
from lms.quizzes.exporting import bank_export
from lms.quizzes.importing import QuizImportError, quizzes_import, read_sources
from lms.quizzes.models import QuestionBank


class Command(BaseCommand):
    help = "Import question banks and quizzes, export banks as GIFT or Moodle XML."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        importer = actions.add_parser("import", help="YAML, GIFT or Moodle XML files.")
        importer.add_argument("paths", nargs="*")
        importer.add_argument("--check", action="store_true", help="Validate only.")
        importer.add_argument(
            "--force",
            action="store_true",
            help="Overwrite questions edited in the admin since their last import.",
        )
        importer.add_argument(
            "--skip-unsupported",
            action="store_true",
            help="Import the other questions of a GIFT or Moodle XML file that holds "
            "questions the academy cannot grade (essays, descriptions, ...), and "
            "list those as path:line: why.",
        )
        exporter = actions.add_parser("export", help="Write a bank as GIFT or XML.")
        exporter.add_argument("bank")
        exporter.add_argument("--format", choices=["gift", "xml"], default="gift")
        exporter.add_argument("-o", "--output", help="File to write (default stdout).")
        actions.add_parser("close-expired", help="Grade attempts past their deadline.")

    def handle(self, *args, action, **options):
        if action == "import":
            return self.do_import(options)
        if action == "export":
            return self.do_export(options)
        count = attempt_close_overdue()
        self.stdout.write(f"{count} overdue attempt(s) graded")

    def do_import(self, options):
        paths = [Path(p) for p in options["paths"]] or [settings.BASE_DIR / "quizzes"]
        try:
            skip = options["skip_unsupported"]
            if options["check"]:
                sources = read_sources(paths, skip_unsupported=skip)
                self.report_unsupported(sources.unsupported)
                count = sum(len(bank.questions) for bank in sources.banks)
                self.stdout.write(
                    f"{len(sources.banks)} banks, {count} questions, "
                    f"{len(sources.quizzes)} quizzes checked"
                )
                return
            report = quizzes_import(
                paths=paths, force=options["force"], skip_unsupported=skip
            )
        except QuizImportError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(error.problems)} problem(s); nothing was imported", returncode=1
            ) from error
        self.report_unsupported(report.unsupported)
        for key in report.skipped:
            self.stderr.write(
                f"{key}: skipped, edited in the admin since its last import "
                "(use --force to overwrite)"
            )
        self.stdout.write(report.summary())

    def report_unsupported(self, problems):
        for problem in problems:
            self.stderr.write(f"{problem} (skipped)")

    def do_export(self, options):
        try:
            result = bank_export(slug=options["bank"], file_format=options["format"])
        except QuestionBank.DoesNotExist as error:
            raise CommandError(f"no question bank {options['bank']!r}") from error
        for skipped in result.skipped:
            self.stderr.write(f"skipped {skipped.id}: {skipped.reason}")
        if options["output"]:
            Path(options["output"]).write_text(result.text, encoding="utf-8")
            self.stdout.write(f"wrote {options['output']}")
        else:
            self.stdout.write(result.text, ending="")
