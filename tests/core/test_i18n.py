"""Chinese by default, English on request, and a complete zh-hans catalogue."""

from pathlib import Path

import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "lms" / "locale"


def test_pages_are_in_simplified_chinese_by_default(client, site_tree):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert 'lang="zh-CN"' in html
    assert "欢迎来到客服学院" in html


def test_language_switch_turns_the_site_english(client, site_tree):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert 'lang="en"' in html
    assert "Welcome to Kefu Academy" in html
    assert "简体中文" in html  # the way back


def test_every_page_offers_the_language_switcher(client, learner):
    client.force_login(learner)
    for path in ("/", "/courses/", "/dashboard/", "/accounts/password/"):
        assert 'action="/i18n/setlang/"' in client.get(path).content.decode(), path


def parse_po(path: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for every entry except the header."""
    entries, msgid, msgstr, fuzzy, field = [], None, None, False, None

    def flush():
        if msgid:
            entries.append((msgid, msgstr or "", fuzzy))

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#,") and "fuzzy" in line:
            flush()
            msgid, msgstr, fuzzy, field = None, None, True, None
        elif line.startswith("msgid "):
            if msgstr is not None:
                flush()
                fuzzy = False if msgid else fuzzy
            msgid, msgstr, field = line[7:-1], None, "id"
        elif line.startswith("msgstr"):
            msgstr, field = line.split(" ", 1)[1][1:-1], "str"
        elif line.startswith('"') and field == "id":
            msgid += line[1:-1]
        elif line.startswith('"') and field == "str":
            msgstr += line[1:-1]
        elif not line.strip():
            flush()
            msgid, msgstr, fuzzy, field = None, None, False, None
    flush()
    return entries


def test_zh_hans_catalogue_is_complete():
    po = LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"
    entries = parse_po(po)
    assert len(entries) > 30
    missing = [msgid for msgid, msgstr, fuzzy in entries if not msgstr or fuzzy]
    assert missing == []


def test_compiled_catalogue_is_not_older_than_its_source():
    po = LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists()
    assert mo.stat().st_size > 1000


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_dashboard_renders_in_both_languages(client, learner, language):
    client.force_login(learner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get("/dashboard/").content.decode()
    assert ("我的学习" in html) == (language == "zh-hans")
