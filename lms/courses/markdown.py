"""Markdown → safe HTML for lesson text. Pure: python-markdown, then nh3."""

from __future__ import annotations

import re
import unicodedata

import markdown as md
import nh3
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

_WIDE = {"F", "W", "H"}
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.S)
_NEWLINE = re.compile("\n")


def _wide(char: str | None) -> bool:
    return bool(char) and unicodedata.east_asian_width(char) in _WIDE


def _text_before(html: str, index: int) -> str | None:
    """The character a reader sees before ``index``, looking through tags."""
    index -= 1
    while index >= 0:
        if html[index] != ">":
            return html[index]
        index = html.rfind("<", 0, index) - 1
    return None


def _text_after(html: str, index: int) -> str | None:
    index += 1
    while index < len(html):
        if html[index] != "<":
            return html[index]
        close = html.find(">", index)
        if close < 0:
            return None
        index = close + 1
    return None


def _segment_break(match: re.Match[str]) -> str:
    html, index = match.string, match.start()
    if _wide(_text_before(html, index)) and _wide(_text_after(html, index)):
        return ""
    return "\n"


def join_cjk_lines(html: str) -> str:
    """Drop a line break that sits between two full-width characters.

    A trainer wraps a long Chinese sentence over several source lines; the
    browser would show each break as a space ("开始， 到"). The rule is CSS Text
    Level 3's: the break goes when the visible characters on both sides (tags
    looked through) are East Asian wide; between Latin words it stays, and
    <pre> blocks are left as written. (markdown-cjk-spacing on PyPI also does
    this, but adds spaces between Chinese and Latin text, which we don't want.)
    """
    parts = _PRE.split(html)
    for number, part in enumerate(parts):
        if number % 2 == 0 and "\n" in part:  # odd parts are the <pre> blocks
            parts[number] = _NEWLINE.sub(_segment_break, part)
    return "".join(parts)


class _CjkLineJoiner(Postprocessor):
    def run(self, text: str) -> str:
        return join_cjk_lines(text)


class CjkLineBreaks(Extension):
    def extendMarkdown(self, markdown: md.Markdown) -> None:  # noqa: N802 (API name)
        markdown.postprocessors.register(_CjkLineJoiner(markdown), "cjk_lines", 5)


EXTENSIONS = [
    "tables",
    "fenced_code",
    "sane_lists",
    "attr_list",
    "def_list",
    CjkLineBreaks(),
]
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt",
    "em", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "mark",
    "ol", "p", "pre", "s", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align"},
    "th": {"align"},
    "code": {"class"},
    "span": {"class"},
    "div": {"class"},
}


def render_markdown(text: str) -> str:
    """Render trainer-written Markdown; anything script-like is removed."""
    html = md.markdown(text or "", extensions=EXTENSIONS, output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def plain_text(text: str) -> str:
    """Markdown without its markup, for search and summaries."""
    return nh3.clean(render_markdown(text), tags=set()).strip()
