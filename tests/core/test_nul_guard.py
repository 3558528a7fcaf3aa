"""A NUL in any part of a request is a clear 400, never a 500 from PostgreSQL.

PostgreSQL text and jsonb cannot hold U+0000; these ran into a 500 there before
the guard (a short answer, a certificate serial in the URL, a session cookie,
the user agent axes logs on a failed login).
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

from lms.core.nul_guard import request_has_nul
from lms.quizzes.models import Attempt
from lms.quizzes.presentation import response_from_form
from lms.quizzes.questions import Question
from tests.quizzes.helpers import CORRECT, import_web_bank

SHORT_ANSWER = "basics-004"


def start_exam(client) -> Attempt:
    import_web_bank()
    client.post(reverse("quizzes:start", args=["basics-exam"]))
    return Attempt.objects.latest("started_at")


def short_answer_position(attempt) -> int:
    return attempt.items.get(question__qid=SHORT_ANSWER).position


def test_a_short_answer_with_a_nul_is_refused_and_the_attempt_stays_usable(
    client, site_tree, learner
):
    client.force_login(learner)
    attempt = start_exam(client)
    position = short_answer_position(attempt)
    url = reverse("quizzes:answer", args=[attempt.id, position])
    field = f"q{position}"

    refused = client.post(url, {field: "快捷\x00短语"}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 400 and "请求无效" in refused.content.decode()
    attempt.refresh_from_db()
    assert attempt.is_open
    assert attempt.items.get(position=position).response is None

    saved = client.post(url, {field: CORRECT[SHORT_ANSWER]}, HTTP_HX_REQUEST="true")
    assert 'data-testid="saved"' in saved.content.decode()
    assert client.get(reverse("quizzes:attempt", args=[attempt.id])).status_code == 200


def test_submitting_with_a_nul_in_the_form_is_refused_and_can_be_retried(
    client, site_tree, learner
):
    client.force_login(learner)
    attempt = start_exam(client)
    field = f"q{short_answer_position(attempt)}"
    submit = reverse("quizzes:submit", args=[attempt.id])
    assert client.post(submit, {field: "\x00"}).status_code == 400
    attempt.refresh_from_db()
    assert attempt.is_open
    answer = {field: CORRECT[SHORT_ANSWER], "confirm": "1"}
    assert client.post(submit, answer).status_code == 302
    attempt.refresh_from_db()
    assert not attempt.is_open


def test_a_certificate_serial_with_a_nul_in_the_url_is_a_bad_request(
    client, learner, hr
):
    client.force_login(learner)
    assert client.get("/certificates/KF-2025%00-0001/pdf/").status_code == 400
    client.force_login(hr)
    assert client.get("/hr/certificates/KF-2025%00-0001/").status_code == 400
    assert client.get("/verify/AB%00CD/").status_code == 400


def test_a_nul_in_a_query_parameter_is_a_bad_request(client, site_tree):
    assert client.get("/search/", {"q": "退款\x00"}).status_code == 400
    assert client.get("/search/", {"q\x00": "退款"}).status_code == 400


def test_a_session_cookie_with_a_nul_is_a_bad_request_not_a_crash(client, site_tree):
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"
    assert client.get("/dashboard/").status_code == 400


def test_a_failed_login_with_a_nul_in_the_user_agent_is_a_bad_request(
    client, site_tree
):
    response = client.post(
        "/accounts/login/",
        {"username": "nobody", "password": "wrong"},
        HTTP_USER_AGENT="Mozilla\x00",
    )
    assert response.status_code == 400


def test_a_nul_inside_an_uploaded_file_is_not_the_guards_business():
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.7\x00\x00binary")
    request = RequestFactory().post("/admin/documents/add/", {"file": upload})
    assert not request_has_nul(request)
    request = RequestFactory().post("/admin/documents/add/", {"title": "a\x00"})
    assert request_has_nul(request)


def test_a_short_answer_is_stored_without_nul_characters():
    question = Question(id="q1", type="short", stem="?")
    form = MultiValueDict({"q1": ["\x00快捷\x00短语 "]})
    assert response_from_form(question, {}, form, 1) == "快捷短语"
