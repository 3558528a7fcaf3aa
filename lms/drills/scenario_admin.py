"""Scenario editing in the Wagtail admin: the YAML source, checked on save, and a
"try a reply" box that shows the engine's full score breakdown."""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic

from .checking import check_scenario_source
from .documents import store_phrases, store_rules
from .loading import scenario_apply_source, scenario_version
from .models import Scenario
from .report import attach_lessons, turn_view
from .sessions import MAX_REPLY_CHARS

ID_LINE = re.compile(r"^id\s*:", re.MULTILINE)


def _line_of_id(text: str) -> int:
    match = ID_LINE.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


class ScenarioForm(WagtailAdminModelForm):
    """The source is the scenario: every other field is copied from it on save."""

    class Meta:
        model = Scenario
        fields = ["source", "active"]
        widgets = {
            "source": forms.Textarea(
                attrs={
                    "rows": 32,
                    "spellcheck": "false",
                    "style": "font-family: ui-monospace, monospace; font-size: 13px;",
                }
            )
        }
        help_texts = {
            "source": gettext_lazy(
                "The scenario in YAML, as in content/drills/ (see its README). "
                "Problems are listed as line: message when you save."
            )
        }

    def clean_source(self):
        text = self.cleaned_data["source"].replace("\r\n", "\n")
        codes = {phrase.code for phrase in store_phrases()} or None
        problems, document = check_scenario_source(
            text, rules=store_rules(), phrase_codes=codes
        )
        if problems:
            raise ValidationError(
                [f"{problem.line or 1}: {problem.message}" for problem in problems]
            )
        line = _line_of_id(text)
        if self.instance.pk and document.id != self.instance.slug:
            raise ValidationError(
                _("%(line)s: the id cannot change (it was '%(old)s')")
                % {"line": line, "old": self.instance.slug}
            )
        taken = Scenario.objects.exclude(pk=self.instance.pk).filter(slug=document.id)
        if taken.exists():
            raise ValidationError(
                _("%(line)s: another scenario already has the id '%(id)s'")
                % {"line": line, "id": document.id}
            )
        self.document = document
        return text

    def save(self, commit=True):
        scenario = scenario_apply_source(
            self.instance, source=self.cleaned_data["source"], document=self.document
        )
        scenario.active = self.cleaned_data["active"]
        if commit:
            scenario.save()
            scenario_version(scenario)
        return scenario


class TryReplyForm(forms.Form):
    turn = forms.ChoiceField(label=gettext_lazy("Turn"))
    reply = forms.CharField(
        label=gettext_lazy("Reply"),
        max_length=MAX_REPLY_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    seconds = forms.FloatField(
        label=gettext_lazy("Response time (s)"),
        required=False,
        min_value=0,
        help_text=gettext_lazy("Leave empty to score without timing."),
    )

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        # People see turns by number (第 N 轮), never by their ids in the file.
        self.fields["turn"].choices = [
            (
                turn.id,
                _("Turn %(n)s") % {"n": number}
                + f" · {' / '.join(turn.customer)[:60]}",
            )
            for number, turn in enumerate(document.turns, start=1)
        ]


def try_reply_context(scenario: Scenario, request) -> dict:
    """The try box, bound to POST when a reply was submitted, and its result."""
    document = scenario.document()
    data = request.POST if request.method == "POST" else None
    form = TryReplyForm(data, document=document, prefix="try")
    result_view = next_number = None
    if data is not None and form.is_valid():
        from .documents import scorer_for

        turn = document.turn(form.cleaned_data["turn"])
        result = scorer_for(document).score_turn(
            turn.id, form.cleaned_data["reply"], form.cleaned_data["seconds"]
        )
        result_view = turn_view(turn, result, order=document.turns.index(turn) + 1)
        attach_lessons([result_view], request)
        if result.next_turn_id in document.turn_ids:
            next_number = document.turn_ids.index(result.next_turn_id) + 1
    return {
        "try_form": form,
        "try_view": result_view,
        "try_next_turn": next_number,
        "try_url": reverse("drills_scenario:inspect", args=[scenario.pk]) + "#try",
    }


class ScenarioInspectView(generic.InspectView):
    template_name = "drills/admin/inspect.html"
    http_method_names = ["get", "post"]

    def post(self, request, *args, **kwargs):
        return self.get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(try_reply_context(self.object, self.request))
        context["document"] = self.object.document()
        return context


class ScenarioCreateView(generic.CreateView):
    template_name = "drills/admin/create.html"


class ScenarioEditView(generic.EditView):
    template_name = "drills/admin/edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(try_reply_context(self.object, self.request))
        context["edited_since_load"] = self.object.edited_since_load
        return context


class ScenarioDeleteView(generic.DeleteView):
    def form_valid(self, form):
        if self.object.sessions.exists():
            messages.error(
                self.request,
                _(
                    "Learners have played this scenario, so it cannot be deleted. "
                    "Make it inactive instead."
                ),
            )
            return redirect(reverse("drills_scenario:edit", args=[self.object.pk]))
        return super().form_valid(form)
