"""System checks for certificates: `lms check` and every command's start-up."""

from django.core import checks

from .badges import checks as _badge_checks  # noqa: F401 (registers itself)
from .fonts import (
    cjk_font_found,
    configured_font_dirs,
    install_hint,
    missing_font_message,
)


@checks.register("certification")
def cjk_font_installed(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if cjk_font_found(configured_font_dirs()):
        return []
    return [
        checks.Warning(
            missing_font_message(),
            hint=install_hint(),
            id="certification.W001",
        )
    ]
