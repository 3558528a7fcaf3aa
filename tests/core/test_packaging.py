"""`pip install -e .` builds without setuptools deprecation warnings: the
licence is an SPDX string (PEP 639), which needs setuptools 77 or later, and
no "License ::" classifier repeats it (setuptools refuses both together)."""

import re
import tomllib
from pathlib import Path

PYPROJECT = tomllib.loads(
    (Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8")
)


def test_the_licence_is_an_spdx_string():
    assert PYPROJECT["project"]["license"] == "MIT"


def test_the_build_asks_for_a_setuptools_that_reads_it():
    (setuptools,) = [
        r for r in PYPROJECT["build-system"]["requires"] if r.startswith("setuptools")
    ]
    major = int(re.search(r">=\s*(\d+)", setuptools).group(1))
    assert major >= 77


def test_no_licence_classifier_repeats_it():
    classifiers = PYPROJECT["project"].get("classifiers", [])
    assert not [c for c in classifiers if c.startswith("License ::")]
