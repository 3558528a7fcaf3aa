"""The file formats are pure: reading and writing them loads no Django."""

import subprocess
import sys


def test_the_formats_package_imports_no_django() -> None:
    code = (
        "import sys\n"
        "import lms.quizzes.formats.detect, lms.quizzes.formats.gift\n"
        "import lms.quizzes.formats.moodle_xml, lms.quizzes.formats.yaml\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
