"""Images embedded in imported questions (Moodle XML ``<file>``) → Wagtail images.

Each image is stored once (found again by its SHA-1, Wagtail's ``file_hash``),
and every ``@@PLUGINFILE@@/<name>`` in the question's texts becomes the URL of
``quizzes:image``, which sends the viewer on to the image. The stem keeps that
stable URL, not the storage URL: on S3 storage the file URLs are signed and
expire. Markdown and HTML stems both show it as an ``<img>`` (nh3 keeps a
relative ``src``).
"""

from __future__ import annotations

import hashlib
from dataclasses import fields, replace
from io import BytesIO
from typing import Any
from urllib.parse import quote

from django.core.files.images import ImageFile
from django.urls import reverse
from wagtail.images import get_image_model

from .formats.moodle_xml.files import PLUGINFILE
from .questions import EmbeddedFile, Question


def stored_image(file: EmbeddedFile, *, title: str):
    """The Wagtail image holding ``file``: the one already stored, else a new one."""
    Image = get_image_model()
    digest = hashlib.sha1(file.data).hexdigest()  # noqa: S324 (Wagtail's file_hash)
    image = Image.objects.filter(file_hash=digest).order_by("id").first()
    if image is None:
        image = Image(title=title[:255], file=ImageFile(BytesIO(file.data), file.name))
        image.file_size = len(file.data)
        image.file_hash = digest
        image.save()
    return image


def link_files(value: Any, urls: dict[str, str]) -> Any:
    """``value`` (a text, or a dataclass/tuple holding texts) with every
    ``@@PLUGINFILE@@/<name>`` replaced by the URL of that file."""
    if isinstance(value, str):
        if PLUGINFILE not in value:
            return value
        for name, url in urls.items():
            for written in {name, quote(name)}:
                value = value.replace(PLUGINFILE + written, url)
        return value
    if isinstance(value, tuple):
        return tuple(link_files(item, urls) for item in value)
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, EmbeddedFile):
        changes = {
            f.name: link_files(getattr(value, f.name), urls)
            for f in fields(value)
            if f.init and f.name != "files"
        }
        return replace(value, **changes)
    return value


def question_with_images(question: Question) -> Question:
    """``question`` with its embedded images stored and its texts pointing at them."""
    if not question.files:
        return question
    urls = {
        file.name: reverse(
            "quizzes:image",
            args=[stored_image(file, title=f"{question.id}/{file.name}").id],
        )
        for file in question.files
    }
    return replace(link_files(question, urls), files=())
