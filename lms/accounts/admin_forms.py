"""Wagtail's user forms with the academy's own fields (姓名, 工号, team, cohort)."""

from wagtail.users.forms import UserCreationForm, UserEditForm

ACADEMY_FIELDS = (
    "display_name",
    "employee_no",
    "phone",
    "team",
    "cohort",
    "hire_date",
)


class ChineseNameMixin:
    """Chinese names go in 姓名 (display_name); first/last name are optional."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            if name in self.fields:
                self.fields[name].required = False
        self.fields["display_name"].required = True


class AcademyUserCreationForm(ChineseNameMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(ACADEMY_FIELDS)


class AcademyUserEditForm(ChineseNameMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(ACADEMY_FIELDS)
