"""Files embedded in a Moodle XML question (``<file name="a.png"
encoding="base64">`` beside the ``<text>`` that links to
``@@PLUGINFILE@@/a.png``). Images are kept as ``EmbeddedFile``s for the importer
to store as Wagtail images; any other file (sound, PDF, SVG...) makes the
question unsupported, and a link to a file that is not there is a problem.
Pure module: no Django import.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from urllib.parse import unquote

from lms.quizzes.questions import EmbeddedFile

from .tree import Element

PLUGINFILE = "@@PLUGINFILE@@/"
_REFERENCE = re.compile(r"@@PLUGINFILE@@/([^\"'\s<>()?#]+)")
#: Wagtail's own default upload limit.
MAX_FILE_BYTES = 10 * 1024 * 1024
IMAGE_KINDS = "PNG, JPEG, GIF or WebP"


def is_image(data: bytes) -> bool:
    return data.startswith(
        (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
    ) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def referenced_names(text: str) -> list[str]:
    """The file names ``text`` links to, URL-decoded as Moodle encodes them."""
    return [unquote(name) for name in _REFERENCE.findall(text)]


def read_files(
    question: Element,
    problem: Callable[[int, str], None],
    skip: Callable[[int, str], None],
) -> tuple[EmbeddedFile, ...] | None:
    """The images of ``question``; ``None`` when it cannot be imported."""
    files: dict[str, EmbeddedFile] = {}
    fine = True
    for element in question.descendants("file"):
        name = element.attrs.get("name", "").strip()
        if not name or "/" in name or "\\" in name:
            problem(element.line, f"embedded file with an unusable name {name!r}")
            fine = False
            continue
        if element.attrs.get("encoding", "base64") != "base64":
            problem(element.line, f"embedded file {name} is not base64-encoded")
            fine = False
            continue
        try:
            data = base64.b64decode("".join(element.text.split()), validate=True)
        except (binascii.Error, ValueError):
            problem(element.line, f"embedded file {name} is not valid base64")
            fine = False
            continue
        if len(data) > MAX_FILE_BYTES:
            problem(element.line, f"embedded file {name} is larger than 10 MB")
            fine = False
        elif not is_image(data):
            skip(
                element.line,
                f"the question embeds {name}, which is not an image "
                f"({IMAGE_KINDS}); only images can be shown in a question",
            )
            return None
        elif name in files and files[name].data != data:
            problem(element.line, f"two different embedded files are named {name}")
            fine = False
        else:
            files[name] = EmbeddedFile(name, data)
    if not fine:
        return None
    for text in question.descendants("text"):
        for name in referenced_names(text.text):
            if name not in files:
                problem(
                    text.line,
                    f"the text shows {PLUGINFILE}{name}, but no <file "
                    f'name="{name}"> is embedded in the question',
                )
                fine = False
    return tuple(files.values()) if fine else None
