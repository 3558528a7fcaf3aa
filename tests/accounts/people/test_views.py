"""The /hr/people/ pages: upload → preview → confirm, teams and cohorts,
moving people, reset links and the export — permission on every one."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.accounts.models import Cohort, Team
from lms.certification.models import AuditLogEntry
from tests.factories import CohortFactory, LearnerFactory, TeamFactory

from .helpers import csv_bytes, person, xlsx_bytes

pytestmark = pytest.mark.django_db
User = get_user_model()

ROWS = [
    person("KF101", "赵子轩", phone="13800001201", team="客服一组", cohort="12月批"),
    person("KF102", "钱思琪", hired="2026-13-40"),
]


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def upload(client, data=None, name="hires.csv", passwords="link"):
    file = SimpleUploadedFile(name, data or csv_bytes(ROWS, encoding="gbk"))
    return client.post("/hr/people/import/", {"file": file, "passwords": passwords})


def confirm(client, response):
    token = response.context["confirm_form"].initial["token"]
    return client.post("/hr/people/import/confirm/", {"token": token})


def test_the_preview_shows_creates_and_refused_rows_and_writes_nothing(client, hr):
    client.force_login(hr)
    response = upload(client)
    assert response.status_code == 200
    plan = response.context["plan"]
    assert [row.employee_no for row in plan.creates] == ["KF101"]
    assert [(e.number, e.column) for e in plan.errors] == [(3, "入职日期")]
    assert b'data-testid="refused-row"' in response.content
    assert not User.objects.filter(employee_no="KF101").exists()
    assert not Team.objects.filter(name="客服一组").exists()


def test_confirm_imports_and_shows_each_link_once(client, hr, tmp_path):
    client.force_login(hr)
    response = confirm(client, upload(client))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    [account] = response.context["result"].created
    assert account.link.startswith("http://testserver/accounts/password/reset/")
    assert account.link.encode() in response.content
    assert User.objects.get(employee_no="KF101").team.name == "客服一组"
    assert list((tmp_path / "people-imports").iterdir()) == []
    entry = AuditLogEntry.objects.get(action="people.imported")
    assert entry.actor == hr


def test_a_confirm_twice_or_from_another_session_imports_nothing(client, hr):
    client.force_login(hr)
    preview = upload(client)
    confirm(client, preview)
    response = confirm(client, preview)
    assert response.status_code == 302
    assert response["Location"] == "/hr/people/import/"
    assert User.objects.filter(employee_no="KF101").count() == 1


def test_an_unreadable_file_is_named_in_the_error(client, hr):
    client.force_login(hr)
    response = upload(client, b"\x00\x01garbage", name="hires.xls")
    assert response.status_code == 400
    assert "hires.xls" in response.context["form"].errors["file"][0]


def test_an_xlsx_upload_previews_like_a_csv(client, hr):
    client.force_login(hr)
    response = upload(client, xlsx_bytes(ROWS), name="hires.xlsx")
    assert len(response.context["plan"].creates) == 1


def test_a_trainer_imports_learners_and_no_one_else(client, trainer):
    client.force_login(trainer)
    rows = [person("KF101", "赵子轩"), person("HR9", "人事甲", role="人事")]
    response = upload(client, csv_bytes(rows))
    plan = response.context["plan"]
    assert [row.employee_no for row in plan.creates] == ["KF101"]
    assert plan.errors[0].column == "角色"
    assert client.get("/hr/people/").status_code == 403


def test_learners_get_403_everywhere_even_on_post(client, learner):
    client.force_login(learner)
    assert upload(client).status_code == 403
    assert client.post("/hr/people/move/", {}).status_code == 403


def test_the_template_downloads_as_xlsx_or_csv(client, hr):
    client.force_login(hr)
    xlsx = client.get("/hr/people/import/template/")
    assert xlsx.content.startswith(b"PK")
    assert "attachment" in xlsx["Content-Disposition"]
    csv = client.get("/hr/people/import/template/?format=csv")
    assert csv.content.decode("utf-8-sig").startswith("工号,姓名,手机,邮箱")


def test_the_export_follows_the_filters_and_is_audited(client, hr):
    team = TeamFactory(name="客服一组")
    LearnerFactory(employee_no="KF001", team=team)
    LearnerFactory(employee_no="KF002")
    client.force_login(hr)
    response = client.get(f"/hr/people/export/?team={team.pk}&format=csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ["KF001"]
    assert AuditLogEntry.objects.get(action="people.exported").details == {"count": 1}


def test_hr_creates_renames_and_archives_teams_and_each_change_is_audited(client, hr):
    client.force_login(hr)
    client.post("/hr/people/teams/", {"kind": "team", "team-name": "客服三组"})
    team = Team.objects.get(name="客服三组")
    response = client.post(
        f"/hr/people/teams/{team.pk}/",
        {"name": "售后一组", "store": "轻风运动旗舰店", "archived": "on"},
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert (team.name, team.archived) == ("售后一组", True)
    created, changed = AuditLogEntry.objects.order_by("id")
    assert (created.action, created.actor, created.details["team"]) == (
        "team.created", hr, "客服三组",
    )  # fmt: skip
    assert changed.details["changes"] == {
        "name": ["客服三组", "售后一组"],
        "store": ["", "轻风运动旗舰店"],
        "archived": [False, True],
    }
    page = client.get("/hr/people/teams/")
    assert page.content.decode().count('data-testid="group-audit-row"') == 2


def test_a_duplicate_team_name_is_a_form_error(client, hr):
    TeamFactory(name="客服一组")
    client.force_login(hr)
    response = client.post(
        "/hr/people/teams/", {"kind": "team", "team-name": "客服一组"}
    )
    assert response.status_code == 400
    assert response.context["team_form"].errors["name"]


def test_hr_creates_and_edits_cohorts(client, hr):
    client.force_login(hr)
    client.post(
        "/hr/people/teams/",
        {
            "kind": "cohort",
            "cohort-name": "2027年1月批",
            "cohort-starts_on": "2027-01-04",
        },
    )
    cohort = Cohort.objects.get(name="2027年1月批")
    client.post(
        f"/hr/people/cohorts/{cohort.pk}/",
        {"name": "2027年1月批", "starts_on": "2027-01-05"},
    )
    entry = AuditLogEntry.objects.get(action="cohort.changed")
    assert entry.details["changes"] == {"starts_on": ["2027-01-04", "2027-01-05"]}


def test_moving_people_records_each_move(client, hr):
    old, new = TeamFactory(name="客服一组"), TeamFactory(name="客服二组")
    cohort = CohortFactory(name="12月批")
    lin = LearnerFactory(team=old)
    an = LearnerFactory(team=new)
    client.force_login(hr)
    response = client.post(
        "/hr/people/move/",
        {"people": [lin.pk, an.pk], "team": new.pk, "cohort": cohort.pk, "back": "q=x"},
    )
    assert response["Location"] == "/hr/people/?q=x"
    lin.refresh_from_db()
    assert (lin.team, lin.cohort) == (new, cohort)
    moves = AuditLogEntry.objects.filter(action="person.moved")
    assert moves.count() == 2
    assert moves.get(subject=lin).details["changes"]["team"] == ["客服一组", "客服二组"]


def test_no_one_is_moved_into_an_archived_team(client, hr):
    archived = TeamFactory(name="旧组", archived=True)
    lin = LearnerFactory()
    client.force_login(hr)
    client.post("/hr/people/move/", {"people": [lin.pk], "team": archived.pk})
    lin.refresh_from_db()
    assert lin.team != archived
    assert not AuditLogEntry.objects.exists()


def test_send_reset_link_mails_the_person_and_is_audited(client, hr):
    lin = LearnerFactory(email="lin@example.com")
    client.force_login(hr)
    response = client.post(f"/hr/people/{lin.pk}/reset-link/")
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["lin@example.com"]
    assert "/accounts/password/reset/" in message.body
    entry = AuditLogEntry.objects.get(action="person.reset_link_sent")
    assert (entry.actor, entry.subject) == (hr, lin)


def test_without_an_email_the_link_is_shown_to_hr_instead(client, hr):
    lin = LearnerFactory(email="")
    client.force_login(hr)
    response = client.post(f"/hr/people/{lin.pk}/reset-link/")
    assert response.status_code == 200
    assert b'data-testid="reset-link-url"' in response.content
    assert mail.outbox == []


def test_reset_link_needs_post_and_a_csrf_token(hr):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(hr)
    lin = LearnerFactory()
    assert client.get(f"/hr/people/{lin.pk}/reset-link/").status_code == 405
    assert client.post(f"/hr/people/{lin.pk}/reset-link/").status_code == 403


def test_uploads_never_confirmed_are_deleted_after_a_day(client, hr, tmp_path):
    import os
    import time

    folder = tmp_path / "people-imports"
    folder.mkdir()
    old = folder / "abandoned.upload"
    old.write_bytes(b"personal data")
    day_ago = time.time() - 25 * 3600
    os.utime(old, (day_ago, day_ago))
    client.force_login(hr)
    upload(client)
    assert not old.exists()
    assert len(list(folder.iterdir())) == 1  # this preview's own file


def test_links_can_be_mailed_to_new_people_after_the_import_commits(
    client, hr, django_capture_on_commit_callbacks
):
    rows = [
        person("KF201", "甲", email="jia@example.com"),
        person("KF202", "乙"),  # no address: HR passes the link on
    ]
    client.force_login(hr)
    file = SimpleUploadedFile("h.csv", csv_bytes(rows))
    preview = client.post(
        "/hr/people/import/", {"file": file, "passwords": "link", "mail_links": "on"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(client, preview)
    assert b'data-testid="links-mailed"' in response.content
    [message] = mail.outbox
    assert message.to == ["jia@example.com"]
    link = response.context["result"].created[0].link
    assert link in message.body


def test_hr_is_not_shown_the_link_of_a_staff_account_without_an_email(
    client, hr, trainer
):
    trainer.email = ""
    trainer.save()
    client.force_login(hr)
    response = client.post(f"/hr/people/{trainer.pk}/reset-link/")
    assert response.status_code == 302
    assert not AuditLogEntry.objects.exists()
