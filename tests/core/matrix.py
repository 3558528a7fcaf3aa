from tests.matrix import FORBIDDEN, OK, REDIRECT, everyone, row

ROWS = {
    "page:home": ("/", everyone(OK)),
    "wagtailadmin_home": ("/admin/", row(REDIRECT, FORBIDDEN, OK, FORBIDDEN, OK)),
    "set_language": ("/i18n/setlang/?next=/", everyone(REDIRECT)),
    # Wagtail's page-privacy helpers and page serving: public by design.
    "wagtailcore_authenticate_with_password": None,
    "wagtailcore_login": None,
    "wagtail_serve": None,
}
