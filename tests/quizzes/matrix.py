from tests.matrix import NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, everyone, row

ROWS = {
    "quizzes:detail": ("/quizzes/matrix-quiz/", row(REDIRECT, OK, OK, OK, OK)),
    "quizzes:start": (
        "/quizzes/matrix-quiz/start/",
        row(REDIRECT, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    ),
    # Attempts belong to their learner: everyone else gets 404.
    "quizzes:attempt": (
        "/quizzes/attempts/{attempt_id}/",
        row(REDIRECT, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "quizzes:answer": (
        "/quizzes/attempts/{attempt_id}/answer/1/",
        row(REDIRECT, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    ),
    "quizzes:submit": (
        "/quizzes/attempts/{attempt_id}/submit/",
        row(REDIRECT, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    ),
    "quizzes:result": (
        "/quizzes/attempts/{attempt_id}/result/",
        row(REDIRECT, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    # An image in a question stem: anonymous → login, anyone signed in → the file.
    "quizzes:image": ("/quizzes/images/{question_image_id}/", everyone(REDIRECT)),
}


def context(site_tree) -> dict:
    from lms.quizzes.attempts import attempt_start
    from lms.quizzes.models import Question, QuestionBank, Quiz, QuizFixedQuestion
    from tests.factories import LearnerFactory

    bank = QuestionBank.objects.create(slug="matrix-bank", title="矩阵")
    question = Question.objects.create(
        qid="matrix-001",
        bank=bank,
        type="truefalse",
        stem="对吗?",
        data={"id": "matrix-001", "type": "truefalse", "stem": "对吗?", "answer": True},
    )
    quiz = Quiz.objects.create(slug="matrix-quiz", title="矩阵测验")
    QuizFixedQuestion.objects.create(quiz=quiz, question=question)
    owner = LearnerFactory(username="matrix-quiz-owner")
    return {
        "attempt_id": attempt_start(user=owner, quiz=quiz).id,
        "question_image_id": _question_image().id,
    }


def _question_image():
    from io import BytesIO

    from PIL import Image as Picture

    from lms.quizzes.embedded_images import stored_image
    from lms.quizzes.questions import EmbeddedFile

    png = BytesIO()
    Picture.new("RGB", (2, 2)).save(png, "PNG")
    return stored_image(EmbeddedFile("matrix.png", png.getvalue()), title="matrix")
