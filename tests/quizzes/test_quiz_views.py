"""Quiz pages: start, save with htmx, submit, results as the review policy allows."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from lms.quizzes.models import Attempt
from tests.courses.pages import make_course
from tests.factories import LearnerFactory
from tests.quizzes.helpers import CORRECT, import_web_bank

CONFIRM = {"confirm": "1"}  # "submit anyway", with questions left blank


def start(client, slug="basics-exam") -> Attempt:
    client.post(reverse("quizzes:start", args=[slug]))
    return Attempt.objects.filter(quiz__slug=slug).latest("started_at")


def form_answer(item) -> dict:
    """The form fields that give the right answer to one attempt item."""
    qid, layout, name = item.question.qid, item.layout, f"q{item.position}"
    answer = CORRECT[qid]
    if "options" in layout:
        keys = answer if isinstance(answer, list) else [answer]
        return {name: [str(layout["options"].index(k)) for k in keys]}
    if qid == "basics-003":
        return {name: "1"}
    if "items" in layout:
        texts = item.snapshot["items"]
        return {
            f"{name}-item{i}": str(answer.index(texts[original]) + 1)
            for i, original in enumerate(layout["items"])
        }
    if "rights" in layout:
        lefts = [pair["left"] for pair in item.snapshot["pairs"]]
        return {
            f"{name}-left{i}": str(layout["rights"].index(answer[left]))
            for i, left in enumerate(lefts)
        }
    return {name: answer}


def test_learner_takes_the_exam_through_the_pages_and_passes(
    client, site_tree, learner
):
    import_web_bank()
    client.force_login(learner)
    attempt = start(client)
    html = client.get(reverse("quizzes:attempt", args=[attempt.id])).content.decode()
    assert "hx-post" in html and 'data-testid="submit-quiz"' in html
    for item in attempt.items.select_related("question"):
        response = client.post(
            reverse("quizzes:answer", args=[attempt.id, item.position]),
            form_answer(item),
            HTTP_HX_REQUEST="true",
        )
        assert 'data-testid="saved"' in response.content.decode()
    response = client.post(reverse("quizzes:submit", args=[attempt.id]))
    assert response["Location"] == reverse("quizzes:result", args=[attempt.id])
    attempt.refresh_from_db()
    assert attempt.score == 100.0 and attempt.passed
    html = client.get(response["Location"]).content.decode()
    assert 'data-testid="score">100%' in html
    assert "EXPLAIN-007" in html and "FEEDBACK-B" in html  # after_pass + passed


def test_failed_after_pass_review_hides_answers(client, site_tree, learner):
    import_web_bank()
    client.force_login(learner)
    attempt = start(client)
    client.post(reverse("quizzes:submit", args=[attempt.id]), CONFIRM)
    html = client.get(reverse("quizzes:result", args=[attempt.id])).content.decode()
    assert "EXPLAIN-001" not in html and "快捷语ANSWER" not in html


def test_immediate_review_shows_explanations_and_lesson_links(
    client, site_tree, learner
):
    from lms.courses.models import LessonPage

    _home, index = site_tree
    course = make_course(index, "qianniu", lessons=0)
    course.add_child(
        instance=LessonPage(title="设置自动回复", slug="auto-reply", body=[])
    )
    import_web_bank()
    client.force_login(learner)
    attempt = start(client, "basics-quiz")
    client.post(reverse("quizzes:submit", args=[attempt.id]), CONFIRM)
    html = client.get(reverse("quizzes:result", args=[attempt.id])).content.decode()
    assert "EXPLAIN-001" in html
    assert 'href="/courses/qianniu/auto-reply/"' in html


def test_the_no_js_submit_saves_posted_answers(client, site_tree, learner):
    import_web_bank()
    client.force_login(learner)
    attempt = start(client)
    fields = {}
    for item in attempt.items.select_related("question"):
        fields.update(form_answer(item))
    client.post(reverse("quizzes:submit", args=[attempt.id]), fields)
    attempt.refresh_from_db()
    assert attempt.score == 100.0


def test_late_answer_is_refused_with_a_clear_message(client, site_tree, learner):
    import_web_bank()
    client.force_login(learner)
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        attempt = start(client, "basics-quiz")
    with time_machine.travel(now + timedelta(minutes=15), tick=False):
        response = client.post(
            reverse("quizzes:answer", args=[attempt.id, 1]),
            {"q1": "0"},
            HTTP_HX_REQUEST="true",
        )
        assert response["HX-Redirect"] == reverse("quizzes:result", args=[attempt.id])
        html = client.get(response["HX-Redirect"]).content.decode()
    assert "Time is up" in html or "时间到" in html or "已按" in html
    attempt.refresh_from_db()
    assert attempt.status == "timed_out"


def test_learners_cannot_open_each_others_attempts(client, site_tree, learner):
    import_web_bank()
    other = LearnerFactory()
    client.force_login(other)
    attempt = start(client)
    client.force_login(learner)
    for name in ("quizzes:attempt", "quizzes:result"):
        assert client.get(reverse(name, args=[attempt.id])).status_code == 404
    answer = client.post(reverse("quizzes:answer", args=[attempt.id, 1]), {"q1": "0"})
    assert answer.status_code == 404
    assert client.post(reverse("quizzes:submit", args=[attempt.id])).status_code == 404


def test_course_page_shows_the_quiz_and_attempt_history(client, site_tree, learner):
    _home, index = site_tree
    import_web_bank()
    make_course(index, "basics", lessons=1)
    from lms.quizzes.models import Quiz

    Quiz.objects.filter(slug="basics-quiz").update(
        course=index.get_children().get(slug="basics").specific
    )
    client.force_login(learner)
    attempt = start(client, "basics-quiz")
    client.post(reverse("quizzes:submit", args=[attempt.id]), CONFIRM)
    html = client.get("/courses/basics/").content.decode()
    assert 'data-quiz="basics-quiz"' in html
    assert reverse("quizzes:result", args=[attempt.id]) in html


def test_dashboard_offers_to_resume_an_open_attempt(client, site_tree, learner):
    import_web_bank()
    client.force_login(learner)
    attempt = start(client)
    html = client.get(reverse("dashboard")).content.decode()
    assert reverse("quizzes:attempt", args=[attempt.id]) in html


def test_quiz_page_query_count_does_not_grow_with_attempts(
    client, site_tree, learner, django_assert_max_num_queries
):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    import_web_bank()
    client.force_login(learner)
    attempt = start(client)
    url = reverse("quizzes:attempt", args=[attempt.id])
    client.get(url)
    reset_queries()  # the log is a bounded deque; start counting from empty
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    baseline = len(few.captured_queries)  # read now: the log is reset below
    for _ in range(15):  # other learners' attempts do not matter
        other = LearnerFactory()
        client.force_login(other)
        client.post(reverse("quizzes:submit", args=[start(client).id]), CONFIRM)
    client.force_login(learner)
    reset_queries()
    assert baseline
    with django_assert_max_num_queries(baseline):
        client.get(url)
