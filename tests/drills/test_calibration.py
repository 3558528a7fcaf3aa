import math

import pytest

from lms.drills.calibration import (
    SampleError,
    calibrate,
    format_report,
    grade_from_result,
    pass_accuracy,
    quadratic_weighted_kappa,
    spearman,
)
from lms.drills.judging.results import TurnResult


def test_qwk_of_identical_grades_is_one():
    assert quadratic_weighted_kappa([0, 1, 2, 3], [0, 1, 2, 3]) == 1.0


def test_qwk_matches_a_hand_computed_value():
    # observed weighted disagreement 2/9, expected 6/9 -> 1 - 1/3
    assert math.isclose(quadratic_weighted_kappa([0, 1, 2, 3], [1, 1, 2, 2]), 2 / 3)


def test_qwk_of_opposite_extremes_is_minus_one():
    assert quadratic_weighted_kappa([0, 3], [3, 0]) == -1.0


def test_qwk_of_one_shared_constant_grade_is_one():
    assert quadratic_weighted_kappa([2, 2], [2, 2]) == 1.0


def test_qwk_needs_the_same_number_of_items():
    with pytest.raises(ValueError):
        quadratic_weighted_kappa([1], [1, 2])


def test_spearman_matches_a_hand_computed_value():
    # sum of squared rank differences 2 -> 1 - 6*2 / (4 * 15)
    assert math.isclose(spearman([1, 2, 3, 4], [1, 3, 2, 4]), 0.8)


def test_spearman_averages_tied_ranks():
    # ranks x = 1, 2.5, 2.5, 4 -> 4.5 / sqrt(4.5 * 5)
    assert math.isclose(spearman([1, 2, 2, 3], [1, 2, 3, 4]), 4.5 / math.sqrt(22.5))


def test_spearman_is_undefined_for_constant_input():
    assert spearman([1, 1, 1], [1, 2, 3]) is None
    assert spearman([1], [1]) is None


def test_pass_accuracy_treats_grade_two_and_up_as_pass():
    assert pass_accuracy([0, 1, 2, 3], [1, 2, 2, 3]) == 0.75


def _result(score: int, verdict: str, fatal: bool = False) -> TurnResult:
    return TurnResult("t1", "", score, verdict, fatal, (), 0.0, 0.0)


@pytest.mark.parametrize(
    ("score", "verdict", "fatal", "grade"),
    [
        (0, "fail", True, 0),
        (39, "fail", False, 0),
        (40, "fail", False, 1),
        (69, "fail", False, 1),
        (85, "fail", False, 1),  # a must key point missed
        (70, "pass", False, 2),
        (89, "pass", False, 2),
        (90, "excellent", False, 3),
    ],
)
def test_scores_map_onto_the_trainer_scale(score, verdict, fatal, grade):
    assert grade_from_result(_result(score, verdict, fatal), 70) == grade


def test_calibrate_scores_the_fixture_samples(bargain, rules, data_dir):
    text = (data_dir / "samples" / "bargain-basic.graded.csv").read_text("utf-8")
    per, overall = calibrate([bargain], {"bargain-basic": text}, rules)
    assert [a.name for a in per] == ["bargain-basic"]
    assert overall.n == 5
    assert overall.qwk > 0.7
    assert "overall" in format_report(per, overall)


def test_an_unknown_turn_in_samples_names_the_line(bargain):
    with pytest.raises(SampleError) as caught:
        calibrate([bargain], {"bargain-basic": "turn,grade,reply\nt9,1,好\n"})
    assert caught.value.line == 2


def test_the_real_samples_agree_with_trainers_at_qwk_0_7_or_more():
    from pathlib import Path

    from lms.drills.calibration import sample_files
    from lms.drills.library import load_library

    root = Path(__file__).resolve().parents[2] / "content" / "drills"
    if not (root / "samples").is_dir():
        pytest.skip("no graded samples in content/drills/samples")
    library = load_library(root)
    files = sample_files(root, library.paths)
    if not files:
        pytest.skip("no graded samples in content/drills/samples")
    texts = {sid: path.read_text(encoding="utf-8") for sid, path in files.items()}
    _, overall = calibrate(list(library.scenarios.values()), texts, library.rules)
    assert overall.qwk >= 0.7
