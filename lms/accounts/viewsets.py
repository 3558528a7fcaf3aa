from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .admin_forms import AcademyUserCreationForm, AcademyUserEditForm


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return AcademyUserEditForm if for_update else AcademyUserCreationForm
