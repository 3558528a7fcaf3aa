from django.urls import path

from .views import hr, learner

app_name = "certification"

urlpatterns = [
    path("", learner.my_certificates, name="mine"),
    path("hr/", hr.certificate_list, name="hr_list"),
    path("hr/issue/", hr.certificate_issue_view, name="hr_issue"),
    path("hr/audit/", hr.audit_log, name="hr_audit"),
    path("hr/<str:serial>/", hr.certificate_detail, name="hr_detail"),
    path("hr/<str:serial>/revoke/", hr.certificate_revoke_view, name="hr_revoke"),
    path("hr/<str:serial>/reissue/", hr.certificate_reissue_view, name="hr_reissue"),
    path("<str:serial>/pdf/", learner.certificate_download, name="download"),
]
