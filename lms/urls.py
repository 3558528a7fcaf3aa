from django.conf import settings
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from lms.courses.views.dashboard import dashboard
from lms.courses.views.search import search

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("lms.accounts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("dashboard/", dashboard, name="dashboard"),
    path("search/", search, name="search"),
    path("learn/", include("lms.courses.urls")),
    path("quizzes/", include("lms.quizzes.urls")),
    path("drills/", include("lms.drills.urls")),
    path("certificates/", include("lms.certification.urls")),
    path("hr/", include("lms.reports.urls")),
    path("verify/", include("lms.certification.verify_urls")),
]

if settings.DEBUG:
    # Images for the dev server; export files (personal data) are handed out only
    # by the permission-checked download view, never as plain media.
    from django.urls import re_path
    from django.views.static import serve

    media = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(
            rf"^{media}(?!exports/)(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

urlpatterns += [path("", include(wagtail_urls))]
