from django.urls import path, re_path

from .views import learner, moved

app_name = "certification"

urlpatterns = [
    path("", learner.my_certificates, name="mine"),
    # HR's register moved into the registry at /hr/certificates/.
    re_path(r"^hr/(?P<rest>.*)$", moved.registry_moved, name="hr_moved"),
    path("<str:serial>/pdf/", learner.certificate_download, name="download"),
]
