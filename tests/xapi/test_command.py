"""``lms xapi export|send|status``."""

import json
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from lms.courses.models import LessonPage
from lms.courses.progress import lesson_mark_complete
from lms.xapi.models import OutboxStatement, OutboxStatus
from tests.courses.pages import make_course
from tests.xapi.lrs import point_at

SHANGHAI = ZoneInfo("Asia/Shanghai")


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("xapi", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def history(index, learner):
    """One lesson done on 1 December, the other (and the course) on 5 December."""
    course = make_course(index, "aftersales", lessons=2)
    first, second = LessonPage.objects.child_of(course).order_by("path")
    with time_machine.travel(datetime(2026, 12, 1, 10, tzinfo=SHANGHAI), tick=False):
        lesson_mark_complete(user=learner, lesson=first, course=course)
    with time_machine.travel(datetime(2026, 12, 5, 10, tzinfo=SHANGHAI), tick=False):
        lesson_mark_complete(user=learner, lesson=second, course=course)
    return course


def test_export_writes_the_statements_since_a_date_as_json_lines(history):
    out, err = run("export", "--since", "2026-12-02")
    lines = [json.loads(line) for line in out.splitlines()]
    recent = OutboxStatement.objects.filter(timestamp__gte="2026-12-02T00:00+08:00")
    assert [s["id"] for s in lines] == [str(r.statement_id) for r in recent]
    assert lines == [row.statement for row in recent]
    assert [s["timestamp"] for s in lines] == ["2026-12-05T02:00:00.000Z"] * 2
    assert err.strip() == "2 statement(s)"


def test_export_since_a_day_means_from_midnight_in_shanghai(history):
    out, _err = run("export", "--since", "2026-12-01", "--until", "2026-12-02")
    (line,) = out.splitlines()
    assert json.loads(line)["timestamp"] == "2026-12-01T02:00:00.000Z"


def test_export_to_a_file(history, tmp_path):
    target = tmp_path / "statements.jsonl"
    out, err = run("export", "--since", "2026-01-01", "-o", str(target))
    assert out == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and err.strip() == "3 statement(s)"
    assert "林晓雨" in lines[0]  # Chinese as it is, not \\u escapes


def test_export_writes_what_the_lrs_holds(history, lrs):
    run("send")
    out, _err = run("export", "--since", "2026-01-01")
    for line in out.splitlines():
        exported = json.loads(line)
        stored = lrs.statement(exported["id"])
        for key in ("actor", "verb", "object", "context", "timestamp"):
            assert stored[key] == exported[key], key


def test_export_refuses_a_date_it_cannot_read(db):
    with pytest.raises(CommandError, match=r"--since '1\.12\.2026': not a date"):
        run("export", "--since", "1.12.2026")
    with pytest.raises(CommandError, match="--until"):
        run("export", "--since", "2026-12-01", "--until", "tomorrow")


def test_send_says_when_there_is_no_lrs(db):
    with pytest.raises(CommandError, match="LMS_XAPI_ENDPOINT is not set"):
        run("send")


def test_send_with_the_lrs_down_fails_loudly_and_keeps_everything(history, down_lrs):
    with pytest.raises(CommandError, match="did not take everything"):
        run("send")
    assert OutboxStatement.objects.pending().filter(attempts=1).count() == 3


def test_send_all_does_not_wait_for_the_next_try(history, down_lrs, ralph, settings):
    with pytest.raises(CommandError):
        run("send")
    point_at(settings, ralph.endpoint)  # the LRS is back
    out, _err = run("send")
    assert "0 sent" in out  # not due yet
    out, _err = run("send", "--all")
    assert "3 sent" in out and "0 pending" in out


def test_send_retry_rejected_puts_refused_statements_back(history, lrs):
    OutboxStatement.objects.update(status=OutboxStatus.REJECTED, next_try=None)
    out, _err = run("send", "--retry-rejected")
    assert "3 sent" in out
    assert not OutboxStatement.objects.exclude(status=OutboxStatus.SENT).exists()


def test_status_counts_statements(history):
    OutboxStatement.objects.filter(event="course.completed").update(
        status=OutboxStatus.SENT
    )
    out, _err = run("status")
    assert out.splitlines() == ["pending\t2", "sent\t1", "rejected\t0"]
