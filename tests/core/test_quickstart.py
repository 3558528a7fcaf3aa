import json

from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from lms.accounts.roles import HR, LEARNER, TRAINER
from lms.courses.models import CourseIndexPage, HomePage


def snapshot():
    User = get_user_model()
    return {
        "users": sorted(
            (u.username, u.password, tuple(g.name for g in u.groups.all()))
            for u in User.objects.prefetch_related("groups")
        ),
        "pages": sorted(Page.objects.values_list("id", "title", "url_path")),
        "sites": list(Site.objects.values_list("id", "root_page_id")),
    }


def test_quickstart_sets_up_once_and_changes_nothing_the_second_time(
    db, settings, tmp_path, capsys
):
    settings.VAR_DIR = tmp_path
    call_command("quickstart", "--no-serve")
    first_output = capsys.readouterr().out
    first = snapshot()
    call_command("quickstart", "--no-serve")
    second_output = capsys.readouterr().out
    assert snapshot() == first

    passwords = json.loads((tmp_path / "demo-accounts.json").read_text())
    assert set(passwords) == {"learner", "trainer", "hr", "admin"}
    for username, password in passwords.items():
        assert password in first_output and password in second_output
        user = get_user_model().objects.get(username=username)
        assert user.check_password(password)

    User = get_user_model()
    assert User.objects.get(username="learner").groups.get().name == LEARNER
    assert User.objects.get(username="trainer").groups.get().name == TRAINER
    assert User.objects.get(username="hr").groups.get().name == HR
    assert User.objects.get(username="admin").is_superuser

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.id
    assert CourseIndexPage.objects.child_of(home).exists()
