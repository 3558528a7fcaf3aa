"""What `lms quickstart` does for quizzes: import quizzes/."""

from pathlib import Path

from .importing import quizzes_import


def quickstart_steps(base_dir: Path):
    return [
        (
            "题库与测验 / question banks and quizzes",
            lambda: quizzes_import(paths=[base_dir / "quizzes"]).summary(),
        )
    ]
