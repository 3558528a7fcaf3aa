"""/api/tokens/: HR makes and revokes its own API tokens in the browser.

The same services as `lms api token` (lms/api/tokens.py). A new key is shown
once, in the response to the POST that made it, and never stored.
"""

from __future__ import annotations

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .models import ApiToken
from .tokens import may_hold_token, token_create, token_revoke


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("What is it for?"),
        max_length=100,
        help_text=gettext_lazy("For example: 北森 sync. Shown in the list below."),
    )


def hr_only(view):
    """Log in first, then HR or a superuser (403), then the method check."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not may_hold_token(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(guarded)


@never_cache
@hr_only
@require_http_methods(["GET", "POST"])
def token_list(request):
    new_key = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, new_key = token_create(
            user=request.user, actor=request.user, name=form.cleaned_data["name"]
        )
        form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": tokens, "new_key": new_key},
    )


@hr_only
@require_POST
def token_revoke_view(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    token_revoke(token=token)
    messages.success(
        request, _("Token %(prefix)s… revoked.") % {"prefix": token.prefix}
    )
    return redirect("api:tokens")
