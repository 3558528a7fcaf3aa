"""The public verify pages, included at the root: /verify/ and /verify/<code>/.

lms/urls.py: path("verify/", include("lms.certification.verify_urls")),
"""

from django.urls import path

from .views import verify

app_name = "verify"

urlpatterns = [
    path("", verify.verify_form, name="form"),
    path("<str:code>/", verify.verify_result, name="result"),
]
