"""The rule linter's second opinion, learned from replies trainers labelled.

Concept rules (rules.py) quote the exact words that break a rule, but every new
writer brings wordings no concept lists. This classifier reads character
n-grams of the normalised reply (so spacing, full-width and traditional-script
dodges are already undone) with a logistic model trained on the labelled replies in
``content/drills/rule-examples/*.csv`` (``reply,category`` columns). It flags a
reply when it is at least ``threshold`` sure that the reply breaks some rule,
and names the rule whose category scored highest.

It never overrides the concept rules: a reply they flag keeps their findings
(with quotes); the classifier speaks only when they are silent. Pure module:
scikit-learn, no Django.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from threading import Lock

from lms.drills.judging.normalise import normalise

CLEAN = "none"
# n-grams of 1–3 characters of the normalised reply; no word segmentation, so
# slang, homophones and typos still share most of their n-grams.
NGRAMS = (1, 3)
REGULARISATION = 2e-5


@dataclass(frozen=True, slots=True)
class Example:
    reply: str
    category: str
    path: str = ""
    line: int = 0


@dataclass(frozen=True, eq=False)
class LearnedRule:
    """Rules.yaml's ``learned:`` section: examples, threshold, category → rule."""

    examples: tuple[Example, ...]
    threshold: float
    # category → the rule a finding in that category is reported as
    targets: tuple[tuple[str, object], ...]
    fingerprint: str = field(default="")

    def __post_init__(self) -> None:
        if not self.fingerprint:
            digest = hashlib.sha256()
            for example in self.examples:
                digest.update(f"{example.category}\t{example.reply}\n".encode())
            object.__setattr__(self, "fingerprint", digest.hexdigest()[:16])

    def __hash__(self) -> int:
        return hash((self.fingerprint, self.threshold))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LearnedRule) and (
            self.fingerprint,
            self.threshold,
            self.targets,
        ) == (other.fingerprint, other.threshold, other.targets)

    @property
    def id(self) -> str:
        return "learned"

    def rule_for(self, category: str):
        return dict(self.targets).get(category)


class Classifier:
    """Character n-gram TF-IDF and a multinomial logistic regression."""

    def __init__(self, examples: Sequence[Example]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import SGDClassifier
        from sklearn.pipeline import make_pipeline

        # Logistic loss by stochastic gradient descent: trains in well under a
        # second (lbfgs took 10-20 s on a busy 2-core machine) with a fixed seed,
        # so the same examples always give the same model.
        self.pipeline = make_pipeline(
            TfidfVectorizer(analyzer="char", ngram_range=NGRAMS, sublinear_tf=True),
            SGDClassifier(
                loss="log_loss",
                alpha=REGULARISATION,
                class_weight="balanced",
                max_iter=50,
                tol=None,
                random_state=0,
            ),
        )
        self.pipeline.fit(
            [prepared(e.reply) for e in examples], [e.category for e in examples]
        )
        self.classes = list(self.pipeline.classes_)

    def judge(self, reply: str) -> tuple[str, float]:
        """(most likely violated category, probability that some rule is broken)."""
        probabilities = self.pipeline.predict_proba([prepared(reply)])[0]
        by_class = dict(zip(self.classes, probabilities, strict=True))
        clean = by_class.pop(CLEAN, 0.0)
        if not by_class:
            return CLEAN, 0.0
        category = max(by_class, key=by_class.get)
        return category, 1.0 - clean


def prepared(reply: str) -> str:
    return normalise(reply or "").text


_models: dict[str, Classifier] = {}
_lock = Lock()


def classifier_for(rule: LearnedRule) -> Classifier:
    """Train once per process and set of examples (about a second)."""
    with _lock:
        model = _models.get(rule.fingerprint)
        if model is None:
            model = _models[rule.fingerprint] = Classifier(rule.examples)
        return model


def read_examples(
    paths: Iterable[Path],
) -> tuple[list[Example], list[tuple[str, int, str]]]:
    """Labelled replies from CSV files with ``reply`` and ``category`` columns.

    Returns the examples and problems as ``(path, line, message)``.
    """
    examples: list[Example] = []
    problems: list[tuple[str, int, str]] = []
    for path in paths:
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle)
                missing = {"reply", "category"} - set(reader.fieldnames or ())
                if missing:
                    columns = ", ".join(sorted(missing))
                    message = (
                        f"needs the columns reply and category (missing: {columns})"
                    )
                    problems.append((str(path), 1, message))
                    continue
                for row in reader:
                    line = reader.line_num
                    reply = (row.get("reply") or "").strip()
                    category = (row.get("category") or "").strip()
                    if not reply or not category:
                        problems.append((str(path), line, "empty reply or category"))
                        continue
                    examples.append(Example(reply, category, str(path), line))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            problems.append((str(path), 1, f"cannot read: {exc}"))
    return examples, problems
