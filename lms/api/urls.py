"""The HR read API at /api/ (lms/urls.py)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import pages, views

app_name = "api"

router = SimpleRouter()
router.register("people", views.PersonViewSet, basename="person")
router.register("progress", views.ProgressViewSet, basename="progress")
router.register("quiz-results", views.QuizResultViewSet, basename="quiz-result")
router.register("drill-results", views.DrillResultViewSet, basename="drill-result")
router.register("certificates", views.CertificateViewSet, basename="certificate")

urlpatterns = [
    path("schema/", views.SchemaView.as_view(), name="schema"),
    # HTML pages for HR, not part of the JSON API.
    path("tokens/", pages.token_list, name="tokens"),
    path("tokens/<int:token_id>/revoke/", pages.token_revoke_view, name="token_revoke"),
    *router.urls,
]
