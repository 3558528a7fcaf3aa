"""Mistakes found in course source files, printed as ``path:line: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One mistake in a source file or folder.

    ``line`` is 1-based; 0 means the file or folder as a whole (a bad name, a
    missing ``index.md``, a duplicate slug).
    """

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class SourceError(ValueError):
    """Raised by ``canonicalize`` when a file has problems; holds all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
