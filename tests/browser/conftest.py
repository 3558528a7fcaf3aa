"""Every browser test fails on a Content-Security-Policy violation.

Each browser context a test opens (the `page` fixture's and any a test makes with
`browser.new_context`) gets a script in every document and frame that reports
`securitypolicyviolation` events; the browser's console messages about the
policy are kept too. A blocked inline script, style or eval anywhere on a journey
fails the test that walked it.
"""

import pytest

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation && window.__cspViolation({
    page: document.location.href,
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile + ":" + event.lineNumber,
    sample: event.sample,
  });
});
"""


def watch(context, violations: list) -> None:
    def report(violation: dict) -> None:
        violations.append(violation)

    context.expose_function("__cspViolation", report)
    context.add_init_script(REPORT_VIOLATIONS)
    context.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and violations.append({"console": message.text, "page": message.page.url})
        ),
    )


@pytest.fixture
def csp_violations():
    """What the pages reported; a test that provokes a violation on purpose may
    inspect and clear this list."""
    return []


@pytest.fixture(autouse=True)
def fail_on_csp_violations(browser, csp_violations, monkeypatch):
    open_context = browser.new_context

    def new_context(*args, **kwargs):
        context = open_context(*args, **kwargs)
        watch(context, csp_violations)
        return context

    monkeypatch.setattr(browser, "new_context", new_context)
    yield
    if csp_violations:
        pytest.fail(
            "Content-Security-Policy violations:\n"
            + "\n".join(str(report) for report in csp_violations),
            pytrace=False,
        )
