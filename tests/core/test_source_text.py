"""What a source file must not hold: NUL characters and YAML nested too deep."""

from lms.core.source_text import (
    DEPTH_MESSAGE,
    MAX_DEPTH,
    NUL_MESSAGE,
    nul_lines,
    yaml_hazard,
)


def test_nul_lines_lists_each_line_holding_a_nul_once():
    assert nul_lines("a\x00\x00\nb\nc\x00") == [1, 3]
    assert nul_lines("没有问题\n") == []


def test_a_nul_written_as_a_yaml_escape_is_found_on_its_line():
    assert yaml_hazard('a: 1\nb: "x\\0y"\n') == (2, NUL_MESSAGE)
    assert yaml_hazard('a: 1\nb: "\\x00"\n') == (2, NUL_MESSAGE)


def test_yaml_nested_a_thousand_deep_is_found_without_recursion():
    deep = "a: 1\nb: " + "[" * 1000 + "]" * 1000 + "\n"
    assert yaml_hazard(deep) == (2, DEPTH_MESSAGE)
    block = "".join("  " * level + f"k{level}:\n" for level in range(1000)) + "x"
    assert yaml_hazard(block)[1] == DEPTH_MESSAGE


def test_nesting_up_to_the_limit_and_broken_yaml_are_left_to_the_parser():
    # The document's own mapping is one level; the brackets make the rest.
    inside = MAX_DEPTH - 1
    assert yaml_hazard("a: " + "[" * inside + "]" * inside) is None
    assert yaml_hazard("a: [1, 2\nb: {") is None
    assert yaml_hazard("title: 千牛工作台\nsteps:\n- text: 打开\n") is None
