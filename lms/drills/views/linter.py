from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from ..documents import store_rules
from ..forms import LinterForm
from ..judging.rules import lint_reply
from ..lessons import lesson_links
from ..report import highlight


@login_required
@require_http_methods(["GET", "POST"])
def linter(request):
    """平台规则自查: paste any reply and see which platform rules it breaks."""
    rules = store_rules()
    form = LinterForm(request.POST or None)
    context = {"form": form, "rules": rules, "checked": False}
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        findings = lint_reply(text, rules)
        context.update(
            {
                "checked": True,
                "findings": findings,
                "pieces": highlight(
                    text, [s for f in findings for s in f.spans], "bad"
                ),
            }
        )
    citations = [rule.lesson for rule in rules]
    context["lessons"] = lesson_links(citations, request)
    template = "drills/linter.html"
    if request.htmx and request.method == "POST":
        template = "drills/includes/linter_results.html"
    return render(request, template, context)
