"""Exports of the roster and the certificate registry: CSV, XLSX, ZIP of PDFs.

Every export is an ExportJob run by a background task (`tasks.run_export`): the
request only records who asked for what, so a 5,000-row workbook never holds a
web worker, and the job table is the record of personal data taken out.
Rows are written as they are read (roster in chunks of 500 learners, the
registry with a database iterator), to a file under MEDIA_ROOT/exports/ with a
random name that appears on no page; the download view checks permission.
"""

from __future__ import annotations

import csv
import logging
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .gate import CERTIFICATE, DRILLS, SIGNOFF
from .models import ExportJob, ExportKind, ExportStatus
from .permissions import can_manage_reports

logger = logging.getLogger(__name__)

EXPORT_DIR = "exports"
KEEP_FOR = timedelta(days=7)
MAX_PDFS = 1000
# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """Text a spreadsheet shows as text (CSV/formula injection)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def local(value: datetime | None) -> datetime | None:
    """Local wall-clock time without tzinfo: what Excel can store."""
    if value is None:
        return None
    return timezone.localtime(value).replace(tzinfo=None)


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return str(value)
    return safe_text(str(value))


def xlsx_cell(value):
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, str):
        return safe_text(value)
    return value


def write_csv(path: Path, header: list[str], rows: Iterable[list]) -> int:
    """UTF-8 with a BOM, so Excel opens it with the Chinese intact."""
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([csv_cell(cell) for cell in header])
        for row in rows:
            writer.writerow([csv_cell(cell) for cell in row])
            count += 1
    return count


def write_xlsx(path: Path, header: list[str], rows: Iterable[list], title: str) -> int:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.freeze_panes = "B2"
    bold = Font(bold=True)
    from openpyxl.cell import WriteOnlyCell

    heading = []
    for text in header:
        cell = WriteOnlyCell(sheet, value=xlsx_cell(text))
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    count = 0
    for row in rows:
        sheet.append([xlsx_cell(cell) for cell in row])
        count += 1
    workbook.save(path)
    return count


# --- what the rows say ---------------------------------------------------------


def gate_text(gate) -> str:
    if gate.ready:
        return _("Ready to go live")
    labels = {
        CERTIFICATE: _("valid certificate"),
        DRILLS: _("drill average"),
        SIGNOFF: _("supervisor sign-off"),
    }
    return _("Missing: %(what)s") % {
        "what": "、".join(str(labels[code]) for code in gate.missing)
    }


def roster_table(filters) -> tuple[list[str], Iterator[list]]:
    from .selectors import iter_roster

    scope, rows = iter_roster(filters)
    header = [
        _("Full name"),
        _("Username"),
        _("Employee no."),
        _("Team"),
        _("Cohort"),
        _("Hire date"),
        _("Progress (%)"),
        _("Lessons done"),
        _("Lessons"),
        _("Courses done"),
        _("Courses"),
        *[_("Best: %(quiz)s") % {"quiz": quiz.title} for quiz in scope.quizzes],
        _("Drill average"),
        _("Drills played"),
    ]
    for path in scope.paths:
        header += [path.title, _("%(path)s expires") % {"path": path.title}]
    header += [_("Go-live"), _("Last activity"), _("Stalled")]

    def lines():
        for row in rows:
            user = row.user
            line = [
                user.get_full_name(),
                user.username,
                user.employee_no or "",
                user.team.name if user.team else "",
                user.cohort.name if user.cohort else "",
                user.hire_date,
                row.progress,
                row.lessons_done,
                row.lessons_total,
                row.courses_done,
                row.courses_total,
                *[score.best if score else None for score in row.quiz_scores],
                row.drill_average,
                row.drills_played,
            ]
            for status in row.statuses:
                expires = status.expires_at
                line += [str(status.label), local(expires).date() if expires else None]
            line += [gate_text(row.gate), local(row.last_activity), row.stalled]
            yield line

    return header, lines()


def registry_table(filters) -> tuple[list[str], Iterator[list]]:
    from .selectors import iter_registry

    header = [
        _("Serial"),
        _("Holder"),
        _("Employee no."),
        _("Username"),
        _("Team"),
        _("Cohort"),
        _("Certification"),
        _("Version"),
        _("Status"),
        _("Issued"),
        _("Expires"),
        _("Revoked"),
        _("Revocation reason"),
        _("Issued by"),
    ]

    def lines():
        for row in iter_registry(filters):
            certificate, user = row.certificate, row.certificate.user
            yield [
                certificate.serial,
                certificate.holder_name,
                certificate.employee_no,
                user.username,
                user.team.name if user.team else "",
                user.cohort.name if user.cohort else "",
                certificate.path_title,
                certificate.path_version,
                str(row.standing_label),
                local(certificate.issued_at),
                local(certificate.expires_at),
                local(certificate.revoked_at),
                certificate.get_revoke_reason_display(),
                certificate.issued_by.get_full_name()
                if certificate.issued_by
                else _("automatic"),
            ]

    return header, lines()


def write_certificate_zip(path: Path, filters: dict) -> int:
    """The ticked certificates (or every one the filters match) as PDFs."""
    from lms.certification.models import Certificate
    from lms.certification.pdf import certificate_filename, certificate_pdf

    from .forms import registry_filters_from
    from .selectors import registry_queryset

    ids = [int(value) for value in filters.get("certificates", [])]
    if ids:
        certificates = Certificate.objects.filter(id__in=ids)
    else:
        certificates = registry_queryset(registry_filters_from(filters))
    certificates = certificates.select_related("path", "replaces")
    count = 0
    # PDFs are already compressed: stored, not deflated again.
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in certificates.order_by("serial")[:MAX_PDFS]:
            archive.writestr(
                certificate_filename(certificate), certificate_pdf(certificate)
            )
            count += 1
    return count


def write_export(job: ExportJob, path: Path) -> int:
    from .forms import registry_filters_from, roster_filters_from

    if job.kind == ExportKind.CERTIFICATES_ZIP:
        return write_certificate_zip(path, job.filters)
    if job.kind.startswith("roster"):
        header, rows = roster_table(roster_filters_from(job.filters))
        title = _("Roster")
    else:
        header, rows = registry_table(registry_filters_from(job.filters))
        title = _("Certificates")
    if job.extension == "csv":
        return write_csv(path, header, rows)
    return write_xlsx(path, header, rows, str(title))


# --- services ------------------------------------------------------------------


def export_request(*, user, kind: str, filters: dict, language: str) -> ExportJob:
    """Record the request and queue the task that writes the file."""
    from .tasks import run_export

    if not can_manage_reports(user):
        raise PermissionDenied
    exports_purge()
    job = ExportJob.objects.create(
        requested_by=user, kind=kind, filters=filters, language=language
    )
    result = run_export.enqueue(str(job.id))
    # The immediate backend has already run it: touch nothing but the task id.
    ExportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def export_run(*, job_id: str) -> int:
    """Write the job's file. Runs once: a second worker finds it taken."""
    now = timezone.now()
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING, started_at=now
    )
    job = ExportJob.objects.get(pk=job_id)
    if not claimed:
        return job.row_count or 0
    name = f"{EXPORT_DIR}/{uuid.uuid4().hex}.{job.extension}"
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    try:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            count = write_export(job, partial)
        partial.replace(path)
    except Exception as error:
        logger.exception("export %s failed", job_id)
        partial.unlink(missing_ok=True)
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportStatus.FAILED,
            error=str(error)[:500],
            finished_at=timezone.now(),
        )
        return 0
    ExportJob.objects.filter(pk=job_id).update(
        status=ExportStatus.DONE,
        file=name,
        row_count=count,
        finished_at=timezone.now(),
    )
    return count


def exports_purge(*, now: datetime | None = None) -> int:
    """Delete export files older than KEEP_FOR. The jobs stay: they record who
    exported what and when. Returns how many files were deleted."""
    now = now or timezone.now()
    old = ExportJob.objects.filter(created_at__lt=now - KEEP_FOR).exclude(file="")
    count = 0
    for job in old:
        job.file.delete(save=False)
        ExportJob.objects.filter(pk=job.pk).update(file="")
        count += 1
    return count


def may_download(user, job: ExportJob) -> bool:
    """Only whoever asked for it (and admins), while they may still export."""
    return can_manage_reports(user) and (
        job.requested_by_id == user.id or user.is_superuser
    )
