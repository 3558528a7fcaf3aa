"""``lms drills check|score|calibrate`` — thin wrapper over the pure modules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lms.drills.calibration import (
    SampleError,
    calibrate,
    disagreements,
    format_report,
    sample_files,
)
from lms.drills.checking import check_path
from lms.drills.csvio import CsvFormatError, read_replies, write_scores
from lms.drills.judging.scoring import get_scorer
from lms.drills.library import load_library, load_rules_near
from lms.drills.loading import DrillLoadError, drills_load
from lms.drills.scenario import load_scenario
from lms.drills.validation import InvalidData

DEFAULT_PATH = "content/drills"


def _default_root() -> Path:
    here = Path(DEFAULT_PATH)
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[4] / DEFAULT_PATH


class Command(BaseCommand):
    help = "Check, score, calibrate and load chat-drill scenarios."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        check = actions.add_parser(
            "check", help="Validate scenario, rules, phrase and sample files."
        )
        check.add_argument("path", nargs="?", help=f"file or folder ({DEFAULT_PATH})")

        score = actions.add_parser("score", help="Score replies from a CSV.")
        score.add_argument("scenario", help="scenario YAML file")
        score.add_argument(
            "--replies", required=True, help="CSV with turn,reply[,seconds]"
        )
        score.add_argument("--json", action="store_true", help="full results as JSON")

        cal = actions.add_parser(
            "calibrate", help="Compare scores with trainer-graded samples."
        )
        cal.add_argument("path", nargs="?", help=f"drills folder ({DEFAULT_PATH})")
        cal.add_argument(
            "--show", action="store_true", help="list samples off by 2+ grades"
        )

        load = actions.add_parser(
            "load", help="Load scenarios, rules and quick phrases into the database."
        )
        load.add_argument("path", nargs="?", help=f"drills folder ({DEFAULT_PATH})")
        load.add_argument(
            "--check", action="store_true", help="validate only; write nothing"
        )
        load.add_argument(
            "--force",
            action="store_true",
            help="overwrite scenarios edited in the admin since their last load",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "check" or (action == "load" and options.get("check")):
            self._check(options.get("path"))
        elif action == "load":
            self._load(options.get("path"), options.get("force", False))
        elif action == "score":
            self._score(options["scenario"], options["replies"], options["json"])
        else:
            self._calibrate(options.get("path"), options.get("show", False))

    def _check(self, path: str | None) -> None:
        report = check_path(Path(path) if path else _default_root())
        for problem in report.problems:
            self.stderr.write(problem.format())
        if not report.ok:
            raise CommandError(f"{len(report.problems)} problem(s)")
        self.stdout.write(f"{report.files} files OK")

    def _load(self, path: str | None, force: bool) -> None:
        root = Path(path) if path else _default_root()
        try:
            report = drills_load(root=root, force=force)
        except DrillLoadError as exc:
            for problem in exc.problems:
                self.stderr.write(problem.format())
            raise CommandError(
                f"{len(exc.problems)} problem(s); nothing was loaded"
            ) from None
        for sid in report.skipped:
            self.stderr.write(
                f"{sid}: skipped, edited in the admin since its last load "
                "(use --force to overwrite)"
            )
        self.stdout.write(report.summary())

    def _score(self, scenario_path: str, replies_path: str, as_json: bool) -> None:
        path = Path(scenario_path)
        try:
            scenario = load_scenario(path)
            rules = load_rules_near(path)
            rows = read_replies(Path(replies_path).read_text(encoding="utf-8"))
        except InvalidData as exc:
            raise CommandError(str(exc)) from None
        except CsvFormatError as exc:
            raise CommandError(f"{replies_path}:{exc.line}: {exc.message}") from None
        except OSError as exc:
            raise CommandError(str(exc)) from None
        for row in rows:
            if row.turn not in scenario.turn_ids:
                raise CommandError(
                    f"{replies_path}:{row.line}: unknown turn '{row.turn}' "
                    f"(scenario {scenario.id} has {', '.join(scenario.turn_ids)})"
                )
        scorer = get_scorer(scenario, rules)
        results = [scorer.score_turn(r.turn, r.reply, r.seconds) for r in rows]
        if as_json:
            drill = scorer.summarise(results)
            self.stdout.write(json.dumps(drill.to_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(write_scores(results), ending="")

    def _calibrate(self, path: str | None, show: bool) -> None:
        root = Path(path) if path else _default_root()
        try:
            library = load_library(root)
        except InvalidData as exc:
            raise CommandError(f"{exc}\nrun `lms drills check` first") from None
        files = sample_files(root, library.paths)
        if not files:
            raise CommandError(f"no graded samples under {root}")
        texts = {sid: p.read_text(encoding="utf-8") for sid, p in files.items()}
        try:
            per, overall = calibrate(
                list(library.scenarios.values()), texts, library.rules
            )
        except SampleError as exc:
            raise CommandError(
                f"{files[exc.scenario_id]}:{exc.line}: {exc.message}"
            ) from None
        self.stdout.write(format_report(per, overall))
        if show:
            for agreement in per:
                for sample in disagreements(agreement):
                    self.stdout.write(
                        f"{agreement.name}:{sample.row.line}: grade {sample.row.grade}"
                        f" vs {sample.predicted} (score {sample.result.score}) "
                        f"{sample.row.turn} {sample.row.reply}"
                    )
