"""Admin view: "Require recertification for this course" after a rules change.

The trainer publishes the changed rules course as usual, then declares here that
the change matters for certification, with a reason: every path requiring the
course goes up a version and its holders are marked 需复训.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic.edit import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..errors import CertificationError
from ..models import CertificationPath
from ..permissions import can_author_paths
from ..recertification import holders_of, path_rules_changed


def courses_in_paths():
    from lms.courses.models import CoursePage

    return CoursePage.objects.filter(
        pk__in=CertificationPath.objects.values("course_requirements__course")
    ).order_by("path")


class RulesChangeForm(forms.Form):
    course = forms.ModelChoiceField(
        label=gettext_lazy("Course whose rules changed"), queryset=None
    )
    reason = forms.CharField(
        label=gettext_lazy("What changed"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Shown to the learners who must retrain."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses_in_paths()


class RulesChangeView(WagtailAdminTemplateMixin, FormView):
    form_class = RulesChangeForm
    template_name = "certification/admin/rules_change.html"
    page_title = gettext_lazy("Require recertification")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not can_author_paths(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"course": self.request.GET.get("course")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        course_id = self.request.POST.get("course") or self.request.GET.get("course")
        affected = []
        if course_id and str(course_id).isdigit():
            paths = CertificationPath.objects.filter(
                course_requirements__course_id=course_id
            ).distinct()
            affected = [(path, len(holders_of(path))) for path in paths]
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label=_("Require recertification"),
            submit_button_active_label=_("Saving…"),
            affected=affected,
        )
        return context

    def form_valid(self, form):
        try:
            change = path_rules_changed(
                course=form.cleaned_data["course"],
                actor=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except CertificationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, change.summary())
        return redirect(reverse("certification_paths:index"))
