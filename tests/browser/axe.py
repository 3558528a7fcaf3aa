"""Accessibility checks in the browser journeys, with axe-core.

`make test` installs axe-core from tests/browser/package.json (npm ci). A journey
calls `axe_install(context)` before it opens the pages it checks, then
`assert_accessible(page, "the page")` once the page shows what a learner sees.
Serious and critical violations fail the test; minor and moderate ones do not.
"""

from pathlib import Path

import pytest

AXE_JS = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


def axe_install(context) -> None:
    """Load axe-core into every page `context` opens from now on.

    add_init_script (DevTools), not add_script_tag: add_script_tag inlines the file
    as a <script> the site's Content-Security-Policy blocks (only scripts with the
    request's nonce run), and bypass_csp=True would let the journeys pass with a
    policy that breaks the site's own scripts.
    """
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: `make test` installs it (npm ci)")
    context.add_init_script(path=AXE_JS)


def axe_violations(page) -> list[dict]:
    """axe's violations on the page as it is now, serious and critical only."""
    page.wait_for_function("() => window.axe !== undefined")
    violations = page.evaluate(
        """() => axe.run(document, {resultTypes: ['violations']})
                    .then(results => results.violations)"""
    )
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").splitlines()
            detail = summary[1].strip() if len(summary) > 1 else ""
            lines.append(f"    {target}  {detail}".rstrip())
    return "\n".join(lines)


def assert_accessible(page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, (
        f"axe found serious or critical problems on {where} ({page.url}):\n"
        + describe(violations)
    )
