"""What `lms quickstart` does for courses: import content/."""

from pathlib import Path

from .importing import content_import


def quickstart_steps(base_dir: Path):
    def import_courses() -> str:
        report = content_import(root=base_dir / "content")
        skipped = "".join(
            f"\n  {key}: edited in the admin, left as it is" for key in report.skipped
        )
        return report.summary() + skipped

    return [("课程 / courses", import_courses)]
