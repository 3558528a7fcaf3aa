"""Exports run as tasks, write CSV (with BOM), XLSX and ZIP, and are downloaded
only by whoever asked for them."""

import csv
import io
import zipfile
from datetime import timedelta

import openpyxl
import pytest
import time_machine
from django.utils import timezone

from lms.reports.exports import export_run, exports_purge
from lms.reports.models import ExportJob, ExportStatus
from tests.factories import HRFactory, LearnerFactory, TrainerFactory
from tests.reports.helpers import NOW, attempt, certificate, drill, learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort_people(world):
    lin = learner(world, "rep-lin", display_name="林晓雨", employee_no="KF001")
    attempt(lin, world.exam, 92.5, at=NOW - timedelta(days=1))
    drill(lin, world.s1, 88, at=NOW - timedelta(days=1))
    certificate(lin, world.path, issued_at=NOW - timedelta(days=2))
    learner(world, "rep-an", display_name="安然")
    learner(world, "rep-other", display_name="别批", cohort=world.other_cohort)
    return lin


def request_export(client, data) -> ExportJob:
    response = client.post("/hr/exports/new/", data)
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert response["Location"] == f"/hr/exports/{job.pk}/"
    return job


def download(client, job) -> bytes:
    response = client.get(f"/hr/exports/{job.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return b"".join(response.streaming_content)


def test_roster_csv_has_a_bom_parses_back_and_keeps_the_chinese(
    client, hr, cohort_people, world
):
    client.force_login(hr)
    job = request_export(client, {"kind": "roster_csv", "cohort": world.cohort.pk})
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE
    assert job.row_count == 2  # the cohort's two learners, not the other cohort's
    content = download(client, job)
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    names = {row[0] for row in body}
    assert names == {"林晓雨", "安然"}
    lin = next(row for row in body if row[0] == "林晓雨")
    assert "KF001" in lin and "客服一组" in lin and "2026年10月批" in lin
    assert lin[header.index("最高分：期末考试")] == "92.5"  # headers in the UI language
    assert "售前客服上岗认证" in header


def test_roster_xlsx_opens_with_openpyxl_and_has_the_rows(
    client, hr, cohort_people, world
):
    client.force_login(hr)
    client.cookies["lms_language"] = "en"  # the export follows the requester's language
    job = request_export(client, {"kind": "roster_xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(download(client, job)))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 3
    header = rows[0]
    lin = next(row for row in rows if row[0] == "林晓雨")
    assert lin[header.index("Best: 期末考试")] == 92.5  # a number, not text
    assert lin[header.index("Drill average")] == 88


def test_registry_csv_and_xlsx_list_the_certificates(client, hr, cohort_people):
    client.force_login(hr)
    job = request_export(client, {"kind": "registry_csv", "q": "林晓雨"})
    rows = list(csv.reader(io.StringIO(download(client, job).decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[1][1] == "林晓雨" and rows[1][6] == "售前客服上岗认证"
    ExportJob.objects.all().delete()
    job = request_export(client, {"kind": "registry_xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(download(client, job))).active
    assert sheet.max_row == 2


def test_the_request_only_queues_the_export_and_the_task_writes_it(
    client, hr, cohort_people, settings
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    client.force_login(hr)
    job = request_export(client, {"kind": "roster_csv"})
    job.refresh_from_db()
    assert job.status == ExportStatus.QUEUED and not job.file and job.task_id
    page = client.get(f"/hr/exports/{job.pk}/", HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 2s"' in page.content.decode()  # keeps polling
    from django_tasks import default_task_backend

    (queued,) = default_task_backend.results
    assert queued.args == [str(job.pk)]
    assert queued.task.call(*queued.args) == 3  # what the worker would run
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.file.name.startswith("exports/")
    page = client.get(f"/hr/exports/{job.pk}/", HTTP_HX_REQUEST="true").content
    assert b"hx-trigger" not in page and b"/download/" in page  # polling stops


def test_a_job_runs_once_even_if_the_task_is_delivered_twice(hr, cohort_people):
    job = ExportJob.objects.create(requested_by=hr, kind="roster_csv")
    assert export_run(job_id=str(job.pk)) == 3
    first = ExportJob.objects.get(pk=job.pk).file.name
    assert export_run(job_id=str(job.pk)) == 3
    assert ExportJob.objects.get(pk=job.pk).file.name == first


def test_only_the_requester_downloads_an_export(client, hr, cohort_people):
    job = ExportJob.objects.create(requested_by=hr, kind="roster_csv")
    export_run(job_id=str(job.pk))
    url = f"/hr/exports/{job.pk}/download/"
    assert client.get(url).status_code == 302  # anonymous → login
    for user, status in (
        (LearnerFactory(username="rep-dl-learner"), 403),
        (TrainerFactory(username="rep-dl-trainer"), 403),
        (HRFactory(username="rep-dl-other-hr"), 404),
        (hr, 200),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status, user.username
        assert client.get(f"/hr/exports/{job.pk}/").status_code == status


def test_learners_and_trainers_cannot_request_exports(client, trainer, learner):
    for user in (learner, trainer):
        client.force_login(user)
        response = client.post("/hr/exports/new/", {"kind": "roster_csv"})
        assert response.status_code == 403
    assert not ExportJob.objects.exists()


def test_cells_that_look_like_formulas_are_exported_as_text(client, hr, world):
    learner(world, "rep-evil", display_name='=HYPERLINK("http://x","点我")')
    client.force_login(hr)
    client.cookies["lms_language"] = "en"  # the export follows the requester's language
    job = request_export(client, {"kind": "roster_xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(download(client, job))).active
    assert sheet.cell(row=2, column=1).value == '\'=HYPERLINK("http://x","点我")'
    assert sheet.cell(row=2, column=1).data_type == "s"


def test_a_failed_export_says_so_and_leaves_no_file(hr, monkeypatch, media_root):
    def broken(job, path):
        path.write_text("half")
        raise RuntimeError("disk full")

    monkeypatch.setattr("lms.reports.exports.write_export", broken)
    job = ExportJob.objects.create(requested_by=hr, kind="roster_csv")
    assert export_run(job_id=str(job.pk)) == 0
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and "disk full" in job.error
    assert not any((media_root / "exports").iterdir())


def test_export_files_older_than_a_week_are_deleted_but_the_record_stays(
    client, hr, media_root
):
    with time_machine.travel(timezone.now() - timedelta(days=8)):
        old = ExportJob.objects.create(requested_by=hr, kind="roster_csv")
        export_run(job_id=str(old.pk))
    old.refresh_from_db()
    file_path = media_root / old.file.name
    assert file_path.exists()
    fresh = ExportJob.objects.create(requested_by=hr, kind="roster_csv")
    export_run(job_id=str(fresh.pk))
    assert exports_purge() == 1
    assert not file_path.exists()
    old.refresh_from_db()
    assert old.file.name == "" and old.status == ExportStatus.DONE
    client.force_login(hr)
    assert client.get(f"/hr/exports/{old.pk}/download/").status_code == 404
    assert client.get(f"/hr/exports/{fresh.pk}/download/").status_code == 200


def test_a_zip_export_holds_the_ticked_certificates_as_pdfs(client, hr, world):
    pytest.importorskip("weasyprint", reason="the certificate PDF renderer needs it")
    one = certificate(
        learner(world, "rep-z1", display_name="林晓雨"), world.path, issued_at=NOW
    )
    two = certificate(
        learner(world, "rep-z2", display_name="安然"), world.path, issued_at=NOW
    )
    certificate(learner(world, "rep-z3"), world.path, issued_at=NOW)  # not ticked
    client.force_login(hr)
    job = request_export(
        client, {"kind": "certificates_zip", "certificates": [one.pk, two.pk]}
    )
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE, job.error
    archive = zipfile.ZipFile(io.BytesIO(download(client, job)))
    assert sorted(archive.namelist()) == sorted(
        [f"{one.serial}.pdf", f"{two.serial}.pdf"]
    )
    for name in archive.namelist():
        assert archive.read(name).startswith(b"%PDF")
