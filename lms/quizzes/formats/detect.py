"""Which format a quiz file is in, by its content as much as its name.

Moodle downloads a GIFT export as ``<name>.txt``, people rename files, and an
XML export may be saved without ``.xml``: ``.yaml``/``.yml`` are YAML banks, a
file whose first non-blank character is ``<`` is Moodle XML, and text that has
a GIFT answer block (``{...}``), title (``::...::``) or ``$CATEGORY:`` line is
GIFT, whatever it is called. Pure module: no Django import.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Literal

Format = Literal["yaml", "moodle_xml", "gift"]
#: Suffixes a directory is scanned for (a .txt only when it reads as GIFT).
SCANNED_SUFFIXES = (".yaml", ".yml", ".gift", ".xml", ".txt")
_SNIFF_BYTES = 64 * 1024
_GIFT_SIGNS = re.compile(r"^\s*(?:::|\$CATEGORY:)|\{[^{}]*\}", re.M)


def detect_format(path: Path) -> Format | None:
    """The format of the file at ``path``, or ``None`` when it is none of them."""
    if path.suffix.lower() in (".yaml", ".yml"):
        return "yaml"
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    return sniff_format(head, path.suffix.lower())


def sniff_format(head: bytes, suffix: str = "") -> Format | None:
    """The format of a file that starts with ``head``."""
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if head.startswith(bom):
            if bom != codecs.BOM_UTF8:
                # Let the GIFT reader say the file is UTF-16, not UTF-8.
                return "gift" if suffix in (".gift", ".txt") else None
            head = head[len(bom) :]
    stripped = head.lstrip()
    if stripped.startswith(b"<"):
        return "moodle_xml"
    if suffix == ".gift":
        return "gift"  # the GIFT reader explains whatever is wrong with it
    text = head.decode("utf-8", "replace")
    if _GIFT_SIGNS.search(text):
        return "gift"
    return None
