"""The public verify pages, included at the root: /verify/ and /verify/<code>/.

lms/urls.py: path("verify/", include("lms.certification.verify_urls")),
"""

from django.urls import path

from .badges import views as badges
from .views import verify

app_name = "verify"

urlpatterns = [
    path("", verify.verify_form, name="form"),
    # Open Badges 3.0 (lms/certification/badges/): before <code>/ so "badges"
    # is never read as a code.
    path("badges/issuer.json", badges.issuer, name="badge_issuer"),
    path("badges/jwks.json", badges.jwks, name="badge_jwks"),
    path("badges/keys/<str:kid>.json", badges.key, name="badge_key"),
    path("badges/status/revocation.jwt", badges.status_list, name="badge_status"),
    path("<str:code>/badge.jwt", badges.badge, name="badge"),
    path("<str:code>/", verify.verify_result, name="result"),
]
