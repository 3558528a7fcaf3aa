from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..dashboard import dashboard_context


@login_required
def dashboard(request):
    """我的学习: the learner's own courses and progress."""
    return render(request, "courses/dashboard.html", dashboard_context(request.user))
