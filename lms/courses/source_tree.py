"""The content tree: course folders with their ``index.md``, lessons and images.

::

    content/courses/02-qianniu/index.md          the course
    content/courses/02-qianniu/03-auto-reply.md  a lesson
    content/courses/02-qianniu/images/...        images the files refer to

Names are ``NN-slug``: two digits giving the order, then a slug of lowercase
letters, digits and hyphens. Hidden files and folders (``.name``) and files
other than ``.md`` beside the lessons are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .source_document import Kind, SourceDocument, parse_document
from .source_problems import Problem

NAME_RE = re.compile(r"(?P<order>\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)")
INDEX = "index.md"
IMAGES = "images"
# Relative Markdown images: ![alt](images/x.svg); links with a scheme are skipped.
_MARKDOWN_IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*<?(?P<ref>[^)\s>]+)")
_EXTERNAL_RE = re.compile(r"([a-z][a-z0-9+.-]*:|/|#)", re.IGNORECASE)


@dataclass
class LessonSource:
    path: Path
    slug: str
    order: int
    document: SourceDocument


@dataclass
class CourseSource:
    """A course folder. ``images`` holds the image files that exist, as paths
    relative to ``dir`` (``"images/cover.svg"``)."""

    dir: Path
    slug: str
    order: int
    document: SourceDocument
    lessons: list[LessonSource] = field(default_factory=list)
    images: set[str] = field(default_factory=set)


def scan_content_tree(root: Path) -> tuple[list[CourseSource], list[Problem]]:
    """Read every course under ``root`` (the ``content/courses`` folder).

    Courses and lessons come in ``NN`` order. A file that cannot be parsed at
    all (no front matter, broken YAML) is left out, as is a course without a
    usable ``index.md``; their problems are in the list all the same. Problem
    paths are ``root`` joined with the file name, as given.
    """
    if not root.is_dir():
        return [], [Problem(str(root), 0, "content folder not found")]
    problems: list[Problem] = []
    named = []
    for entry in _entries(root):
        if not entry.is_dir():
            continue
        match = NAME_RE.fullmatch(entry.name)
        if match is None:
            message = "course folder name must look like 'NN-slug', e.g. '02-qianniu'"
            problems.append(Problem(str(entry), 0, message))
            continue
        named.append((entry, int(match["order"]), match["slug"]))
    problems += _duplicates(named, "course")
    courses = []
    for folder, order, slug in named:
        course, course_problems = _scan_course(folder, order, slug)
        problems += course_problems
        if course is not None:
            courses.append(course)
    problems += _check_prerequisites(courses, {slug for _, _, slug in named})
    return courses, problems


def _entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def _duplicates(named: list[tuple[Path, int, str]], what: str) -> list[Problem]:
    problems = []
    by_slug: dict[str, Path] = {}
    by_order: dict[int, Path] = {}
    for path, order, slug in named:
        if slug in by_slug:
            message = f"{what} slug '{slug}' is also used by {by_slug[slug].name}"
            problems.append(Problem(str(path), 0, message))
        else:
            by_slug[slug] = path
        if order in by_order:
            message = (
                f"{what} number {order:02d} is also used by {by_order[order].name}"
            )
            problems.append(Problem(str(path), 0, message))
        else:
            by_order[order] = path
    return problems


def _scan_course(
    folder: Path, order: int, slug: str
) -> tuple[CourseSource | None, list[Problem]]:
    problems: list[Problem] = []
    index = folder / INDEX
    document = None
    if index.is_file():
        document, problems = _parse(index, "course")
    else:
        problems.append(Problem(str(folder), 0, f"course folder has no {INDEX}"))
    images = _images(folder)
    lessons: list[LessonSource] = []
    named = []
    for entry in _entries(folder):
        if entry.name in (INDEX, IMAGES):
            continue
        if entry.is_dir():
            message = f"unexpected folder: a course folder holds lessons and {IMAGES}/"
            problems.append(Problem(str(entry), 0, message))
            continue
        if entry.suffix != ".md":
            continue
        match = NAME_RE.fullmatch(entry.stem)
        if match is None:
            message = (
                "lesson file name must look like 'NN-slug.md', e.g. '03-auto-reply.md'"
            )
            problems.append(Problem(str(entry), 0, message))
            continue
        named.append((entry, int(match["order"]), match["slug"]))
    problems += _duplicates(named, "lesson")
    for path, lesson_order, lesson_slug in named:
        lesson, lesson_problems = _parse(path, "lesson")
        problems += lesson_problems
        if lesson is not None:
            problems += _check_images(lesson, images, folder)
            lessons.append(LessonSource(path, lesson_slug, lesson_order, lesson))
    if document is None:
        return None, problems
    problems += _check_images(document, images, folder)
    course = CourseSource(folder, slug, order, document, lessons, images)
    return course, problems


def _parse(path: Path, kind: Kind) -> tuple[SourceDocument | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Problem(str(path), 0, "file is not UTF-8 text")]
    return parse_document(text, str(path), kind=kind)


def _images(folder: Path) -> set[str]:
    images = folder / IMAGES
    if not images.is_dir():
        return set()
    return {
        path.relative_to(folder).as_posix()
        for path in images.rglob("*")
        if path.is_file() and not any(p.startswith(".") for p in path.parts)
    }


def _check_images(
    document: SourceDocument, images: set[str], folder: Path
) -> list[Problem]:
    refs: list[tuple[str, int]] = []
    cover = document.front_matter.get("cover")
    if isinstance(cover, str):
        refs.append((cover, document.field_lines.get("cover", 1)))
    for block in document.blocks:
        if block.type == "figure" and isinstance(block.value, dict):
            refs.append((str(block.value["image"]), block.line))
        elif block.type == "steps" and isinstance(block.value, dict):
            refs += [(step["image"], block.line) for step in block.value["steps"]]
        elif block.type == "markdown" and isinstance(block.value, str):
            for match in _MARKDOWN_IMAGE_RE.finditer(block.value):
                if not _EXTERNAL_RE.match(match["ref"]):
                    line = block.line + block.value.count("\n", 0, match.start())
                    refs.append((match["ref"], line))
    problems = []
    for ref, line in refs:
        if ref and ref not in images:
            message = f"image '{ref}' not found in {folder.name}/{IMAGES}/"
            problems.append(Problem(document.path, line, message))
    return problems


def _check_prerequisites(courses: list[CourseSource], slugs: set[str]) -> list[Problem]:
    problems = []
    graph: dict[str, list[str]] = {}
    for course in courses:
        document = course.document
        wanted = document.front_matter.get("prerequisites")
        if not isinstance(wanted, list):
            continue
        line = document.field_lines.get("prerequisites", 1)
        for slug in wanted:
            if slug not in slugs:
                message = f"unknown prerequisite '{slug}' (no course has that slug)"
                problems.append(Problem(document.path, line, message))
        graph[course.slug] = [slug for slug in wanted if slug in slugs]
    by_slug = {course.slug: course for course in courses}
    for cycle in _cycles(graph):
        document = by_slug[cycle[0]].document
        line = document.field_lines.get("prerequisites", 1)
        message = f"prerequisites go round in a circle: {' → '.join(cycle)}"
        problems.append(Problem(document.path, line, message))
    return problems


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Each circle of prerequisites once, e.g. ``["a", "b", "a"]``."""
    found: list[list[str]] = []
    seen: set[frozenset[str]] = set()
    done: set[str] = set()

    def visit(slug: str, trail: list[str]) -> None:
        if slug in trail:
            cycle = trail[trail.index(slug) :]
            if frozenset(cycle) not in seen:
                seen.add(frozenset(cycle))
                found.append([*cycle, slug])
            return
        if slug in done:
            return
        for needed in graph.get(slug, []):
            visit(needed, [*trail, slug])
        done.add(slug)

    for slug in graph:
        visit(slug, [])
    return found
