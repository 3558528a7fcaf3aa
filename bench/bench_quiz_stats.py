"""How long a quiz's item statistics take: the final exam with 1,000 finished attempts.

    .venv/bin/python bench/bench_quiz_stats.py [--attempts 1000]

Runs against a fresh SQLite database in a temporary folder (or the database in
DATABASE_URL when set). Imports the real banks in quizzes/, then starts
`--attempts` attempts at 客服上岗考试 (40 questions drawn at random from every
bank) through the attempt service, so every attempt holds its own 40 question
snapshots. The answers are then written in bulk: each learner gets an ability
between 0.3 and 0.95 and answers each question correctly with that probability;
the chosen option is recorded for choice and true/false questions. Figures:

- `quiz_stats` (facility, discrimination over the top and bottom 27 %, option
  counts, score distribution, pass rate): median of 5 and its query count;
- the trainer's statistics page in the Wagtail admin (template included).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from benchenv import ROOT, setup_django  # first: puts the repository on sys.path


def synthetic_response(snapshot: dict, correct: bool, rng: random.Random):
    """A response shaped like the learner's, for the option counts."""
    kind = snapshot.get("type")
    if kind == "truefalse":
        answer = bool(snapshot.get("answer"))
        return answer if correct else not answer
    options = snapshot.get("options") or []
    if not options:
        return None
    keys = [str(option.get("key", index)) for index, option in enumerate(options)]
    right = [
        key for key, option in zip(keys, options, strict=True) if option.get("correct")
    ]
    wrong = [key for key in keys if key not in right] or keys
    if kind == "multichoice":
        return right if correct else rng.sample(wrong, 1)
    return (right or keys)[0] if correct else rng.choice(wrong)


def build_attempts(count: int) -> int:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from lms.quizzes.attempts import attempt_start
    from lms.quizzes.importing import quizzes_import
    from lms.quizzes.models import Attempt, AttemptQuestion, Quiz

    quizzes_import(paths=[ROOT / "quizzes"])
    quiz = Quiz.objects.get(slug="final-exam")
    user_model = get_user_model()
    users = user_model.objects.bulk_create(
        user_model(username=f"bench{index:05d}", display_name=f"学员{index}")
        for index in range(count)
    )
    rng = random.Random(2026)
    started = time.perf_counter()
    for user in users:
        attempt = attempt_start(user=user, quiz=quiz, rng=rng)
        ability = rng.uniform(0.3, 0.95)
        items = list(attempt.items.all())
        for item in items:
            item.correct = rng.random() < ability
            item.fraction = 1.0 if item.correct else 0.0
            item.response = synthetic_response(item.snapshot, item.correct, rng)
            item.answered_at = timezone.now()
        AttemptQuestion.objects.bulk_update(
            items, ["correct", "fraction", "response", "answered_at"]
        )
        score = 100 * sum(item.fraction for item in items) / len(items)
        Attempt.objects.filter(pk=attempt.pk).update(
            status="submitted",
            submitted_at=timezone.now(),
            score=score,
            passed=score >= attempt.pass_mark,
        )
    print(f"{count} attempts built in {time.perf_counter() - started:.1f} s")
    return quiz.pk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=1000)
    args = parser.parse_args()
    setup_django()

    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from lms.quizzes.models import AttemptQuestion, Quiz
    from lms.quizzes.stats import quiz_stats

    quiz = Quiz.objects.get(pk=build_attempts(args.attempts))
    rows = AttemptQuestion.objects.filter(attempt__quiz=quiz).count()

    def measure(action, runs: int = 5):
        """Median milliseconds and query count of ``action``, and its result."""
        times = []
        for _ in range(runs):
            reset_queries()  # building the attempts overflowed Django's query log
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                result = action()
                times.append(time.perf_counter() - start)
        return statistics.median(times) * 1000, len(queries.captured_queries), result

    median_ms, query_count, stats = measure(lambda: quiz_stats(quiz=quiz))
    print(
        f"quiz_stats: {stats.attempts} attempts, {rows} answer rows, "
        f"{len(stats.questions)} questions: median {median_ms:.0f} ms, "
        f"{query_count} queries"
    )

    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("bench-admin", password="x")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)
    url = reverse("quiz_quizzes:stats", args=(quiz.pk,))
    client.get(url)  # warm the per-process caches
    median_ms, query_count, response = measure(lambda: client.get(url))
    assert response.status_code == 200, response.status_code
    print(f"statistics page: median {median_ms:.0f} ms, {query_count} queries")


if __name__ == "__main__":
    main()
