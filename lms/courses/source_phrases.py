"""Lessons' ``phrase`` blocks take their text from the one quick-phrase library.

A lesson names a phrase by its ``/code``; the text lives only in
``content/drills/quick_phrases.yaml`` (the file the drills use too), so the two
never drift. Pure: no Django.
"""

from __future__ import annotations

from pathlib import Path

from lms.drills.phrases import QuickPhrase, validate_quick_phrases
from lms.drills.validation import InvalidData, read_yaml_file

from .source_problems import Problem
from .source_tree import CourseSource

PHRASES_PATH = Path("drills") / "quick_phrases.yaml"


def phrases_file(content_root: Path) -> Path:
    """The phrase library, given ``content/`` or ``content/courses/``."""
    root = content_root.parent if content_root.name == "courses" else content_root
    return root / PHRASES_PATH


def load_phrase_texts(path: Path) -> tuple[dict[str, QuickPhrase], list[Problem]]:
    if not path.is_file():
        return {}, [Problem(str(path), 0, "quick-phrase library not found")]
    try:
        data = read_yaml_file(path)
    except InvalidData as exc:
        return {}, [_problem(p) for p in exc.problems]
    problems, phrases = validate_quick_phrases(data, path=str(path))
    return {p.code: p for p in phrases}, [_problem(p) for p in problems]


def resolve_phrases(courses: list[CourseSource], path: Path) -> list[Problem]:
    """Fill each phrase block's ``text`` from the library; name unknown codes.

    A tree without phrase blocks needs no library.
    """
    blocks = [
        (document_path, block)
        for course in courses
        for document_path, document in _documents(course)
        for block in document.blocks
        if block.type == "phrase"
    ]
    if not blocks:
        return []
    library, problems = load_phrase_texts(path)
    if problems:
        return problems
    for document_path, block in blocks:
        phrase = library.get(block.value["code"])
        if phrase is None:
            message = (
                f"'phrase' block: {block.value['code']} is not in {path} "
                "(add it there; lessons hold only the code)"
            )
            problems.append(Problem(str(document_path), block.line, message))
        else:
            block.value["text"] = phrase.text
    return problems


def phrase_texts(document) -> str:
    """The library texts a document shows, for its content hash."""
    return "\n".join(
        str(block.value.get("text", ""))
        for block in document.blocks
        if block.type == "phrase"
    )


def _documents(course: CourseSource):
    yield course.dir / "index.md", course.document
    for lesson in course.lessons:
        yield lesson.path, lesson.document


def _problem(problem) -> Problem:
    return Problem(problem.path, problem.line or 0, problem.message)
