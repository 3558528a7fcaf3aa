"""How long importing content/ and quizzes/ takes, first time and unchanged.

    .venv/bin/python bench/bench_content_import.py

Runs against a fresh SQLite database in a temporary folder (or the database in
DATABASE_URL when set), so the figures do not depend on the demo database.
"""

import statistics
import time

from benchenv import ROOT, setup_django  # first: puts the repository on sys.path


def main() -> None:
    setup_django()
    from lms.courses.importing import content_import
    from lms.quizzes.importing import quizzes_import

    def timed(label, run, repeat=1):
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            result = run()
            times.append(time.perf_counter() - start)
        print(f"{label:<34} {statistics.median(times):7.2f} s   {result.summary()}")

    timed("content/ first import", lambda: content_import(root=ROOT / "content"))
    timed(
        "content/ unchanged (median of 3)",
        lambda: content_import(root=ROOT / "content"),
        3,
    )
    timed("quizzes/ first import", lambda: quizzes_import(paths=[ROOT / "quizzes"]))
    timed(
        "quizzes/ unchanged (median of 3)",
        lambda: quizzes_import(paths=[ROOT / "quizzes"]),
        3,
    )


if __name__ == "__main__":
    main()
