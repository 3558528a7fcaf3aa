"""Teams and cohorts: list, create, rename, archive; the changes' audit trail."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lms.accounts.audit import PeopleAction
from lms.accounts.models import Cohort, Team
from lms.accounts.teams import (
    cohort_create,
    cohort_update,
    team_create,
    team_update,
)
from lms.certification.selectors import audit_entries

from .common import people_manager_required
from .forms import CohortCreateForm, CohortForm, TeamCreateForm, TeamForm

GROUP_ACTIONS = (
    PeopleAction.TEAM_CREATED,
    PeopleAction.TEAM_CHANGED,
    PeopleAction.COHORT_CREATED,
    PeopleAction.COHORT_CHANGED,
    PeopleAction.MOVED,
)


@people_manager_required
@require_http_methods(["GET", "POST"])
def groups(request):
    kind = request.POST.get("kind")
    team_form = TeamCreateForm(request.POST if kind == "team" else None)
    cohort_form = CohortCreateForm(request.POST if kind == "cohort" else None)
    if kind == "team" and team_form.is_valid():
        team = team_create(actor=request.user, **team_form.cleaned_data)
        messages.success(request, _("Team %(name)s created.") % {"name": team.name})
        return redirect("people:groups")
    if kind == "cohort" and cohort_form.is_valid():
        cohort = cohort_create(actor=request.user, **cohort_form.cleaned_data)
        messages.success(request, _("Cohort %(name)s created.") % {"name": cohort.name})
        return redirect("people:groups")
    members = Count("members", filter=Q(members__is_active=True))
    context = {
        "teams": Team.objects.annotate(size=members).order_by("archived", "name"),
        "cohorts": Cohort.objects.annotate(size=members).order_by(
            "archived", "-starts_on", "name"
        ),
        "team_form": team_form,
        "cohort_form": cohort_form,
        "entries": audit_entries().filter(action__in=GROUP_ACTIONS)[:30],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/people/groups.html", context, status=status)


def _edit(request, instance, form_class, update, label):
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        # The form must not save: the service records the before and after.
        original = type(instance).objects.get(pk=instance.pk)
        update(original, form.cleaned_data)
        messages.success(request, _("%(name)s saved.") % {"name": original.name})
        return redirect("people:groups")
    return render(
        request,
        "accounts/people/group_edit.html",
        {"form": form, "instance": instance, "label": label},
        status=400 if form.is_bound else 200,
    )


@people_manager_required
@require_http_methods(["GET", "POST"])
def team_edit(request, team_id: int):
    return _edit(
        request,
        get_object_or_404(Team, pk=team_id),
        TeamForm,
        lambda team, data: team_update(team=team, actor=request.user, **data),
        _("Team"),
    )


@people_manager_required
@require_http_methods(["GET", "POST"])
def cohort_edit(request, cohort_id: int):
    return _edit(
        request,
        get_object_or_404(Cohort, pk=cohort_id),
        CohortForm,
        lambda cohort, data: cohort_update(cohort=cohort, actor=request.user, **data),
        _("Cohort"),
    )
