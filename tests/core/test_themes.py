"""LMS_THEME picks a theme; a theme overrides only what differs."""

import subprocess
import sys

from django.contrib.staticfiles import finders
from django.template.loader import get_template
from django.test import override_settings

from lms.settings.base import THEMES_DIR


def theme_settings(name: str) -> dict:
    names = [name] if name == "default" else [name, "default"]
    return {
        "STATICFILES_DIRS": [THEMES_DIR / n / "static" for n in names],
        "LMS_THEME": name,
    }


def test_default_theme_serves_its_own_colours():
    with override_settings(**theme_settings("default")):
        finders.get_finder.cache_clear()
        found = finders.find("theme/theme.css")
    assert "themes/default/" in str(found)
    assert "#1a64d6" in open(found, encoding="utf-8").read()


def test_example_store_theme_overrides_colours_and_logo_only():
    with override_settings(**theme_settings("example-store")):
        finders.get_finder.cache_clear()
        css = finders.find("theme/theme.css")
        logo = finders.find("theme/logo.svg")
        site_css = finders.find("css/site.css")
    finders.get_finder.cache_clear()
    assert "themes/example-store/" in str(css)
    assert "#c8262b" in open(css, encoding="utf-8").read()
    assert "themes/example-store/" in str(logo)
    # Everything it does not override falls back to the default theme.
    assert "themes/default/" in str(site_css)


def test_lms_theme_variable_selects_template_and_static_dirs():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='lms.settings.test';"
        "django.setup(); from django.conf import settings;"
        "print(settings.TEMPLATES[0]['DIRS'][0]); print(settings.STATICFILES_DIRS[0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"LMS_THEME": "example-store", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    template_dir, static_dir = result.stdout.split()
    assert template_dir.endswith("themes/example-store/templates")
    assert static_dir.endswith("themes/example-store/static")


def test_base_template_comes_from_the_default_theme():
    template = get_template("base.html")
    assert "themes/default/templates" in template.origin.name


def test_learner_pages_declare_a_mobile_viewport(client, site_tree):
    response = client.get("/")
    assert b'name="viewport" content="width=device-width, initial-scale=1"' in (
        response.content
    )
