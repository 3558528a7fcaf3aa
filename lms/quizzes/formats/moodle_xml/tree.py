"""The XML of a Moodle export as a small element tree with line numbers, read
with expat; DOCTYPE and entity declarations are refused (a question bank never
needs them, and refusing them rules out entity-expansion attacks). Pure module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.parsers import expat


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    line: int
    text: str = ""
    children: list[Element] = field(default_factory=list)

    def child(self, tag: str) -> Element | None:
        return next((c for c in self.children if c.tag == tag), None)

    def all(self, tag: str) -> list[Element]:
        return [c for c in self.children if c.tag == tag]

    def descendants(self, tag: str) -> list[Element]:
        found: list[Element] = []
        pending = list(reversed(self.children))
        while pending:  # no recursion: a file nests as deep as it likes
            element = pending.pop()
            if element.tag == tag:
                found.append(element)
            pending.extend(reversed(element.children))
        return found

    def text_of(self, tag: str) -> str:
        """``<tag><text>…</text></tag>`` (or ``<tag>…</tag>``), trimmed."""
        element = self.child(tag)
        if element is None:
            return ""
        inner = element.child("text")
        return (inner.text if inner is not None else element.text).strip()


class Refused(Exception):
    pass


def parse_xml(data: bytes) -> Element:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[Element] = []
    roots: list[Element] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        element = Element(tag, attrs, parser.CurrentLineNumber)
        (stack[-1].children if stack else roots).append(element)
        stack.append(element)

    def end(tag: str) -> None:
        stack.pop()

    def characters(data: str) -> None:
        if stack:
            stack[-1].text += data

    def refuse(*args: object) -> None:
        raise Refused(parser.CurrentLineNumber)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.Parse(data, True)
    return roots[0]
