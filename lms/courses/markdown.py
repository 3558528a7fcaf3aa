"""Markdown → safe HTML for lesson text. Pure: python-markdown, then nh3."""

from __future__ import annotations

import markdown as md
import nh3

EXTENSIONS = ["tables", "fenced_code", "sane_lists", "attr_list", "def_list"]
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
