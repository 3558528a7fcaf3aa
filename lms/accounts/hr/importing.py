"""Upload → preview → confirm. Nothing is written before the confirm.

The uploaded file waits in VAR_DIR/people-imports/ under a random name that only
the uploader's session knows; the confirm plans it again inside the import's
transaction (the database may have changed) and deletes it. Set-password links
and initial passwords are shown once, on the confirm's own response, and kept
nowhere.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.accounts.people.applying import PRINT, people_import, people_plan
from lms.accounts.people.exporting import CSV_TYPE, XLSX_TYPE, people_csv, people_xlsx
from lms.accounts.people.reading import MAX_BYTES, PeopleFileError, read_table

from .common import people_importer_required
from .forms import ConfirmForm, ImportUploadForm

SESSION_KEY = "people_import"
KEEP_UPLOADS_FOR = 24 * 3600  # seconds


def _upload_dir() -> Path:
    return Path(settings.VAR_DIR) / "people-imports"


def _stored(token: str) -> Path:
    return _upload_dir() / f"{token}.upload"


def _forget_abandoned() -> None:
    """Uploads never confirmed hold personal data: gone after a day."""
    cutoff = time.time() - KEEP_UPLOADS_FOR
    for path in _upload_dir().glob("*.upload"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


def _preview_context(request, plan, *, filename, passwords, token) -> dict:
    return {
        "plan": plan,
        "filename": filename,
        "passwords": passwords,
        "printed": passwords == PRINT,
        "confirm_form": ConfirmForm(initial={"token": token}),
    }


@people_importer_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(MAX_BYTES + 1)
        try:
            table = read_table(data, upload.name)
        except PeopleFileError as error:
            form.add_error("file", f"{upload.name}: {error}")
        else:
            plan = people_plan(table=table, actor=request.user)
            token = secrets.token_urlsafe(24)
            _upload_dir().mkdir(parents=True, exist_ok=True)
            _forget_abandoned()
            previous = request.session.get(SESSION_KEY)
            if previous:
                _stored(previous["token"]).unlink(missing_ok=True)
            _stored(token).write_bytes(data)
            passwords = form.cleaned_data["passwords"]
            request.session[SESSION_KEY] = {
                "token": token,
                "filename": upload.name,
                "passwords": passwords,
                "mail_links": form.cleaned_data["mail_links"],
            }
            context = _preview_context(
                request, plan, filename=upload.name, passwords=passwords, token=token
            )
            return render(request, "accounts/people/import_preview.html", context)
    status = 400 if form.is_bound else 200
    return render(
        request, "accounts/people/import_upload.html", {"form": form}, status=status
    )


@people_importer_required
@require_POST
def import_confirm(request):
    form = ConfirmForm(request.POST)
    pending = request.session.get(SESSION_KEY)
    if (
        not form.is_valid()
        or not pending
        or pending["token"] != form.cleaned_data["token"]
    ):
        messages.error(
            request,
            _("That preview has expired or was replaced: upload the file again."),
        )
        return redirect("people:import")
    path = _stored(pending["token"])
    try:
        table = read_table(path.read_bytes(), pending["filename"])
    except (OSError, PeopleFileError):
        del request.session[SESSION_KEY]
        messages.error(request, _("The uploaded file is gone: upload it again."))
        return redirect("people:import")
    result = people_import(
        table=table,
        actor=request.user,
        passwords=pending["passwords"],
        base_url=request.build_absolute_uri("/"),
        source=pending["filename"],
        mail_links=pending.get("mail_links", False),
    )
    path.unlink(missing_ok=True)
    del request.session[SESSION_KEY]
    response = render(
        request,
        "accounts/people/import_result.html",
        {
            "result": result,
            "plan": result.plan,
            "filename": pending["filename"],
            "printed": pending["passwords"] == PRINT,
        },
    )
    response["Cache-Control"] = "no-store"  # links and passwords shown once
    return response


@people_importer_required
@require_GET
def import_template(request):
    if request.GET.get("format") == "csv":
        data, kind, name = people_csv([]), CSV_TYPE, "people-template.csv"
    else:
        data, kind, name = (
            people_xlsx([], notes=True),
            XLSX_TYPE,
            "people-template.xlsx",
        )
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
