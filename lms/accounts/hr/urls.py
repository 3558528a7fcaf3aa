"""/hr/people/: HR's people pages (mounted in lms/urls.py before /hr/)."""

from django.urls import path

from . import directory, groups, importing

app_name = "people"

urlpatterns = [
    path("", directory.people_list, name="list"),
    path("move/", directory.people_move_view, name="move"),
    path("export/", directory.people_export, name="export"),
    path("<int:user_id>/reset-link/", directory.reset_link, name="reset_link"),
    path("import/", importing.import_upload, name="import"),
    path("import/confirm/", importing.import_confirm, name="import_confirm"),
    path("import/template/", importing.import_template, name="template"),
    path("teams/", groups.groups, name="groups"),
    path("teams/<int:team_id>/", groups.team_edit, name="team"),
    path("cohorts/<int:cohort_id>/", groups.cohort_edit, name="cohort"),
]
