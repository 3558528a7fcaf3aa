"""`lms drills load`: mutated scenario, rush-set, phrase and sample files never
crash it, and what `--check` passes the load stores."""

import shutil
from pathlib import Path

import pytest

from lms.drills.checking import check_path
from lms.drills.loading import DrillLoadError, drills_load
from tests.mutations import fuzz_importer

pytestmark = pytest.mark.fuzz
DATA = Path(__file__).parent / "data"
RUSH = """id: rush
title: 高峰时段
description: 两位顾客同时咨询
concurrent: [bargain-basic, late-parcel]
"""


def seed_folder(root: Path) -> Path:
    """Two scenarios, a rush-mode set, quick phrases, rules and graded samples."""
    (root / "samples").mkdir(parents=True)
    for name in ("bargain-basic.yaml", "late-parcel.yaml", "quick_phrases.yaml"):
        shutil.copy(DATA / name, root / name)
    shutil.copy(DATA / "rules.yaml", root / "rules.yaml")
    sample = "samples/bargain-basic.graded.csv"
    shutil.copy(DATA / sample, root / sample)
    (root / "rush.yaml").write_text(RUSH, encoding="utf-8")
    return root


def test_mutated_drill_files_are_refused_with_a_line_or_loaded(db, tmp_path):
    seed = seed_folder(tmp_path / "drills")
    assert check_path(seed).problems == []

    tried = fuzz_importer(
        seed=seed,
        # rules.yaml belongs to the judging engine and has its own tests.
        files=[
            "bargain-basic.yaml",
            "late-parcel.yaml",
            "quick_phrases.yaml",
            "rush.yaml",
            "samples/bargain-basic.graded.csv",
        ],
        check=lambda root: check_path(root).problems,
        load=lambda root: drills_load(root=root),
        refused=DrillLoadError,
    )
    assert tried >= 300
