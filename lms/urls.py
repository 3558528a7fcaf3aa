from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms.accounts.language import set_language
from lms.core.health import health, health_node
from lms.courses.views.dashboard import dashboard
from lms.courses.views.search import search

urlpatterns = [
    # One login page: Wagtail's own login form is replaced by the site's.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
        name="admin_login",
    ),
    path("admin/", include(wagtailadmin_urls)),
    # Company sign-in: allauth's provider URLs only (the login page stays ours).
    path("accounts/sso/", include("lms.accounts.sso.urls")),
    path("accounts/", include("lms.accounts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("dashboard/", dashboard, name="dashboard"),
    path("search/", search, name="search"),
    path("learn/", include("lms.courses.urls")),
    path("quizzes/", include("lms.quizzes.urls")),
    path("drills/", include("lms.drills.urls")),
    path("certificates/", include("lms.certification.urls")),
    # HR's people pages: import, export, teams and cohorts (lms/accounts/hr/).
    path("hr/people/", include("lms.accounts.hr.urls")),
    path("hr/", include("lms.reports.urls")),
    path("verify/", include("lms.certification.verify_urls")),
    path("api/", include("lms.api.urls")),  # the HR read API (lms/api/)
    # Probes (lms/core/health.py): everything, and what one web node needs.
    path("health/", health, name="health"),
    path("health/node/", health_node, name="health_node"),
]

if settings.DEBUG or settings.LMS_SERVE_MEDIA:
    # Uploaded images, with headers that keep any file from running as a page
    # (lms/core/media.py); export files (personal data) are handed out only by the
    # permission-checked download view, never as plain media.
    from django.urls import re_path

    from lms.core.media import serve_media

    media = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media}(?!exports/)(?P<path>.*)$", serve_media, name="media"),
    ]

urlpatterns += [
    # Documents through Wagtail's view: a download (Content-Disposition: attachment)
    # with a policy that runs nothing, and collection privacy respected.
    path("documents/", include(wagtaildocs_urls)),
    path("", include(wagtail_urls)),
]
