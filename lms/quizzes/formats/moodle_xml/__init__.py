"""Moodle XML (question bank export): ``reader`` turns a file into questions
(``tree`` parses the XML, ``files`` takes the embedded images), ``writer`` turns
a bank into a file Moodle imports.
"""

from .reader import (
    MoodleXmlError,
    load_moodle_xml_bank,
    parse_moodle_xml,
    parse_moodle_xml_bank,
)
from .writer import MoodleXmlExport, export_moodle_xml, write_moodle_xml

__all__ = [
    "MoodleXmlError",
    "MoodleXmlExport",
    "export_moodle_xml",
    "load_moodle_xml_bank",
    "parse_moodle_xml",
    "parse_moodle_xml_bank",
    "write_moodle_xml",
]
