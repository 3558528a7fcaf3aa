"""No page or response of an open attempt carries a correct answer or explanation."""

import re

from django.urls import reverse

from lms.quizzes.models import Attempt, Question
from tests.quizzes.helpers import import_web_bank


def secrets_of(question: Question) -> set[str]:
    """Texts that would give an answer away before submission."""
    definition = question.definition
    found = {definition.explanation}
    found |= {option.feedback for option in definition.options if option.feedback}
    found |= {answer.text for answer in definition.answers}
    return {text for text in found if text}


def visible_texts(question: Question) -> set[str]:
    """What a learner is meant to see: stems, options, items, pairs."""
    d = question.definition
    return {d.stem, *(o.text for o in d.options), *d.items} | {
        text for pair in d.pairs for text in (pair.left, pair.right)
    }


def test_open_attempt_pages_and_responses_never_leak_answers(
    client, site_tree, learner
):
    import_web_bank()
    client.force_login(learner)
    pages = []
    pages.append(client.get(reverse("quizzes:detail", args=["basics-exam"])))
    client.post(reverse("quizzes:start", args=["basics-exam"]))
    attempt = Attempt.objects.get(user=learner)
    pages.append(client.get(reverse("quizzes:attempt", args=[attempt.id])))
    for item in attempt.items.all():
        pages.append(
            client.post(
                reverse("quizzes:answer", args=[attempt.id, item.position]),
                {f"q{item.position}": "0"},
                HTTP_HX_REQUEST="true",
            )
        )
    pages.append(client.get(reverse("quizzes:attempt", args=[attempt.id])))
    pages.append(client.get(reverse("dashboard")))
    pages.append(client.get(reverse("quizzes:result", args=[attempt.id])))  # redirect

    questions = list(Question.objects.all())
    shown = set().union(*(visible_texts(q) for q in questions))
    secrets = {
        secret
        for secret in set().union(*(secrets_of(q) for q in questions))
        if not any(secret in text for text in shown)
    }
    assert "快捷语ANSWER" in secrets and "EXPLAIN-001" in next(
        s for s in secrets if "EXPLAIN-001" in s
    )
    for response in pages:
        body = response.content.decode()
        for secret in secrets:
            assert secret not in body, (response.request["PATH_INFO"], secret)
        assert not re.search(
            r"data-correct|is-correct|correct-answer|data-answer", body
        )

    # Option keys are never sent: only per-attempt display positions.
    taking = pages[1].content.decode()
    assert 'value="a"' not in taking and 'value="b"' not in taking


def test_matching_and_ordering_are_not_shown_in_their_correct_order(
    client, site_tree, learner
):
    import_web_bank()
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=["basics-exam"]))
    attempt = Attempt.objects.get(user=learner)
    ordering = attempt.items.get(question__qid="basics-005")
    assert ordering.layout["items"] != sorted(ordering.layout["items"])
