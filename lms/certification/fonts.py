"""The CJK font certificates are set in, found the way WeasyPrint finds it.

WeasyPrint asks fontconfig for "Noto Serif CJK SC"; when no CJK face is
installed it sets every Chinese character as an empty box and says nothing.
So the system check warns (`certification.W001`) and `certificate_pdf` refuses
(`CJKFontMissing`) before a certificate with boxes can be printed.

`settings.LMS_CJK_FONT_DIRS`: empty means fontconfig's own configuration (what
WeasyPrint uses); a list of folders means "only these", which lets a test point
the lookup at an empty folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

CJK_FAMILY = "Noto Serif CJK SC"
DEBIAN_PACKAGE = "fonts-noto-cjk"

# Lookups that found the font; a miss is asked again, so installing the font
# while the server runs is enough.
_found: set[tuple[str, ...] | None] = set()


class CJKFontMissing(ImproperlyConfigured):
    """Rendering now would print boxes instead of Chinese."""


def configured_font_dirs() -> tuple[str, ...] | None:
    dirs = getattr(settings, "LMS_CJK_FONT_DIRS", None)
    return tuple(str(d) for d in dirs) if dirs else None


def font_families(font_dirs: Sequence[str | Path] | None = None) -> frozenset[str]:
    """Every family fontconfig knows: the system's, or only those in font_dirs."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:  # fontconfig's tools come with Pango, which WeasyPrint needs
        return frozenset()
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="lms-fonts-") as scratch:
        if font_dirs is not None:
            config = Path(scratch) / "fonts.conf"
            config.write_text(
                '<?xml version="1.0"?><fontconfig>'
                + "".join(f"<dir>{escape(str(d))}</dir>" for d in font_dirs)
                + f"<cachedir>{escape(scratch)}</cachedir></fontconfig>"
            )
            env["FONTCONFIG_FILE"] = str(config)
        listing = subprocess.run(
            [fc_list, "--format", "%{family}\n"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
    # One line per face; a family line may list several names, comma-separated.
    return frozenset(
        name.strip() for line in listing.splitlines() for name in line.split(",")
    ) - {""}


def cjk_font_found(font_dirs: Sequence[str | Path] | None = None) -> bool:
    key = tuple(str(d) for d in font_dirs) if font_dirs is not None else None
    if key in _found:
        return True
    if CJK_FAMILY in font_families(key):
        _found.add(key)
        return True
    return False


def missing_font_message() -> str:
    where = configured_font_dirs()
    place = f"in {', '.join(where)}" if where else "through fontconfig"
    return (
        f'No CJK font: "{CJK_FAMILY}" is not installed ({place}), so certificates '
        "would print empty boxes instead of Chinese."
    )


def install_hint() -> str:
    return (
        f"Install it with `apt-get install {DEBIAN_PACKAGE}` "
        "(`make demo` and `make test` do so when run as root)."
    )


def require_cjk_font() -> None:
    if not cjk_font_found(configured_font_dirs()):
        raise CJKFontMissing(f"{missing_font_message()} {install_hint()}")
