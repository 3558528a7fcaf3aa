"""Everyone with an account (not admins): filter, move between teams and
cohorts, send a set-password link, export in the import's columns."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lms.accounts.audit import PeopleAction
from lms.accounts.passwords import password_link_send
from lms.accounts.people.exporting import (
    CSV_TYPE,
    XLSX_TYPE,
    exportable_people,
    people_csv,
    people_rows,
    people_xlsx,
)
from lms.accounts.roles import LEARNER
from lms.accounts.teams import UNCHANGED, people_move
from lms.certification.audit import audit_log
from lms.reports.views.common import query_without

from .common import people_manager_required
from .forms import MoveForm, PeopleFilterForm

PER_PAGE = 100


def _filtered(people, form: PeopleFilterForm):
    if not form.is_valid():
        return people
    data = form.cleaned_data
    if data["q"]:
        q = data["q"].strip()
        people = people.filter(
            Q(display_name__icontains=q)
            | Q(employee_no__icontains=q)
            | Q(username__icontains=q)
            | Q(phone__startswith=q)
        )
    for field in ("team", "cohort"):
        if data[field]:
            people = people.filter(**{field: data[field]})
    return people


def _people():
    return (
        get_user_model()
        .objects.filter(is_superuser=False)
        .select_related("team", "cohort")
        .prefetch_related("groups")
        .order_by("employee_no", "username")
    )


@people_manager_required
@require_GET
def people_list(request):
    filters = PeopleFilterForm(request.GET or None)
    people = _filtered(_people(), filters)
    page = Paginator(people, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/people/list.html",
        {
            "filters": filters,
            "page": page,
            "move_form": MoveForm(),
            "query": query_without(request, "page"),
            "export_query": query_without(request, "page", "format"),
        },
    )


@people_manager_required
@require_POST
def people_move_view(request):
    form = MoveForm(request.POST)
    # Back to the same filtered list (only its filters, re-encoded).
    back = QueryDict(request.POST.get("back", "")).copy()
    for name in list(back):
        if name not in ("q", "team", "cohort", "page"):
            del back[name]
    target = redirect(f"{reverse('people:list')}?{back.urlencode()}")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return target
    team, cohort = form.cleaned_data["team"], form.cleaned_data["cohort"]
    moved = people_move(
        people=form.cleaned_data["people"],
        actor=request.user,
        team=team or UNCHANGED,
        cohort=cohort or UNCHANGED,
    )
    messages.success(request, _("%(count)d people moved.") % {"count": moved})
    return target


@people_manager_required
@require_POST
def reset_link(request, user_id: int):
    person = get_object_or_404(_people(), pk=user_id)
    staff_roles = {g.name for g in person.groups.all()} - {LEARNER}
    if not person.email and staff_roles and not request.user.is_superuser:
        # The link would let whoever holds it into a staff account: only an
        # administrator sees it; HR has the person's address added first.
        messages.error(
            request,
            _(
                "%(name)s has no e-mail address: add one, or ask an administrator "
                "for the link."
            )
            % {"name": person.get_full_name()},
        )
        return redirect("people:list")
    link = password_link_send(
        user=person, actor=request.user, base_url=request.build_absolute_uri("/")
    )
    if link is None:
        messages.success(
            request,
            _("A link to set a new password was sent to %(email)s.")
            % {"email": person.email},
        )
        return redirect("people:list")
    response = render(
        request, "accounts/people/reset_link.html", {"person": person, "link": link}
    )
    response["Cache-Control"] = "no-store"
    return response


@people_manager_required
@require_GET
def people_export(request):
    people = _filtered(exportable_people(), PeopleFilterForm(request.GET or None))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if request.GET.get("format") == "csv":
        data, kind, name = people_csv(people_rows(people)), CSV_TYPE, "csv"
    else:
        data, kind, name = people_xlsx(people_rows(people)), XLSX_TYPE, "xlsx"
    audit_log(action=PeopleAction.EXPORTED, actor=request.user, count=people.count())
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="people-{stamp}.{name}"'
    return response
