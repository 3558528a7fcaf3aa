from django.urls import path

from .views import certificates, charts, exports, learner, registry, roster

app_name = "reports"

urlpatterns = [
    path("", roster.roster, name="roster"),
    path("learners/<int:user_id>/", learner.learner_detail, name="learner"),
    path(
        "learners/<int:user_id>/golive/",
        learner.golive_signoff,
        name="golive_signoff",
    ),
    path(
        "learners/<int:user_id>/golive/withdraw/",
        learner.golive_withdraw_view,
        name="golive_withdraw",
    ),
    path("attempts/<int:attempt_id>/", learner.attempt_detail, name="attempt"),
    path("certificates/", registry.registry, name="registry"),
    path(
        "certificates/issue/",
        certificates.certificate_issue_view,
        name="certificate_issue",
    ),
    path("certificates/audit/", certificates.audit_log, name="certificate_audit"),
    path(
        "certificates/<str:serial>/",
        certificates.certificate_detail,
        name="certificate",
    ),
    path(
        "certificates/<str:serial>/revoke/",
        certificates.certificate_revoke_view,
        name="certificate_revoke",
    ),
    path(
        "certificates/<str:serial>/reissue/",
        certificates.certificate_reissue_view,
        name="certificate_reissue",
    ),
    path("charts/", charts.charts, name="charts"),
    path("exports/", exports.export_list, name="exports"),
    path("exports/new/", exports.export_create, name="export_create"),
    path("exports/<uuid:job_id>/", exports.export_detail, name="export"),
    path(
        "exports/<uuid:job_id>/download/",
        exports.export_download,
        name="export_download",
    ),
]
