from pathlib import Path

import pytest

from lms.drills.judging.rules import Rule
from lms.drills.judging.scoring import Scorer, get_scorer
from lms.drills.rules_file import load_rules
from lms.drills.scenario import Scenario, load_scenario

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def rules() -> tuple[Rule, ...]:
    return load_rules(DATA / "rules.yaml")


@pytest.fixture
def bargain() -> Scenario:
    return load_scenario(DATA / "bargain-basic.yaml")


@pytest.fixture
def late_parcel() -> Scenario:
    return load_scenario(DATA / "late-parcel.yaml")


@pytest.fixture
def scorer(bargain: Scenario, rules: tuple[Rule, ...]) -> Scorer:
    return get_scorer(bargain, rules)


@pytest.fixture
def parcel_scorer(late_parcel: Scenario, rules: tuple[Rule, ...]) -> Scorer:
    return get_scorer(late_parcel, rules)
