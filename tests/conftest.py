import os

import pytest

PASSWORD = "correct-horse-battery"  # the factories' password for every user

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def restore_permissions():
    """Recreate what migrations made and a flush removed."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    admin_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailadmin", model="admin"
    )
    Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )


@pytest.fixture
def site_tree(db):
    """Root → 首页 → 课程中心, and the role groups with their permissions.

    Transactional tests flush the database, so this is rebuilt on demand.
    """
    from django.contrib.auth.models import Group, Permission

    from lms.accounts.roles import sync_page_permissions, sync_roles
    from lms.courses.site_tree import ensure_site_tree

    home, index = ensure_site_tree()
    if not Permission.objects.filter(codename="access_admin").exists():
        restore_permissions()
    sync_roles(Group=Group, Permission=Permission)
    sync_page_permissions()
    return home, index


@pytest.fixture
def learner(site_tree):
    from tests.factories import LearnerFactory

    return LearnerFactory(username="learner", display_name="林晓雨")


@pytest.fixture
def trainer(site_tree):
    from tests.factories import TrainerFactory

    return TrainerFactory(username="trainer", display_name="陈思远")


@pytest.fixture
def hr(site_tree):
    from tests.factories import HRFactory

    return HRFactory(username="hr", display_name="王嘉怡")


@pytest.fixture
def admin_user(site_tree):
    from tests.factories import AdminFactory

    return AdminFactory(username="admin", display_name="管理员")


@pytest.fixture
def password():
    return PASSWORD


# --- browser ---------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt chromium)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM
    # calls from the test body are still synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="zh-CN",
        viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def login(page):
    def do_login(username: str, password: str = PASSWORD):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("form.form button[type=submit]")
        page.wait_for_load_state()
        return page

    return do_login
