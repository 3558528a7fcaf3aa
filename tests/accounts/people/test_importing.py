"""The import's rules against a real database: create, update, refuse, once."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from lms.accounts.models import Cohort, Team
from lms.accounts.people.applying import LINK, PRINT, people_import, people_plan
from lms.accounts.people.reading import read_table
from lms.accounts.roles import HR, LEARNER, TRAINER
from lms.certification.models import AuditLogEntry
from tests.factories import HRFactory, LearnerFactory, TeamFactory, TrainerFactory

from .helpers import csv_bytes, person, xlsx_bytes

pytestmark = pytest.mark.django_db
User = get_user_model()
BASE = "https://academy.example.com"

NEW_HIRES = [
    person(
        "KF101",
        "赵子轩",
        phone="13800001201",
        email="zzx@example.com",
        team="客服一组",
        cohort="2026年12月批",
        hired="2026-12-01",
    ),  # fmt: skip
    person(
        "KF102",
        "钱思琪",
        phone="138 0000 1202",
        team="客服二组",
        cohort="2026年12月批",
        hired="2026/12/1",
        role="学员",
    ),  # fmt: skip
    person("TR201", "冯晓彤", email="fxt@example.com", role="培训师"),
]


def table(rows, **kwargs):
    return read_table(csv_bytes(rows, **kwargs), "new-hires.csv")


def run(rows, *, actor=None, **kwargs):
    return people_import(table=table(rows), actor=actor, base_url=BASE, **kwargs)


def roles(user):
    return set(user.groups.values_list("name", flat=True))


def test_new_hires_are_created_with_team_cohort_role_and_no_usable_password(db):
    result = run(NEW_HIRES)
    assert [a.employee_no for a in result.created] == ["KF101", "KF102", "TR201"]
    zhao = User.objects.get(employee_no="KF101")
    assert zhao.username == "KF101"
    assert zhao.display_name == "赵子轩"
    assert (zhao.team.name, zhao.cohort.name) == ("客服一组", "2026年12月批")
    assert zhao.hire_date == date(2026, 12, 1)
    assert zhao.phone == "13800001201"
    assert not zhao.has_usable_password()
    assert zhao.must_set_password
    assert roles(zhao) == {LEARNER}
    assert roles(User.objects.get(employee_no="TR201")) == {TRAINER}
    assert User.objects.get(employee_no="KF102").phone == "13800001202"
    assert Team.objects.filter(name__in=["客服一组", "客服二组"]).count() == 2


def test_each_new_account_gets_a_one_time_link_that_opens_the_set_password_form(
    site_tree, client
):
    result = run(NEW_HIRES[:1], passwords=LINK)
    link = result.created[0].link
    assert link.startswith(f"{BASE}/accounts/password/reset/")
    response = client.get(link.removeprefix(BASE), follow=True)
    assert b'data-testid="set-password-form"' in response.content


def test_a_printed_initial_password_logs_in_and_must_then_be_changed(db, client):
    result = run(NEW_HIRES[:1], passwords=PRINT)
    password = result.created[0].password
    assert len(password) == 10
    client.post("/accounts/login/", {"username": "KF101", "password": password})
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/"


def test_the_same_file_twice_changes_nothing_the_second_time(db):
    run(NEW_HIRES)
    before = list(User.objects.order_by("pk").values())
    again = run(NEW_HIRES)
    assert again.created == [] and again.updated == 0
    assert len(again.plan.unchanged) == 3
    assert list(User.objects.order_by("pk").values()) == before


def test_an_existing_person_is_updated_and_their_password_never_touched(db):
    lin = LearnerFactory(username="lin", employee_no="KF001", display_name="林晓雨")
    password_hash = lin.password
    result = run(
        [
            person(
                "KF001",
                "林晓雨",
                phone="13912345678",
                team="售后组",
                hired="2026-10-08",
            )
        ]
    )
    assert result.updated == 1
    change = result.plan.updates[0].changes
    assert change["phone"] == ("", "13912345678")
    assert change["team"][1] == "售后组"
    lin.refresh_from_db()
    assert lin.password == password_hash
    assert not lin.must_set_password
    assert lin.username == "lin"
    assert lin.team.name == "售后组"


def test_blank_cells_leave_existing_values_alone(db):
    LearnerFactory(employee_no="KF001", display_name="林晓雨", email="lin@example.com")
    plan = people_plan(table=table([person("KF001", "")]), actor=None)
    assert len(plan.unchanged) == 1


def test_a_role_column_moves_someone_to_that_role(db):
    LearnerFactory(username="lin", employee_no="KF001")
    run([person("KF001", "", role="人事")])
    assert roles(User.objects.get(username="lin")) == {HR}


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        (person("KF301", "甲", phone="12345"), "手机", "mobile"),
        (person("KF301", "甲", hired="2026-13-01"), "入职日期", "not a date"),
        (person("KF301", "甲", role="店长"), "角色", "unknown role"),
        (person("KF301", "甲", email="nope"), "邮箱", "e-mail"),
        (person("KF 301", "甲"), "工号", "not a 工号"),
        (person("", "甲"), "工号", "missing"),
        (person("KF301", ""), "姓名", "new account"),
    ],
)
def test_a_refused_row_says_row_column_and_why(db, row, column, reason):
    plan = people_plan(table=table([NEW_HIRES[0], row]), actor=None)
    assert len(plan.creates) == 1
    [error] = plan.errors
    assert (error.number, error.column) == (3, column)
    assert reason in error.message
    assert str(error).startswith("row 3, ")


def test_a_duplicate_employee_number_in_the_file_points_at_the_first_row(db):
    plan = people_plan(
        table=table([NEW_HIRES[0], person("KF101", "又一个")]), actor=None
    )
    [error] = plan.errors
    assert (error.number, error.column) == (3, "工号")
    assert "row 2" in error.message


def test_addresses_that_belong_to_someone_else_are_refused(db):
    LearnerFactory(employee_no="KF001", email="lin@example.com", phone="13800001201")
    plan = people_plan(
        table=table(
            [person("KF302", "乙", email="LIN@example.com", phone="13800001201")]
        ),
        actor=None,
    )
    assert [e.column for e in plan.errors] == ["邮箱", "手机"]


def test_a_user_name_taken_by_another_account_is_refused(db):
    LearnerFactory(username="kf303", employee_no=None)
    [error] = people_plan(table=table([person("KF303", "丙")]), actor=None).errors
    assert "logs in" in error.message


def test_an_archived_team_takes_no_one_new(db):
    Team.objects.create(name="旧组", archived=True)
    [error] = people_plan(
        table=table([person("KF304", "丁", team="旧组")]), actor=None
    ).errors
    assert error.column == "团队/店铺" and "archived" in error.message


def test_a_trainer_imports_learners_only(db):
    trainer = TrainerFactory()
    TrainerFactory(employee_no="TR009")
    rows = [
        person("KF401", "戊"),
        person("KF402", "己", role="人事"),
        person("TR009", "别的培训师", phone="13800009999"),
    ]
    plan = people_plan(table=table(rows), actor=trainer)
    assert [row.employee_no for row in plan.creates] == ["KF401"]
    assert {e.message for e in plan.errors} == {
        "only HR may give the role 人事",
        "a 培训师 account: only HR may change it",
    }


def test_administrator_accounts_are_not_changed_by_an_import(db):
    User.objects.create_superuser("root", "root@example.com", "x", employee_no="AD9")
    [error] = people_plan(table=table([person("AD9", "改名")]), actor=None).errors
    assert "administrator" in error.message


def test_the_import_is_one_transaction(db, monkeypatch):
    from lms.accounts.people import applying

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(applying, "_update", broken)
    LearnerFactory(employee_no="KF001")
    with pytest.raises(RuntimeError):
        run([*NEW_HIRES, person("KF001", "改名")])
    assert not User.objects.filter(employee_no__in=["KF101", "KF102", "TR201"]).exists()
    assert not Cohort.objects.filter(name="2026年12月批").exists()


def test_a_dry_run_writes_nothing(db):
    result = run(NEW_HIRES, dry_run=True)
    assert len(result.plan.creates) == 3
    assert not User.objects.filter(employee_no="KF101").exists()
    assert not AuditLogEntry.objects.exists()


def test_the_import_is_audited_with_who_and_its_counts(db):
    hr_user = HRFactory()
    run(NEW_HIRES[:2])
    run([*NEW_HIRES, person("KF 9", "坏")], actor=hr_user, source="third.csv")
    entry = AuditLogEntry.objects.filter(action="people.imported").first()
    assert entry.actor == hr_user
    assert entry.reason == "third.csv"
    assert (entry.details["created"], entry.details["refused"]) == (1, 1)
    assert entry.details["employee_nos"] == ["TR201"]


def test_an_xlsx_file_imports_like_a_csv(db):
    rows = [["KF501", "庚", 13800005001, "", "客服一组", "", date(2026, 12, 1), "学员"]]
    result = people_import(
        table=read_table(xlsx_bytes(rows), "hires.xlsx"), actor=None, base_url=BASE
    )
    assert len(result.created) == 1
    assert User.objects.get(employee_no="KF501").phone == "13800005001"


def test_a_gbk_file_imports_like_a_utf8_one(db):
    result = people_import(
        table=table(NEW_HIRES, encoding="gbk"), actor=None, base_url=BASE
    )
    assert User.objects.get(employee_no="KF102").display_name == "钱思琪"
    assert len(result.created) == 3


def test_an_existing_team_is_found_not_created_again(db):
    team = TeamFactory(name="客服一组")
    run(NEW_HIRES[:1])
    assert User.objects.get(employee_no="KF101").team == team
