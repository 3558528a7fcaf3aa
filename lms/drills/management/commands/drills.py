"""``lms drills check|score|lint|calibrate|evaluate|load`` — thin over the modules."""

from __future__ import annotations

import json
import sys
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
from lms.drills.checking import RULES_FILE, check_path
from lms.drills.csvio import (
    CsvFormatError,
    csv_header,
    read_lint_cases,
    read_replies,
    read_reply_texts,
    read_scenario_graded,
    write_lint,
    write_scores,
)
from lms.drills.evaluation import EvaluationError, evaluate_graded, evaluate_lint
from lms.drills.judging.learned import LearnedRule
from lms.drills.judging.rules import Finding, Rule, highest_severity, lint_reply
from lms.drills.judging.scoring import get_scorer
from lms.drills.library import load_library, rules_file_for
from lms.drills.loading import DrillLoadError, drills_load
from lms.drills.rules_file import load_rules
from lms.drills.scenario import load_scenario
from lms.drills.validation import InvalidData

DEFAULT_PATH = "content/drills"


def _default_root() -> Path:
    here = Path(DEFAULT_PATH)
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[4] / DEFAULT_PATH


def _project_rules() -> Path:
    return _default_root() / RULES_FILE


def _rules_options(parser: CommandParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--rules",
        metavar="PATH",
        help=f"platform rules file (default: the project's {DEFAULT_PATH}/{RULES_FILE},"
        " or the one beside the scenarios)",
    )
    group.add_argument(
        "--no-rules", action="store_true", help="judge without platform rules"
    )


class Command(BaseCommand):
    help = "Check, score, lint, calibrate, evaluate and load chat-drill scenarios."
    # call_command(..., stdin=StringIO) in tests; sys.stdin otherwise.
    stealth_options = ("stdin",)

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
        _rules_options(score)

        lint = actions.add_parser(
            "lint", help="Check replies against the platform rules alone."
        )
        lint.add_argument("text", nargs="?", help="one reply to check")
        lint.add_argument(
            "--replies", metavar="FILE", help="CSV with a reply column ('-': stdin)"
        )
        lint.add_argument("--json", action="store_true", help="JSON instead of CSV")
        lint.add_argument(
            "--rules",
            metavar="PATH",
            help=f"rules file (default: the project's {DEFAULT_PATH}/{RULES_FILE})",
        )

        cal = actions.add_parser(
            "calibrate", help="Compare scores with trainer-graded samples."
        )
        cal.add_argument("path", nargs="?", help=f"drills folder ({DEFAULT_PATH})")
        cal.add_argument(
            "--show", action="store_true", help="list samples off by 2+ grades"
        )

        ev = actions.add_parser(
            "evaluate",
            help="Measure agreement with a graded set "
            "(scenario,turn,grade,reply) or linter cases (reply,category,severity).",
        )
        ev.add_argument("path", help="the evaluation CSV ('-': stdin)")
        ev.add_argument(
            "--scenarios",
            metavar="DIR",
            help=f"folder with the scenarios, found by id ({DEFAULT_PATH})",
        )
        ev.add_argument(
            "--judge",
            action="store_true",
            help="also ask the LLM judge (LMS_LLM_JUDGE_URL, LMS_LLM_JUDGE_MODEL)",
        )
        ev.add_argument(
            "--show", type=int, default=0, metavar="N", help="list N worst cases"
        )
        ev.add_argument("--json", action="store_true", help="JSON output")
        _rules_options(ev)

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
            rules = self._rules_for(Path(options["scenario"]), options)
            self._score(options["scenario"], options["replies"], options["json"], rules)
        elif action == "lint":
            self._lint(options)
        elif action == "evaluate":
            self._evaluate(options)
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

    def _score(
        self,
        scenario_path: str,
        replies_path: str,
        as_json: bool,
        rules: tuple[Rule, ...],
    ) -> None:
        path = Path(scenario_path)
        try:
            scenario = load_scenario(path)
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

    def _read_rules(self, path: Path) -> tuple[Rule, ...]:
        try:
            rules = load_rules(path)
        except (InvalidData, OSError) as exc:
            raise CommandError(str(exc)) from None
        learned = [r for r in rules if isinstance(r, LearnedRule)]
        note = f" + {len(learned[0].examples)} labelled examples" if learned else ""
        self.stderr.write(f"rules: {path} ({len(rules) - len(learned)} rules{note})")
        return rules

    def _rules_for(self, near: Path, options: dict[str, Any]) -> tuple[Rule, ...]:
        """--rules, else the rules of ``near``'s folder, else the project's."""
        if options.get("no_rules"):
            self.stderr.write("rules: none (--no-rules)")
            return ()
        if options.get("rules"):
            return self._read_rules(Path(options["rules"]))
        found = rules_file_for(near, _default_root())
        if found is None:
            self.stderr.write(f"rules: none (no {RULES_FILE} found)")
            return ()
        return self._read_rules(found)

    def _read_text(self, name: str, stdin: Any = None) -> str:
        if name == "-":
            return (stdin or sys.stdin).read()
        try:
            return Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(str(exc)) from None

    def _lint(self, options: dict[str, Any]) -> None:
        text, replies = options.get("text"), options.get("replies")
        if (text is None) == (replies is None):
            raise CommandError("give one reply to check, or --replies FILE")
        rules = self._read_rules(
            Path(options["rules"]) if options.get("rules") else _project_rules()
        )
        if text is not None:
            texts = [text]
        else:
            source = self._read_text(replies, options.get("stdin"))
            try:
                texts = [reply for _line, reply in read_reply_texts(source)]
            except CsvFormatError as exc:
                raise CommandError(f"{replies}:{exc.line}: {exc.message}") from None
        linted = [(t, lint_reply(t, rules)) for t in texts]
        if options["json"]:
            data = [_lint_dict(t, found) for t, found in linted]
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        elif text is not None:
            self.stdout.write(_lint_text(linted[0][1]))
        else:
            self.stdout.write(write_lint(linted), ending="")

    def _evaluate(self, options: dict[str, Any]) -> None:
        path = options["path"]
        text = self._read_text(path, options.get("stdin"))
        header = set(csv_header(text))
        show = max(0, options["show"])
        folder = Path(options["scenarios"]) if options.get("scenarios") else None
        try:
            if {"scenario", "turn", "grade", "reply"} <= header:
                report = self._evaluate_graded(text, folder or _default_root(), options)
            elif {"reply", "category", "severity"} <= header:
                if options["judge"]:
                    raise CommandError("--judge applies to graded replies only")
                near = folder or (Path.cwd() if path == "-" else Path(path).parent)
                rules = self._rules_for(near / RULES_FILE, options)
                report = evaluate_lint(read_lint_cases(text), rules)
            else:
                raise CommandError(
                    f"{path}: the header must have scenario,turn,grade,reply "
                    "or reply,category,severity"
                )
        except (CsvFormatError, EvaluationError) as exc:
            raise CommandError(f"{path}:{exc.line}: {exc.message}") from None
        if options["json"]:
            data = report.to_dict(show)
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(report.format(show))

    def _evaluate_graded(self, text: str, folder: Path, options: dict[str, Any]):
        try:
            library = load_library(folder)
        except InvalidData as exc:
            raise CommandError(
                f"{exc}\nrun `lms drills check {folder}` first"
            ) from None
        rules = self._rules_for(folder / RULES_FILE, options)
        judge = self._judge() if options["judge"] else None
        rows = read_scenario_graded(text)
        report = evaluate_graded(rows, library.scenarios, rules, judge=judge)
        if report.fallbacks:
            self.stderr.write(
                f"LLM judge: {report.fallbacks} of {report.n} replies fell back to "
                "the rule score (timeout, HTTP error or bad JSON; see the log)"
            )
        return report

    def _judge(self):
        from django.core.exceptions import ImproperlyConfigured

        from lms.drills.sessions import llm_judge

        try:
            judge = llm_judge()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None
        if judge is None:
            raise CommandError(
                "--judge needs LMS_LLM_JUDGE_URL and LMS_LLM_JUDGE_MODEL to be set"
            )
        self.stderr.write(f"judge: {judge.name} at {judge.config.url}")
        return judge

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


def _lint_dict(reply: str, findings: list[Finding]) -> dict[str, Any]:
    return {
        "reply": reply,
        "severity": highest_severity(findings),
        "rules": [f.id for f in findings],
        "quotes": [q for f in findings for q in f.quotes],
        "findings": [f.to_dict() for f in findings],
    }


def _lint_text(findings: list[Finding]) -> str:
    if not findings:
        return "none: no rule broken"
    return "\n".join(
        f"{f.severity}: {f.id} {f.label} “{'、'.join(f.quotes)}” — {f.reason}"
        + (f" ({f.lesson})" if f.lesson else "")
        for f in findings
    )
