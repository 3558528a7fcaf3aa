"""Trainers manage banks, questions and quizzes in the Wagtail admin."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
)

from lms.accounts.roles import TRAINER
from lms.quizzes.admin_views.preview import learner_display
from lms.quizzes.importing import data_hash, quizzes_import
from lms.quizzes.models import (
    Question,
    QuestionBank,
    QuestionCategory,
    Quiz,
    QuizRandomDraw,
)
from lms.quizzes.serialization import question_from_data

DATA = Path(__file__).parent / "data" / "admin"

#: What the trainer role needs on top of roles.py today (reported to the lead).
QUIZ_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("questionbank", "questioncategory", "question", "quiz")
    for action in ("add", "change", "delete", "view")
]

SINGLE_SPEC = """options:
  - {text: "礼貌拒绝", correct: true}
  - {text: "悄悄返现", correct: false, feedback: "同样违规。"}
  - {text: "送优惠券", correct: false}
"""


@pytest.fixture
def quiz_trainer(trainer):
    group = Group.objects.get(name=TRAINER)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="quizzes", codename__in=QUIZ_PERMISSIONS
        )
    )
    return trainer


@pytest.fixture
def imported(db):
    quizzes_import(paths=[DATA / "adm.yaml", DATA / "quizzes.yaml"])
    return QuestionBank.objects.get(slug="adm")


@pytest.fixture
def english(client):
    client.cookies["lms_language"] = "en"
    return client


@pytest.fixture
def trainer_client(english, quiz_trainer, imported):
    english.force_login(quiz_trainer)
    return english


def html_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def editor_form(client, url):
    """The POST data the edit page's form would send unchanged."""
    return querydict_from_html(html_of(client, url), form_id="w-editor-form")


def question_data(bank, **changes):
    data = {
        "qid": "adm-100",
        "type": "single",
        "bank": bank.pk,
        "category": bank.categories.get(slug="rules").pk,
        "difficulty": "easy",
        "is_active": "on",
        "stem": "顾客要求返现换好评，怎么办？\n",
        "spec": SINGLE_SPEC,
        "explanation": "  返现换好评违规。  ",
        "tags": "规则，评价",
        "lesson_ref": "adm/rules",
        "image": "",
    }
    data.update(changes)
    return data


# --- listing --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url_name", "text"),
    [
        ("quiz_banks:index", "后台测试题库"),
        ("quiz_categories:index", "平台规则"),
        ("quiz_questions:index", "adm-001"),
        ("quiz_quizzes:index", "后台测试测验"),
    ],
)
def test_trainer_lists_each_kind_of_record(trainer_client, url_name, text):
    response = trainer_client.get(reverse(url_name))
    assert response.status_code == 200
    assert text in response.content.decode()


def test_question_listing_searches_and_filters(trainer_client, imported):
    url = reverse("quiz_questions:index")
    found = trainer_client.get(url, {"q": "震屏"}).content.decode()
    assert "adm-003" in found and "adm-001" not in found
    filtered = trainer_client.get(url, {"type": "ordering"}).content.decode()
    assert "adm-005" in filtered and "adm-003" not in filtered


def test_question_listing_links_to_the_preview(trainer_client, imported):
    question = Question.objects.get(qid="adm-001")
    html = trainer_client.get(reverse("quiz_questions:index")).content.decode()
    assert reverse("quiz_questions:preview", args=(question.pk,)) in html


def test_quizzes_menu_groups_the_four_listings(trainer_client):
    html = trainer_client.get(reverse("wagtailadmin_home")).content.decode()
    for url_name in ("quiz_banks", "quiz_categories", "quiz_questions", "quiz_quizzes"):
        assert reverse(f"{url_name}:index") in html


# --- creating and editing questions ---------------------------------------------------


def test_trainer_creates_a_question_with_its_answer_part_in_yaml(
    trainer_client, imported
):
    response = trainer_client.post(
        reverse("quiz_questions:add"), question_data(imported)
    )
    assert response.status_code == 302
    question = Question.objects.get(qid="adm-100")
    definition = question.definition
    assert question.type == "single"
    assert question.category.slug == "rules"
    assert question.stem == "顾客要求返现换好评，怎么办？"
    assert question.explanation == "返现换好评违规。"
    assert question.tags == "规则, 评价"
    assert [o.text for o in definition.options] == ["礼貌拒绝", "悄悄返现", "送优惠券"]
    assert definition.correct_keys == {"a"}
    assert definition.options[1].feedback == "同样违规。"
    assert definition.category == "rules" and definition.lesson == "adm/rules"
    assert question.content_hash == data_hash(question.data)


def test_edit_form_shows_the_answer_part_in_bank_format(trainer_client, imported):
    question = Question.objects.get(qid="adm-007")
    html = trainer_client.get(reverse("quiz_questions:edit", args=(question.pk,)))
    html = html.content.decode()
    assert "feedback: &quot;礼貌拒绝并说明规则。&quot;" in html


def test_trainer_edits_a_question_and_the_stored_data_follows(trainer_client, imported):
    question = Question.objects.get(qid="adm-002")
    url = reverse("quiz_questions:edit", args=(question.pk,))
    spec = """scoring: partial
options:
  - {text: "好评返现", correct: true}
  - {text: "追评抽奖", correct: true}
  - {text: "晒图送红包", correct: true}
  - {text: "按政策补发配件", correct: false}
"""
    data = question_data(
        imported,
        qid="ignored-because-disabled",
        type="multiple",
        spec=spec,
        difficulty="hard",
        stem="下面哪些属于以好处换评价？",
    )
    response = trainer_client.post(url, data)
    assert response.status_code == 302
    question.refresh_from_db()
    stored = question_from_data(question.data)
    assert question.qid == "adm-002"  # the id cannot change
    assert stored.id == "adm-002"
    assert stored.scoring == "partial"
    assert stored.correct_keys == {"a", "b", "c"}
    assert question.difficulty == "hard" and stored.difficulty == "hard"
    assert question.stem == stored.stem == "下面哪些属于以好处换评价？"
    assert question.content_hash == data_hash(question.data)


def test_an_unchanged_edit_form_saves_the_same_data(trainer_client, imported):
    question = Question.objects.get(qid="adm-006")
    before = question.data
    url = reverse("quiz_questions:edit", args=(question.pk,))
    form = querydict_from_html(
        trainer_client.get(url).content.decode(), form_id="w-editor-form"
    )
    response = trainer_client.post(url, form)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.data == before


def test_invalid_yaml_shows_the_problem_with_its_line_and_saves_nothing(
    trainer_client, imported
):
    broken = 'options:\n  - {text: "A", correct: true}\n  - {text: "B", correct\n'
    response = trainer_client.post(
        reverse("quiz_questions:add"), question_data(imported, spec=broken)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "YAML syntax error" in html
    assert "Line 4:" in html or "Line 3:" in html
    assert not Question.objects.filter(qid="adm-100").exists()


def test_bank_format_rules_apply_with_the_line_in_the_answer_part(
    trainer_client, imported
):
    question = Question.objects.get(qid="adm-001")
    before = question.data
    spec = SINGLE_SPEC.replace("correct: false, feedback", "correct: true, feedback")
    spec += "answer: true\n"
    response = trainer_client.post(
        reverse("quiz_questions:edit", args=(question.pk,)),
        question_data(imported, spec=spec, lesson_ref="not a lesson"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Line 2: a single question needs exactly one correct option, has 2" in html
    assert "Line 5: &#x27;answer&#x27; does not apply to single questions" in html
    assert "is not &lt;course-slug&gt;/&lt;lesson-slug&gt;" in html
    question.refresh_from_db()
    assert question.data == before


def test_a_category_of_another_bank_is_refused(trainer_client, imported):
    other = QuestionBank.objects.create(slug="other", title="另一个题库")
    category = QuestionCategory.objects.create(bank=other, slug="misc", title="杂项")
    response = trainer_client.post(
        reverse("quiz_questions:add"), question_data(imported, category=category.pk)
    )
    assert response.status_code == 200
    assert "belongs to another bank" in response.content.decode()
    assert not Question.objects.filter(qid="adm-100").exists()


def test_a_new_question_id_must_follow_the_bank_rule(trainer_client, imported):
    response = trainer_client.post(
        reverse("quiz_questions:add"), question_data(imported, qid="q1")
    )
    assert response.status_code == 200
    assert "id must be adm-NNN" in response.content.decode()


def test_questions_the_bank_format_cannot_hold_are_not_overwritten(
    trainer_client, imported
):
    question = Question.objects.get(qid="adm-004")
    question.data = {**question.data, "answers": [{"text": "/", "weight": 0.5}]}
    question.save()
    response = trainer_client.post(
        reverse("quiz_questions:edit", args=(question.pk,)),
        question_data(imported, type="short", spec='answers: ["/"]\n'),
    )
    assert response.status_code == 200
    assert "weighted answers" in response.content.decode()


# --- preview --------------------------------------------------------------------------


def test_preview_shows_the_learner_view_then_the_answer_for_the_trainer(
    trainer_client, imported
):
    question = Question.objects.get(qid="adm-007")
    response = trainer_client.get(
        reverse("quiz_questions:preview", args=(question.pk,))
    )
    assert response.status_code == 200
    html = response.content.decode()
    learner_part, trainer_part = html.split('class="kefu-answer-key"')
    assert "返我10块我就给好评" in learner_part
    assert "谢谢您！平台规定评价不能和返现挂钩。" in learner_part
    assert "kefu-key--right" in trainer_part
    assert "礼貌拒绝并说明规则。" in trainer_part  # option feedback
    assert "任何用好处换评价的做法都违规。" in trainer_part  # explanation


def render_learner_partial(question) -> str:
    return render_to_string(
        "quizzes/includes/question.html",
        {"q": learner_display(question), "editable": False},
    )


def with_other_answer(question: Question) -> Question:
    """The same question with a different correct answer (unsaved)."""
    data = dict(question.data)
    if data["options"]:
        flags = [o["correct"] for o in data["options"]]
        flags = flags[1:] + flags[:1]
        data["options"] = [
            {**o, "correct": flag, "feedback": ""}
            for o, flag in zip(data["options"], flags, strict=True)
        ]
    if data["answer"] is not None:
        data["answer"] = not data["answer"]
    if data["answers"]:
        data["answers"] = [{"text": "别的答案", "weight": 1.0, "feedback": ""}]
    data["explanation"] = "另一个解析"
    return Question(qid=question.qid, bank=question.bank, type=question.type, data=data)


@pytest.mark.parametrize("qid", [f"adm-00{n}" for n in range(1, 8)])
def test_learner_partial_carries_no_answer(imported, qid):
    question = Question.objects.get(qid=qid)
    definition = question.definition
    html = render_learner_partial(question)
    assert definition.stem.strip()[:8] in html
    for marker in ("kefu-key", "is-correct", "data-correct", "✔", "checked"):
        assert marker not in html
    assert definition.explanation not in html
    for option in definition.options:
        assert not option.feedback or option.feedback not in html
    if definition.type not in ("ordering", "matching"):  # their content is the answer
        assert render_learner_partial(with_other_answer(question)) == html


def test_preview_is_linked_from_the_edit_page(trainer_client, imported):
    question = Question.objects.get(qid="adm-001")
    html = trainer_client.get(reverse("quiz_questions:edit", args=(question.pk,)))
    assert (
        reverse("quiz_questions:preview", args=(question.pk,)) in html.content.decode()
    )


# --- quizzes --------------------------------------------------------------------------


def test_trainer_creates_a_quiz_with_fixed_questions_and_a_random_draw(
    trainer_client, imported
):
    rules = imported.categories.get(slug="rules")
    fixed = Question.objects.get(qid="adm-003")
    data = nested_form_data(
        {
            "title": "新测验",
            "slug": "new-quiz",
            "course": "",
            "intro": "",
            "pass_mark": "80",
            "time_limit_minutes": "0",
            "attempts_allowed": "0",
            "cooldown_hours": "0",
            "shuffle_questions": "on",
            "review_policy": "immediate",
            "is_active": "on",
            "fixed_questions": inline_formset([{"question": fixed.pk}]),
            "random_draws": inline_formset(
                [{"bank": imported.pk, "category": rules.pk, "count": "2"}]
            ),
        }
    )
    response = trainer_client.post(reverse("quiz_quizzes:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    quiz = Quiz.objects.get(slug="new-quiz")
    assert [f.question.qid for f in quiz.fixed_questions.all()] == ["adm-003"]
    draw = QuizRandomDraw.objects.get(quiz=quiz)
    assert (draw.bank, draw.category, draw.count) == (imported, rules, 2)


def test_a_draw_larger_than_its_category_is_refused(trainer_client, imported):
    rules = imported.categories.get(slug="rules")
    data = nested_form_data(
        {
            "title": "太多题",
            "slug": "too-many",
            "pass_mark": "80",
            "time_limit_minutes": "0",
            "attempts_allowed": "0",
            "cooldown_hours": "0",
            "review_policy": "immediate",
            "is_active": "on",
            "fixed_questions": inline_formset([]),
            "random_draws": inline_formset(
                [{"bank": imported.pk, "category": rules.pk, "count": "9"}]
            ),
        }
    )
    response = trainer_client.post(reverse("quiz_quizzes:add"), data)
    assert response.status_code == 200
    assert "holds only 3 active ones" in response.content.decode()
    assert not Quiz.objects.filter(slug="too-many").exists()


def test_new_fixed_questions_go_after_the_existing_ones(trainer_client, imported):
    quiz = Quiz.objects.get(slug="adm-quiz")
    url = reverse("quiz_quizzes:edit", args=(quiz.pk,))
    form = querydict_from_html(
        trainer_client.get(url).content.decode(), form_id="w-editor-form"
    )
    total = int(form["fixed_questions-TOTAL_FORMS"])
    extra = Question.objects.create(
        qid="adm-008",
        bank=imported,
        type="truefalse",
        stem="新题",
        data={**Question.objects.get(qid="adm-003").data, "id": "adm-008"},
    )
    form[f"fixed_questions-{total}-question"] = str(extra.pk)
    form[f"fixed_questions-{total}-DELETE"] = ""
    form["fixed_questions-TOTAL_FORMS"] = str(total + 1)
    response = trainer_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    order = [f.question.qid for f in quiz.fixed_questions.all()]
    assert order[-1] == "adm-008" and len(order) == 8


def test_quiz_listing_and_edit_page_link_to_the_statistics(trainer_client, imported):
    quiz = Quiz.objects.get(slug="adm-quiz")
    stats_url = reverse("quiz_quizzes:stats", args=(quiz.pk,))
    assert (
        stats_url in trainer_client.get(reverse("quiz_quizzes:index")).content.decode()
    )
    edit = trainer_client.get(reverse("quiz_quizzes:edit", args=(quiz.pk,)))
    assert stats_url in edit.content.decode()
    page = trainer_client.get(stats_url)
    assert page.status_code == 200
    assert "No finished attempts yet." in page.content.decode()


def test_question_chooser_searches_by_text(trainer_client, imported):
    response = trainer_client.get(
        reverse("quiz_question_chooser:choose_results"), {"q": "震屏"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "adm-003" in html and "adm-001" not in html


# --- who may --------------------------------------------------------------------------


def admin_urls(bank):
    question = Question.objects.get(qid="adm-001")
    quiz = Quiz.objects.get(slug="adm-quiz")
    return [
        reverse("quiz_banks:index"),
        reverse("quiz_banks:edit", args=(bank.pk,)),
        reverse("quiz_questions:index"),
        reverse("quiz_questions:add"),
        reverse("quiz_questions:edit", args=(question.pk,)),
        reverse("quiz_questions:preview", args=(question.pk,)),
        reverse("quiz_quizzes:index"),
        reverse("quiz_quizzes:edit", args=(quiz.pk,)),
        reverse("quiz_quizzes:stats", args=(quiz.pk,)),
    ]


@pytest.mark.parametrize("role", ["hr", "learner"])
def test_hr_and_learners_are_refused(client, request, imported, role):
    # The project's AdminAccessGuard answers 403 to anyone signed in without
    # wagtailadmin.access_admin, before Wagtail sees the request.
    client.force_login(request.getfixturevalue(role))
    for url in admin_urls(imported):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("quiz_questions:edit", args=(Question.objects.get(qid="adm-001").pk,)),
        question_data(imported, stem="改了"),
    )
    assert response.status_code == 403
    assert Question.objects.get(qid="adm-001").stem != "改了"


def test_anonymous_visitors_are_sent_to_the_login(client, imported):
    for url in admin_urls(imported):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_an_admin_user_without_quiz_permissions_is_refused(client, trainer, imported):
    # Wagtail's own permission check sends them to the dashboard with a message.
    Group.objects.get(name=TRAINER).permissions.remove(
        *Permission.objects.filter(content_type__app_label="quizzes")
    )
    client.force_login(trainer)
    response = client.get(reverse("quiz_questions:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


# --- deleting -------------------------------------------------------------------------


@pytest.fixture
def answered(imported, learner):
    from lms.quizzes.attempts import attempt_start, attempt_submit

    quiz = Quiz.objects.get(slug="adm-quiz")
    return attempt_submit(attempt=attempt_start(user=learner, quiz=quiz))


def test_an_answered_question_cannot_be_deleted(trainer_client, answered):
    question = Question.objects.get(qid="adm-001")
    url = reverse("quiz_questions:delete", args=(question.pk,))
    assert "cannot be deleted" in html_of(trainer_client, url)
    response = trainer_client.post(url)
    assert response.status_code == 302
    assert Question.objects.filter(pk=question.pk).exists()


def test_a_quiz_with_attempts_cannot_be_deleted(trainer_client, answered):
    quiz = Quiz.objects.get(slug="adm-quiz")
    trainer_client.post(reverse("quiz_quizzes:delete", args=(quiz.pk,)))
    assert Quiz.objects.filter(pk=quiz.pk).exists()
    bank = QuestionBank.objects.get(slug="adm")
    trainer_client.post(reverse("quiz_banks:delete", args=(bank.pk,)))
    assert QuestionBank.objects.filter(pk=bank.pk).exists()


def test_an_unanswered_question_is_deleted(trainer_client, imported):
    question = Question.objects.get(qid="adm-005")
    response = trainer_client.post(
        reverse("quiz_questions:delete", args=(question.pk,))
    )
    assert response.status_code == 302
    assert not Question.objects.filter(pk=question.pk).exists()


def test_questions_without_a_category_are_listed(trainer_client, imported):
    Question.objects.filter(qid="adm-003").update(category=None)
    assert "adm-003" in html_of(trainer_client, reverse("quiz_questions:index"))
