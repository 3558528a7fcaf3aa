"""The project's URLs plus the public verify pages at /verify/.

Until lms/urls.py includes lms.certification.verify_urls itself; then this is
the project's urlconf unchanged.
"""

from django.urls import include, path

from lms.urls import urlpatterns as project_urlpatterns


def verify_included(patterns) -> bool:
    return any(getattr(p, "namespace", None) == "verify" for p in patterns)


if verify_included(project_urlpatterns):
    urlpatterns = list(project_urlpatterns)
else:
    urlpatterns = [
        path("verify/", include("lms.certification.verify_urls")),
        *project_urlpatterns,
    ]
