"""What `lms quickstart` does for drills: load content/drills/ into the database."""

from pathlib import Path

from .loading import drills_load


def quickstart_steps(base_dir: Path):
    def load_drills() -> str:
        report = drills_load(root=Path(base_dir) / "content" / "drills")
        skipped = "".join(
            f"\n  {sid}: edited in the admin, left as it is" for sid in report.skipped
        )
        return report.summary() + skipped

    return [("练习场景 / drill scenarios", load_drills)]
