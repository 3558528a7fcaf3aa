from django.urls import path

from .views import lessons

app_name = "courses"

urlpatterns = [
    path(
        "lessons/<int:lesson_id>/complete/",
        lessons.lesson_complete,
        name="lesson_complete",
    ),
]
