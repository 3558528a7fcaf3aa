"""quizzes/ (YAML banks, quizzes.yaml, GIFT and Moodle XML files) → the database.

A file's format is told by its content (``formats.detect``): Moodle's GIFT
download is a ``.txt``. With ``skip_unsupported`` the questions the academy
cannot hold (essays, descriptions, ...) are left out and reported instead of
refusing their file.

One transaction: a failed import writes nothing. Questions are keyed by their
stable id, banks and quizzes by slug, so importing again updates in place;
unchanged questions (same content hash) are not touched. Questions that have
left their bank's file are deactivated, never deleted: attempts refer to them.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from lms.courses.models import CoursePage, LessonPage

from .embedded_images import question_with_images
from .formats.detect import SCANNED_SUFFIXES, detect_format
from .formats.gift import load_gift_bank
from .formats.moodle_xml import load_moodle_xml_bank
from .formats.yaml import (
    QUIZZES_FILE,
    BankError,
    bank_duplicates,
    check_lesson_refs,
    load_bank,
    load_quiz_definitions,
)
from .models import (
    Question,
    QuestionBank,
    QuestionCategory,
    Quiz,
    QuizFixedQuestion,
    QuizRandomDraw,
)
from .questions import Bank, Problem, QuizDefinition, QuizSourceError
from .serialization import question_to_data
from .storage_check import storage_problems


class QuizImportError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")


@dataclass
class QuizImportReport:
    banks: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    quizzes: int = 0
    skipped: list[str] = field(default_factory=list)  # edited in the admin
    #: Questions left out with --skip-unsupported, as ``path:line: why``.
    unsupported: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"{self.banks} banks, {self.quizzes} quizzes; questions: "
            f"{self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.deactivated} deactivated, "
            f"{len(self.skipped)} skipped"
        )
        if self.unsupported:
            text += f", {len(self.unsupported)} unsupported left out"
        return text


@dataclass
class QuizSources:
    banks: list[Bank]
    quizzes: list[QuizDefinition]

    @property
    def unsupported(self) -> list[Problem]:
        return [problem for bank in self.banks for problem in bank.skipped]


def collect_files(paths: list[Path]) -> list[Path]:
    """The files named, and in each directory named its quiz files (a .txt only
    when it reads as GIFT, so notes beside the banks are left alone)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.is_file()
                    and p.suffix.lower() in SCANNED_SUFFIXES
                    and (p.suffix.lower() != ".txt" or detect_format(p) == "gift")
                )
            )
        else:
            files.append(path)
    return files


_EXPORT_HEADER = re.compile(
    r"^// (?P<title>.+) \[(?P<slug>[a-z0-9-]+)\]: exported from"
)


def gift_bank_name(path: Path) -> tuple[str, str]:
    """(slug, title) of a GIFT file: from our export header, else the file name."""
    with path.open("rb") as handle:
        first = handle.readline().decode("utf-8", "replace").lstrip("\ufeff")
    match = _EXPORT_HEADER.match(first.strip())
    if match:
        return match["slug"], match["title"]
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "gift"
    return slug, path.stem


def known_lessons() -> set[str]:
    refs = set()
    for url_path in LessonPage.objects.values_list("url_path", flat=True):
        parts = url_path.strip("/").split("/")
        if len(parts) >= 2:
            refs.add("/".join(parts[-2:]))
    return refs


def read_sources(
    paths: list[Path], *, check_lessons: bool = True, skip_unsupported: bool = False
) -> QuizSources:
    """Parse and check every file; raise QuizImportError with all problems."""
    problems: list[Problem] = []
    banks: list[Bank] = []
    quiz_files: list[Path] = []
    for path in collect_files(paths):
        if not path.exists():
            problems.append(Problem(str(path), None, "file not found"))
            continue
        try:
            kind = None if path.is_dir() else detect_format(path)
            if path.name == QUIZZES_FILE:
                quiz_files.append(path)
            elif kind == "gift":
                slug, title = gift_bank_name(path)
                banks.append(
                    load_gift_bank(
                        path, slug=slug, title=title, skip_unsupported=skip_unsupported
                    )
                )
            elif kind == "moodle_xml":
                slug = path.stem.lower().replace("_", "-")
                banks.append(
                    load_moodle_xml_bank(
                        path,
                        slug=slug,
                        title=path.stem,
                        skip_unsupported=skip_unsupported,
                    )
                )
            elif kind == "yaml":
                banks.append(load_bank(path))
            else:
                problems.append(
                    Problem(
                        str(path),
                        None,
                        "not a quiz file: neither a YAML bank (.yaml) nor Moodle "
                        "XML nor GIFT text (no {...} answer block found)",
                    )
                )
        except QuizSourceError as error:
            problems.extend(error.problems)
    problems.extend(bank_duplicates(banks))
    problems.extend(storage_problems(banks))
    if check_lessons:
        lessons = known_lessons()
        if lessons:  # courses imported: every question must point at a real lesson
            problems.extend(check_lesson_refs(banks, lessons))
    quizzes: list[QuizDefinition] = []
    if not problems:
        all_banks = banks + existing_banks(exclude={b.slug for b in banks})
        for quiz_file in quiz_files:
            try:
                quizzes.extend(load_quiz_definitions(quiz_file, all_banks))
            except BankError as error:
                problems.extend(error.problems)
        problems.extend(storage_problems((), quizzes))
    if problems:
        raise QuizImportError(problems)
    return QuizSources(banks=banks, quizzes=quizzes)


def existing_banks(*, exclude: set[str]) -> list[Bank]:
    """Banks already in the database, so quiz files may refer to them."""
    from .questions import Category
    from .serialization import question_from_data

    banks = []
    for bank in QuestionBank.objects.exclude(slug__in=exclude).prefetch_related(
        "categories", "questions"
    ):
        banks.append(
            Bank(
                slug=bank.slug,
                title=bank.title,
                categories=tuple(
                    Category(c.slug, c.title) for c in bank.categories.all()
                ),
                questions=tuple(
                    question_from_data(q.data)
                    for q in bank.questions.all()
                    if q.is_active
                ),
            )
        )
    return banks


def quizzes_import(
    *, paths: list[Path], force: bool = False, skip_unsupported: bool = False
) -> QuizImportReport:
    """Import; questions edited in the admin since their import are skipped
    (and reported) unless `force` is set, so trainers' work is never lost."""
    sources = read_sources(paths, skip_unsupported=skip_unsupported)
    with transaction.atomic():
        report = _Importer(force=force).run(sources)
    report.unsupported = sources.unsupported
    return report


def course_by_slug(slug: str | None) -> CoursePage | None:
    if not slug:
        return None
    return CoursePage.objects.filter(slug=slug).first()


def data_hash(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Importer:
    def __init__(self, *, force: bool = False):
        self.report = QuizImportReport()
        self.force = force

    def run(self, sources: QuizSources) -> QuizImportReport:
        for bank in sources.banks:
            self.import_bank(bank)
        for definition in sources.quizzes:
            self.import_quiz(definition)
        return self.report

    def import_bank(self, bank: Bank) -> None:
        record, _ = QuestionBank.objects.update_or_create(
            slug=bank.slug,
            defaults={
                "title": bank.title,
                "course": course_by_slug(bank.course),
                "source_path": bank.source or "",
            },
        )
        categories = {}
        for category in bank.categories:
            categories[category.id], _ = QuestionCategory.objects.update_or_create(
                bank=record, slug=category.id, defaults={"title": category.title}
            )
        existing = {
            q.qid: q for q in Question.objects.filter(qid__in=bank.question_ids())
        }
        seen = set()
        for question in bank.questions:
            seen.add(question.id)
            question = question_with_images(question)
            data = question_to_data(question)
            digest = data_hash(data)
            fields = {
                "bank": record,
                "category": categories.get(question.category),
                "type": question.type,
                "stem": question.stem,
                "explanation": question.explanation,
                "difficulty": question.difficulty or "",
                "tags": ", ".join(question.tags),
                "lesson_ref": question.lesson or "",
                "data": data,
                "content_hash": digest,
                "imported_hash": digest,
                "is_active": True,
            }
            current = existing.get(question.id)
            if current is None:
                Question.objects.create(qid=question.id, **fields)
                self.report.created += 1
            elif (
                current.imported_hash == digest
                and not current.edited_since_import
                and current.is_active
                and current.bank_id == record.id
            ):
                self.report.unchanged += 1
            elif (
                current.edited_since_import and current.imported_hash and not self.force
            ):
                self.report.skipped.append(f"{bank.source}: {question.id}")
            else:
                for name, value in fields.items():
                    setattr(current, name, value)
                current.save()
                self.report.updated += 1
        # A YAML file is the whole bank; GIFT and Moodle XML cannot express every
        # type (ordering), so questions missing from them are left alone.
        if (bank.source or "").endswith((".yaml", ".yml")):
            # Questions made in the admin (never imported) stay as they are.
            self.report.deactivated += (
                Question.objects.filter(bank=record, is_active=True)
                .exclude(qid__in=seen)
                .exclude(imported_hash="")
                .update(is_active=False)
            )
        self.report.banks += 1

    def import_quiz(self, definition: QuizDefinition) -> None:
        quiz, _ = Quiz.objects.update_or_create(
            slug=definition.id,
            defaults={
                "title": definition.title,
                "intro": definition.intro,
                "course": course_by_slug(definition.course),
                "pass_mark": definition.pass_mark,
                "time_limit_minutes": definition.time_limit_minutes,
                "attempts_allowed": definition.attempts_allowed,
                "cooldown_hours": definition.cooldown_hours,
                "shuffle_questions": definition.shuffle_questions,
                "shuffle_options": definition.shuffle_options,
                "review_policy": definition.review,
                "source_path": definition.source or "",
                "is_active": True,
            },
        )
        wanted_fixed = list(definition.questions)
        current_fixed = list(
            quiz.fixed_questions.values_list("question__qid", flat=True)
        )
        if current_fixed != wanted_fixed:
            quiz.fixed_questions.all().delete()
            questions = {
                q.qid: q for q in Question.objects.filter(qid__in=wanted_fixed)
            }
            QuizFixedQuestion.objects.bulk_create(
                QuizFixedQuestion(quiz=quiz, question=questions[qid], sort_order=i)
                for i, qid in enumerate(wanted_fixed)
            )
        wanted_draws = [(d.bank, d.category, d.count) for d in definition.random]
        current_draws = [
            (d.bank.slug, d.category.slug if d.category else None, d.count)
            for d in quiz.random_draws.select_related("bank", "category")
        ]
        if current_draws != wanted_draws:
            quiz.random_draws.all().delete()
            for i, (bank_slug, category_slug, count) in enumerate(wanted_draws):
                bank = QuestionBank.objects.get(slug=bank_slug)
                category = (
                    QuestionCategory.objects.get(bank=bank, slug=category_slug)
                    if category_slug
                    else None
                )
                QuizRandomDraw.objects.create(
                    quiz=quiz, bank=bank, category=category, count=count, sort_order=i
                )
        self.report.quizzes += 1
