"""Forms of the learner site and the trainers' pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Mode, SessionStatus
from .models.appeals import APPEAL_MAX_LENGTH
from .sessions import MAX_REPLY_CHARS


class StartForm(forms.Form):
    mode = forms.ChoiceField(choices=Mode.choices, initial=Mode.PRACTICE)


class ReplyForm(forms.Form):
    turn = forms.IntegerField(min_value=1)
    # Length and emptiness are the service's rules (it gives the messages).
    text = forms.CharField(required=False, strip=False)


class LinterForm(forms.Form):
    text = forms.CharField(
        label=_("Reply to check"),
        max_length=MAX_REPLY_CHARS * 2,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class OverrideForm(forms.Form):
    score = forms.IntegerField(
        label=_("Trainer's score"), min_value=0, max_value=100, required=False
    )
    comment = forms.CharField(
        label=_("Trainer's comment"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("score") is not None and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Say why you change the score."))
        return data


class TranscriptFilterForm(forms.Form):
    learner = forms.CharField(label=_("Learner"), required=False, max_length=100)
    scenario = forms.ChoiceField(label=_("Scenario"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *SessionStatus.choices],
    )
    mode = forms.ChoiceField(
        label=_("Mode"), required=False, choices=[("", _("Any mode")), *Mode.choices]
    )

    def __init__(self, *args, scenarios=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scenario"].choices = [("", _("Any scenario")), *scenarios]


class AppealForm(forms.Form):
    comment = forms.CharField(
        label=_("Why the score is wrong"),
        max_length=APPEAL_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AppealResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("Answer to the learner"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
