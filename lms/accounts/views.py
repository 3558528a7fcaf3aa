"""The site's one login page, for learners and staff alike (the Wagtail admin
sends people here too: WAGTAILADMIN_LOGIN_URL)."""

from django.contrib.auth import views as auth_views
from django.urls import reverse

from .forms import LoginForm
from .language import restore_language
from .roles import HR, TRAINER


def home_url(user) -> str:
    """Where someone lands after logging in: staff where they work."""
    roles = {group.name for group in user.groups.all()}
    if HR in roles:
        return reverse("reports:roster")
    if user.is_superuser or TRAINER in roles:
        return reverse("wagtailadmin_home")
    return reverse("dashboard")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        return restore_language(super().form_valid(form), form.get_user())

    def get_default_redirect_url(self):
        # Only without a safe ?next= (get_redirect_url() checks the host).
        return home_url(self.request.user)
