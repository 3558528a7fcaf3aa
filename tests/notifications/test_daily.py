"""`lms notify daily`: due in 3 days, overdue, expiring, the trainers' digest —
each told once, in the recipient's language, by e-mail from the task worker."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from lms.notifications.daily import notify_daily
from lms.notifications.models import Notice
from tests.assignments.helpers import assign
from tests.reports.helpers import NOW, attempt, certificate, drill, learner

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 24)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the daily job at `now` (frozen), e-mails sent as the worker would."""

    def daily(now=NOW):
        with time_machine.travel(now, tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                return notify_daily(now=now)

    return daily


def kinds(user) -> list[str]:
    return sorted(Notice.objects.filter(user=user).values_list("kind", flat=True))


def test_an_assignment_due_in_3_days_is_told_once(world, run):
    user = learner(world, "soon")
    assign(to=world.cohort, item=world.exam, due_on=TODAY + timedelta(days=3))
    assert run().due_soon == 1
    assert kinds(user) == ["due_soon"]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    assert run().due_soon == 0  # the same day again
    assert run(NOW + timedelta(days=1)).due_soon == 0  # and the next day
    assert len(mail.outbox) == 1


def test_far_deadlines_and_done_work_are_not_told(world, run):
    far = learner(world, "far")
    done = learner(world, "done-already")
    assign(to=far, item=world.exam, due_on=TODAY + timedelta(days=4))
    assign(to=done, item=world.exam, due_on=TODAY - timedelta(days=4))
    attempt(done, world.exam, 95, at=NOW - timedelta(days=1))
    report = run()
    assert (report.due_soon, report.overdue) == (0, 0)
    assert Notice.objects.count() == 0


def test_overdue_work_is_told_the_day_after_the_deadline_and_only_once(world, run):
    user = learner(world, "late")
    assign(to=user, item=world.s1, due_on=TODAY)
    assert run().overdue == 0
    assert run(NOW + timedelta(days=1)).overdue == 1
    assert run(NOW + timedelta(days=2)).overdue == 0
    assert kinds(user) == ["due_soon", "overdue"]


def test_expiring_certificates_are_told_through_notifications(world, run):
    user = learner(world, "expiring")
    cert = certificate(
        user,
        world.path,
        issued_at=NOW - timedelta(days=340),
        expires_at=NOW + timedelta(days=20),
    )
    assert run().expiring == 1
    notice = Notice.objects.get(user=user)
    assert (notice.kind, notice.key) == (
        "certificate_expiring",
        f"certificate:{cert.serial}",
    )
    assert cert.serial in mail.outbox[0].subject
    assert run().expiring == 0 and len(mail.outbox) == 1


def test_trainers_get_one_digest_a_day_while_sessions_wait(world, run, trainer):
    user = learner(world, "weak")
    drill(user, world.s1, 30, at=NOW - timedelta(hours=3))  # failed: low score
    assert run().digests == 1
    notice = Notice.objects.get(user=trainer)
    assert notice.kind == "review_digest" and notice.params["low"] == 1
    assert notice.url == "/drills/review/"
    assert run().digests == 0
    assert run(NOW + timedelta(days=1)).digests == 1


def test_no_digest_when_nothing_waits(world, run, trainer):
    drill(learner(world, "good"), world.s1, 95, at=NOW - timedelta(hours=3))
    assert run().digests == 0


def test_a_kind_switched_off_sends_nothing(world, run, settings):
    settings.LMS_NOTIFY = {**settings.LMS_NOTIFY, "due_soon": False}
    learner(world, "quiet")
    assign(to=world.cohort, item=world.exam, due_on=TODAY + timedelta(days=1))
    assert run().due_soon == 0
    assert Notice.objects.count() == 0 and mail.outbox == []


def test_e_mails_are_written_in_the_site_language_whatever_is_active(world, run):
    user = learner(world, "zh")
    assign(to=user, item=world.exam, due_on=TODAY + timedelta(days=2))
    with translation.override("en"):
        run()
    message = mail.outbox[0]
    assert world.exam.title in message.subject
    assert "到期" in message.subject + message.body
    assert "Due on" not in message.subject


def test_e_mails_follow_the_language_setting(world, run, settings):
    settings.LANGUAGE_CODE = "en"
    user = learner(world, "en")
    assign(to=user, item=world.exam, due_on=TODAY + timedelta(days=2))
    run()
    assert mail.outbox[0].subject.startswith("Due on 2026-11-26")


def test_learners_without_an_address_still_see_the_notice(world, run, client):
    user = learner(world, "no-mail", email="")
    assign(to=user, item=world.exam, due_on=TODAY + timedelta(days=1))
    run()
    assert mail.outbox == []
    client.force_login(user)
    with time_machine.travel(NOW, tick=False):
        html = client.get("/dashboard/").text
    assert 'data-testid="notices-panel"' in html and world.exam.title in html


def test_the_command_prints_what_it_did(world, capsys):
    learner(world, "cmd")
    assign(to=world.cohort, item=world.exam, due_on=TODAY - timedelta(days=1))
    with time_machine.travel(NOW, tick=False):
        call_command("notify", "daily")
    assert "overdue 1" in capsys.readouterr().out


def test_e_mails_follow_the_learners_own_language_choice(world, run):
    english = learner(world, "en-reader", language="en")
    chinese = learner(world, "zh-reader")
    for user in (english, chinese):
        assign(to=user, item=world.exam, due_on=TODAY + timedelta(days=2))
    run()
    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address[english.email].subject.startswith("Due on 2026-11-26")
    assert "到期" in by_address[chinese.email].subject + by_address[chinese.email].body
