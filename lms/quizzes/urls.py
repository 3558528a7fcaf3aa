from django.urls import path

from .views import attempt, images, quiz

app_name = "quizzes"

urlpatterns = [
    path("attempts/<int:attempt_id>/", attempt.attempt_take, name="attempt"),
    path(
        "attempts/<int:attempt_id>/answer/<int:position>/",
        attempt.attempt_save_answer,
        name="answer",
    ),
    path("attempts/<int:attempt_id>/submit/", attempt.attempt_finish, name="submit"),
    path("attempts/<int:attempt_id>/result/", attempt.attempt_result, name="result"),
    path("images/<int:image_id>/", images.question_image, name="image"),
    path("<slug:slug>/", quiz.quiz_detail, name="detail"),
    path("<slug:slug>/start/", quiz.quiz_start, name="start"),
]
