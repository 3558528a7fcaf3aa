from pathlib import Path

import pytest

from lms.drills.checking import check_path
from lms.drills.scenario import InvalidData, parse_document

BASE = """\
id: demo
title: 演示
track: presales
persona: {name: 小雨, nick: xiaoyu, mood: calm}
context: {}
targets: {first_response_s: 15, response_s: 30}
pass_score: 70
turns:
  - id: t1
    customer: ["在吗"]
    quick_phrase: /hy
    model_answers: ["您好,欢迎光临!本周满300减20哦"]
    key_points:
      - {id: greet, label: 问候, any: ["您好"]}
      - {id: offer, label: 优惠, weight: 2, any: ["满300减20"], regex: ['满\\d+减\\d+']}
    next: {default: t2}
  - id: t2
    customer: ["包邮吗"]
    model_answers: ["亲,这款包邮的,谢谢您的支持"]
    forbidden:
      - {id: cashback, any: ["返现"], reason: 违规, severity: fatal}
"""
PHRASES = """\
phrases:
  - {code: /hy, title: 欢迎, text: 您好, group: 售前}
"""


def with_line(number: int, text: str, base: str = BASE) -> str:
    lines = base.splitlines()
    lines[number - 1] = text
    return "\n".join(lines) + "\n"


def check(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, str]]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    report = check_path(tmp_path)
    return [(Path(p.path).name, p.line, p.message) for p in report.problems]


def only(problems, name: str, line: int, words: str) -> None:
    assert len(problems) == 1, problems
    assert problems[0][:2] == (name, line), problems
    assert words in problems[0][2], problems


def test_a_valid_folder_reports_the_number_of_files(tmp_path):
    files = {"demo.yaml": BASE, "quick_phrases.yaml": PHRASES}
    assert check(tmp_path, files) == []
    assert check_path(tmp_path).files == 2


def test_the_fixture_folder_is_valid(data_dir):
    report = check_path(data_dir)
    assert report.problems == []
    assert report.files == 5


def test_yaml_syntax_errors_name_their_line(tmp_path):
    problems = check(tmp_path, {"demo.yaml": with_line(10, '    customer: ["在吗"')})
    assert problems[0][0:2] == ("demo.yaml", 11)
    assert "YAML" in problems[0][2]


def test_an_unknown_field_names_its_line(tmp_path):
    text = with_line(5, "context: {}\nmood: happy")
    only(check(tmp_path, {"demo.yaml": text}), "demo.yaml", 6, "unknown field 'mood'")


def test_an_unknown_key_point_field_names_its_line(tmp_path):
    text = with_line(14, '      - {id: greet, label: 问候, any: ["您好"], points: 3}')
    only(
        check(tmp_path, {"demo.yaml": text}), "demo.yaml", 14, "unknown field 'points'"
    )


def test_a_missing_field_names_the_mapping_line(tmp_path):
    text = with_line(18, "    quick_phrase: /hy")
    only(
        check(tmp_path, {"demo.yaml": text}),
        "demo.yaml",
        17,
        "missing field 'customer'",
    )


def test_a_wrong_type_names_its_line(tmp_path):
    text = with_line(7, "pass_score: high")
    only(check(tmp_path, {"demo.yaml": text}), "demo.yaml", 7, "whole number")


def test_a_wrong_enum_value_names_its_line(tmp_path):
    text = with_line(3, "track: marketing")
    only(check(tmp_path, {"demo.yaml": text}), "demo.yaml", 3, "presales, aftersales")


def test_a_wrong_mood_names_its_line(tmp_path):
    text = with_line(4, "persona: {name: 小雨, nick: xiaoyu, mood: happy}")
    only(check(tmp_path, {"demo.yaml": text}), "demo.yaml", 4, "calm, impatient, angry")


def test_a_wrong_severity_names_its_line(tmp_path):
    text = with_line(
        21, '      - {id: cashback, any: ["返现"], reason: 违规, severity: huge}'
    )
    only(check(tmp_path, {"demo.yaml": text}), "demo.yaml", 21, "fatal, major, minor")


def test_a_duplicate_turn_id_names_its_line(tmp_path):
    text = with_line(17, "  - id: t1")
    problems = check(tmp_path, {"demo.yaml": text})
    assert ("demo.yaml", 17) in [p[:2] for p in problems]
    assert any("duplicate turn id" in p[2] for p in problems)


def test_a_duplicate_key_point_id_names_its_line(tmp_path):
    text = with_line(14, '      - {id: offer, label: 问候, any: ["您好"]}')
    only(
        check(tmp_path, {"demo.yaml": text}), "demo.yaml", 15, "duplicate key point id"
    )


def test_a_duplicate_scenario_id_across_files_names_its_line(tmp_path):
    problems = check(tmp_path, {"a.yaml": BASE, "b.yaml": BASE})
    only(problems, "b.yaml", 1, "duplicate scenario id 'demo'")
    assert "a.yaml:1" in problems[0][2]


def test_a_duplicate_yaml_key_names_its_line(tmp_path):
    text = with_line(2, "title: 演示\ntitle: 又一个")
    only(check(tmp_path, {"demo.yaml": text}), "demo.yaml", 3, "appears twice")


def test_a_next_target_that_does_not_exist_names_its_line(tmp_path):
    text = with_line(16, "    next: {default: t9}")
    only(check(tmp_path, {"demo.yaml": text}), "demo.yaml", 16, "next target 't9'")


def test_a_next_condition_on_an_unknown_key_point_names_its_line(tmp_path):
    text = with_line(16, "    next: {default: t2, 'missing:nope': t2}")
    only(check(tmp_path, {"demo.yaml": text}), "demo.yaml", 16, "names no key point")


def test_a_loop_of_turns_is_reported(tmp_path):
    text = BASE.replace(
        '      - {id: cashback, any: ["返现"], reason: 违规, severity: fatal}',
        '      - {id: cashback, any: ["返现"], reason: 违规, severity: fatal}\n'
        "    next: {default: t1}",
    )
    only(check(tmp_path, {"demo.yaml": text}), "demo.yaml", 22, "loop")


def test_an_unknown_quick_phrase_code_names_its_line(tmp_path):
    text = with_line(11, "    quick_phrase: /zz")
    problems = check(tmp_path, {"demo.yaml": text, "quick_phrases.yaml": PHRASES})
    only(problems, "demo.yaml", 11, "/zz")


def test_quick_phrase_codes_are_not_checked_without_a_phrases_file(tmp_path):
    assert check(tmp_path, {"demo.yaml": with_line(11, "    quick_phrase: /zz")}) == []


def test_an_invalid_regex_names_its_line(tmp_path):
    text = with_line(
        15, "      - {id: offer, label: 优惠, any: ['满300减20'], regex: ['满(\\d+']}"
    )
    only(check(tmp_path, {"demo.yaml": text}), "demo.yaml", 15, "invalid regex")


def test_a_concurrent_id_that_does_not_exist_names_its_line(tmp_path):
    rush = "id: rush\ntitle: 高峰\nconcurrent:\n  - demo\n  - ghost\n"
    problems = check(tmp_path, {"demo.yaml": BASE, "rush.yaml": rush})
    only(problems, "rush.yaml", 5, "'ghost' does not exist")


def test_a_rush_set_with_an_unknown_field_is_reported(tmp_path):
    rush = "id: rush\ntitle: 高峰\nconcurrent: [demo, demo2]\npass_score: 70\n"
    problems = check(tmp_path, {"rush.yaml": rush})
    assert ("rush.yaml", 4) in [p[:2] for p in problems]


def test_a_model_answer_the_scorer_fails_is_reported(tmp_path):
    text = with_line(19, '    model_answers: ["亲,这款可以返现的"]')
    problems = check(tmp_path, {"demo.yaml": text})
    assert ("demo.yaml", 19) in [p[:2] for p in problems]
    assert any("model answer 1 scores" in p[2] for p in problems)


def test_rules_file_problems_name_their_lines(tmp_path):
    rules = (
        "rules:\n"
        "  - id: cashback\n"
        "    label: 好评返现\n"
        "    severity: fatal\n"
        "    reason: 违规\n"
        "    lesson: no-cashback\n"
        "    any: [返现]\n"
    )
    problems = check(tmp_path, {"rules.yaml": rules})
    only(problems, "rules.yaml", 6, "course-slug/lesson-slug")


def test_a_rule_without_patterns_is_reported(tmp_path):
    rules = (
        "rules:\n  - {id: x, label: X, severity: minor, reason: r, "
        "lesson: platform-rules/ad-law}\n"
    )
    only(check(tmp_path, {"rules.yaml": rules}), "rules.yaml", 2, "'any' phrases")


def test_a_duplicate_quick_phrase_code_names_its_line(tmp_path):
    phrases = PHRASES + "  - {code: /hy, title: 又一个, text: 你好, group: 售前}\n"
    only(
        check(tmp_path, {"quick_phrases.yaml": phrases}),
        "quick_phrases.yaml",
        3,
        "duplicate code",
    )


def test_sample_csv_problems_name_their_lines(tmp_path):
    samples = "turn,grade,reply\nt1,3,您好\nt7,2,包邮的\nt2,5,包邮的\n"
    problems = check(tmp_path, {"demo.yaml": BASE, "samples/demo.graded.csv": samples})
    assert [(p[0], p[1]) for p in problems] == [
        ("demo.graded.csv", 3),
        ("demo.graded.csv", 4),
    ]
    assert (
        "unknown turn 't7'" in problems[0][2] or "unknown turn 't7'" in problems[1][2]
    )


def test_samples_for_an_unknown_scenario_are_reported(tmp_path):
    problems = check(tmp_path, {"samples/ghost.graded.csv": "turn,grade,reply\n"})
    only(problems, "ghost.graded.csv", 1, "no scenario with id 'ghost'")


def test_a_single_file_is_checked_against_its_folder(tmp_path):
    check(tmp_path, {"demo.yaml": BASE, "quick_phrases.yaml": PHRASES})
    report = check_path(tmp_path / "demo.yaml")
    assert report.ok and report.files == 1


def test_parse_document_raises_with_every_problem():
    with pytest.raises(InvalidData) as caught:
        parse_document({"id": "Bad Id", "title": "x"})
    messages = [p.message for p in caught.value.problems]
    assert any("not a valid id" in m for m in messages)
    assert any("missing field 'turns'" in m for m in messages)


def test_problems_format_as_path_line_message(tmp_path):
    check(tmp_path, {"demo.yaml": with_line(3, "track: marketing")})
    problem = check_path(tmp_path).problems[0]
    assert problem.format().startswith(f"{tmp_path / 'demo.yaml'}:3: ")
