"""Quiz statistics: facility, discrimination, option counts, score spread."""

import random
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from lms.accounts.roles import TRAINER
from lms.quizzes.attempts import attempt_answer, attempt_start, attempt_submit
from lms.quizzes.importing import quizzes_import
from lms.quizzes.models import Question, Quiz, QuizFixedQuestion
from lms.quizzes.stats import AttemptRow, extreme_groups, quiz_stats, summarise
from tests.factories import LearnerFactory

DATA = Path(__file__).parent / "data" / "admin"
QIDS = ["adm-001", "adm-002", "adm-003", "adm-004"]  # single, multiple, tf, short

# Responses by position (1–4); every question is worth 25 points.
HAND_BUILT = {
    "a1": ["a", ["a", "b"], False, "/"],  # 100
    "a2": ["a", ["a", "b"], False, "x"],  # 75
    "a3": ["a", ["a"], True, "/"],  # 50
    "a4": ["b", ["a", "c"], False, None],  # 25
    "a5": [None, None, True, None],  # 0
    "a6": ["c", ["a", "b"], True, "x"],  # 25
}


def make_quiz(slug: str = "stats-quiz", qids=QIDS) -> Quiz:
    if not Question.objects.filter(qid=qids[0]).exists():
        quizzes_import(paths=[DATA / "adm.yaml"])
    quiz = Quiz.objects.create(
        slug=slug,
        title="统计测验",
        pass_mark=60,
        shuffle_questions=False,
        shuffle_options=False,
    )
    for order, qid in enumerate(qids):
        QuizFixedQuestion.objects.create(
            quiz=quiz, question=Question.objects.get(qid=qid), sort_order=order
        )
    return quiz


def take(quiz: Quiz, user, responses: list, *, submit: bool = True):
    attempt = attempt_start(user=user, quiz=quiz, rng=random.Random(0))
    for position, response in enumerate(responses, start=1):
        if response is not None:
            attempt_answer(attempt=attempt, position=position, response=response)
    return attempt_submit(attempt=attempt) if submit else attempt


def take_many(quiz: Quiz, count: int, *, start: int = 0) -> None:
    """``count`` finished attempts by different learners, scores spread out."""
    patterns = list(HAND_BUILT.values())
    for index in range(start, start + count):
        learner = LearnerFactory(username=f"stat{index}")
        take(quiz, learner, patterns[index % len(patterns)])


@pytest.fixture
def hand_built(site_tree):
    quiz = make_quiz()
    attempts = {
        name: take(quiz, LearnerFactory(username=name), responses)
        for name, responses in HAND_BUILT.items()
    }
    # Still open: not counted.
    take(quiz, LearnerFactory(username="open"), ["b", None, None, None], submit=False)
    return quiz, attempts


def by_qid(stats):
    return {row.qid: row for row in stats.questions}


def test_the_hand_built_attempts_score_as_intended(hand_built):
    _quiz, attempts = hand_built
    scores = {name: attempt.score for name, attempt in attempts.items()}
    assert scores == {"a1": 100, "a2": 75, "a3": 50, "a4": 25, "a5": 0, "a6": 25}


def test_quiz_summary_counts_finished_attempts_only(hand_built):
    quiz, _attempts = hand_built
    stats = quiz_stats(quiz=quiz)
    assert stats.attempts == 6
    assert stats.passed == 2
    assert stats.pass_rate == pytest.approx(2 / 6)
    assert stats.mean == pytest.approx(275 / 6)
    assert stats.median == pytest.approx(37.5)
    assert stats.distribution == [1, 0, 2, 0, 0, 1, 0, 1, 0, 1]


def test_facility_is_the_share_answering_fully_correct(hand_built):
    quiz, _attempts = hand_built
    rows = by_qid(quiz_stats(quiz=quiz))
    assert [rows[qid].n for qid in QIDS] == [6, 6, 6, 6]
    assert rows["adm-001"].facility == pytest.approx(3 / 6)
    assert rows["adm-002"].facility == pytest.approx(3 / 6)
    assert rows["adm-003"].facility == pytest.approx(3 / 6)
    assert rows["adm-004"].facility == pytest.approx(2 / 6)


def test_discrimination_keeps_ties_at_the_cut_in_the_group(hand_built):
    # 6 attempts → groups of round(1.62) = 2; the bottom cut (25) is shared by
    # a4 and a6, so the bottom group is a5, a4 and a6; the top is a1 and a2.
    quiz, _attempts = hand_built
    rows = by_qid(quiz_stats(quiz=quiz))
    assert rows["adm-001"].discrimination == pytest.approx(1 - 0)
    assert rows["adm-002"].discrimination == pytest.approx(1 - 1 / 3)
    assert rows["adm-003"].discrimination == pytest.approx(1 - 1 / 3)
    assert rows["adm-004"].discrimination == pytest.approx(1 / 2 - 0)


def test_option_counts_by_type(hand_built):
    quiz, _attempts = hand_built
    rows = by_qid(quiz_stats(quiz=quiz))

    def counts(qid):
        return {o.key: o.count for o in rows[qid].options}

    assert counts("adm-001") == {"a": 3, "b": 1, "c": 1}
    assert rows["adm-001"].blank == 1
    assert [o.label for o in rows["adm-001"].options][0] == "礼貌拒绝并说明平台规则"
    assert [o.correct for o in rows["adm-001"].options] == [True, False, False]
    assert counts("adm-002") == {"a": 5, "b": 3, "c": 1}
    assert rows["adm-002"].blank == 1
    assert counts("adm-003") == {"true": 3, "false": 3}
    assert [o.correct for o in rows["adm-003"].options] == [False, True]
    assert counts("adm-004") == {"answered": 4}
    assert rows["adm-004"].blank == 2


def test_a_quiz_without_finished_attempts_has_empty_statistics(site_tree):
    stats = quiz_stats(quiz=make_quiz())
    assert (stats.attempts, stats.pass_rate, stats.mean, stats.median) == (
        0,
        None,
        None,
        None,
    )
    assert stats.distribution == [0] * 10
    assert stats.questions == []


def test_when_every_score_ties_both_groups_hold_everyone():
    attempts = [AttemptRow(pk, 50.0, False) for pk in range(1, 6)]
    top, bottom = extreme_groups(attempts)
    assert top == bottom == {1, 2, 3, 4, 5}


def test_groups_are_27_percent_of_the_attempts_rounded():
    attempts = [AttemptRow(pk, float(pk), False) for pk in range(1, 101)]
    top, bottom = extreme_groups(attempts)
    assert top == set(range(74, 101)) and bottom == set(range(1, 28))


def test_a_lone_attempt_discriminates_nothing():
    stats = summarise([AttemptRow(1, 100.0, True)], [], {})
    assert stats.median == 100.0 and stats.distribution[-1] == 1


def test_the_stats_page_shows_the_numbers(client, trainer, hand_built):
    Group.objects.get(name=TRAINER).permissions.add(
        *Permission.objects.filter(content_type__app_label="quizzes")
    )
    client.cookies["lms_language"] = "en"
    client.force_login(trainer)
    quiz, _attempts = hand_built
    response = client.get(reverse("quiz_quizzes:stats", args=(quiz.pk,)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "<rect" in html
    assert "33%" in html  # pass rate
    assert "45.8" in html and "37.5" in html  # mean, median
    assert "1.00" in html and "0.67" in html and "0.50" in html  # discrimination
    question = Question.objects.get(qid="adm-001")
    assert reverse("quiz_questions:edit", args=(question.pk,)) in html
    assert '<span class="kefu-count">3</span> A. 礼貌拒绝并说明平台规则 ✔' in html


def test_the_stats_page_renders_markdown_stems_and_strips_scripts(
    client, trainer, hand_built
):
    Group.objects.get(name=TRAINER).permissions.add(
        *Permission.objects.filter(content_type__app_label="quizzes")
    )
    question = Question.objects.get(qid="adm-001")
    question.data["stem"] = "顾客要求**加微信**怎么办？<script>alert(1)</script>"
    question.save(update_fields=["data"])
    client.force_login(trainer)
    quiz, _attempts = hand_built
    html = client.get(reverse("quiz_quizzes:stats", args=(quiz.pk,))).content.decode()
    assert "<strong>加微信</strong>" in html
    assert "**加微信**" not in html and "<script>alert(1)" not in html
