from tests.matrix import FORBIDDEN, NOT_FOUND, OK, REDIRECT, everyone, row

ROWS = {
    "page:home": ("/", everyone(OK)),
    "wagtailadmin_home": ("/admin/", row(REDIRECT, FORBIDDEN, OK, FORBIDDEN, OK)),
    "set_language": ("/i18n/setlang/?next=/", everyone(REDIRECT)),
    # The load balancer's probe: public, names services, shows no data.
    "health": ("/health/?format=json", everyone(OK)),
    "health_node": ("/health/node/?format=json", everyone(OK)),
    # Wagtail's page-privacy helpers and page serving: public by design.
    "wagtailcore_authenticate_with_password": None,
    "wagtailcore_login": None,
    "wagtail_serve": None,
    # Uploaded files and Wagtail documents: public like the pages that show them
    # (tests/core/test_uploaded_files.py checks their headers).
    "media": ("/media/original_images/none.png", everyone(NOT_FOUND)),
    "wagtaildocs_serve": ("/documents/999999/none.pdf", everyone(NOT_FOUND)),
    "wagtaildocs_authenticate_with_password": None,
}
