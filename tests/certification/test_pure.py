"""Pure helpers: validity months, verification codes, the seal's lettering."""

from datetime import datetime

import pytest

from lms.certification.artwork import rosette_path, seal_chars, star_points
from lms.certification.dates import add_months
from lms.certification.serials import (
    CODE_ALPHABET,
    format_code,
    normalise_code,
    verification_code_new,
)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime(2026, 1, 15), 12, datetime(2027, 1, 15)),
        (datetime(2026, 1, 31), 1, datetime(2026, 2, 28)),
        (datetime(2028, 1, 31), 1, datetime(2028, 2, 29)),
        (datetime(2026, 11, 30), 3, datetime(2027, 2, 28)),
        (datetime(2026, 12, 1), 24, datetime(2028, 12, 1)),
    ],
)
def test_adding_months_keeps_the_day_or_takes_the_months_last(start, months, expected):
    assert add_months(start, months) == expected


def test_verification_codes_are_16_unambiguous_characters_and_differ():
    codes = {verification_code_new() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == 16 and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert not set("01ILO") & set(CODE_ALPHABET)


def test_a_code_reads_in_groups_of_four_and_is_typed_back_in_any_form():
    code = "ABCDEFGHJKMNPQRS"
    assert format_code(code) == "ABCD-EFGH-JKMN-PQRS"
    assert normalise_code(" abcd-efgh jkmn-pqrs ") == code


def test_the_seal_spreads_its_name_evenly_around_the_top():
    chars = seal_chars("轻风运动旗舰店 客服培训中心")
    assert "".join(c.char for c in chars) == "轻风运动旗舰店客服培训中心"
    angles = [c.angle for c in chars]
    assert angles[0] == -angles[-1] and angles == sorted(angles)
    assert seal_chars("店") == [type(chars[0])("店", 0.0)]
    assert seal_chars("") == []


def test_the_star_and_the_rosette_are_drawable_svg():
    assert len(star_points(50, 50, 15, 6).split()) == 10
    path = rosette_path()
    assert path.startswith("M") and path.count("L") == 2400
