from django.urls import path

from .views import appeals, catalogue, linter, report, transcripts, workbench

app_name = "drills"

urlpatterns = [
    path("", catalogue.catalogue, name="catalogue"),
    path("scenarios/<slug:slug>/start/", catalogue.start, name="start"),
    path("rush/<slug:slug>/start/", catalogue.start_rush, name="rush_start"),
    path("sessions/<int:pk>/", workbench.workbench, name="workbench"),
    path("sessions/<int:pk>/poll/", workbench.poll, name="poll"),
    path("sessions/<int:pk>/reply/", workbench.reply, name="reply"),
    path("sessions/<int:pk>/abandon/", workbench.abandon, name="abandon"),
    path("sessions/<int:pk>/report/", report.report, name="report"),
    path(
        "sessions/<int:pk>/turns/<int:order>/appeal/", appeals.appeal, name="appeal"
    ),
    path("review/", appeals.review_queue, name="review"),
    path("appeals/<int:pk>/resolve/", appeals.resolve, name="appeal_resolve"),
    path("linter/", linter.linter, name="linter"),
    path("transcripts/", transcripts.transcript_list, name="transcripts"),
    path("transcripts/<int:pk>/", transcripts.transcript_detail, name="transcript"),
    path(
        "transcripts/<int:pk>/turns/<int:order>/override/",
        transcripts.turn_override_view,
        name="override",
    ),
]
