"""Rendering course source files: the canonical form and both round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from lms.courses.source import (
    Kind,
    SourceBlock,
    SourceError,
    canonicalize,
    content_hash,
    parse_document,
    render_document,
)

DATA = Path(__file__).parent / "data"
REAL_COURSES = Path(__file__).parents[2] / "content" / "courses"
CASES: list[tuple[str, str, Kind]] = [
    ("lesson_canonical.md", "lesson_messy.md", "lesson"),
    ("course_canonical.md", "course_messy.md", "course"),
]


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(("canonical", "_messy", "kind"), CASES)
def test_rendering_a_parsed_canonical_file_gives_the_same_text(
    canonical: str, _messy: str, kind: Kind
) -> None:
    text = read(canonical)
    document, problems = parse_document(text, canonical, kind=kind)
    assert problems == []
    assert document is not None
    rendered = render_document(document.front_matter, document.blocks, kind=kind)
    assert rendered == text


@pytest.mark.parametrize(("_canonical", "messy", "kind"), CASES)
def test_parsing_a_rendered_document_gives_the_same_data(
    _canonical: str, messy: str, kind: Kind
) -> None:
    before, problems = parse_document(read(messy), messy, kind=kind)
    assert problems == []
    assert before is not None
    text = render_document(before.front_matter, before.blocks, kind=kind)
    after, problems = parse_document(text, messy, kind=kind)
    assert problems == []
    assert after is not None
    assert after.front_matter == before.front_matter
    assert after.blocks == before.blocks
    assert [b.value for b in after.blocks] == [b.value for b in before.blocks]


@pytest.mark.parametrize(("canonical", "messy", "kind"), CASES)
def test_canonicalize_rewrites_an_authored_file_into_the_canonical_one(
    canonical: str, messy: str, kind: Kind
) -> None:
    assert canonicalize(read(messy), messy, kind) == read(canonical)


@pytest.mark.parametrize(("canonical", "_messy", "kind"), CASES)
def test_canonicalize_leaves_a_canonical_file_alone(
    canonical: str, _messy: str, kind: Kind
) -> None:
    text = read(canonical)
    assert canonicalize(text, canonical, kind) == text


def test_canonicalize_accepts_crlf_and_a_bom() -> None:
    text = "\ufeff" + read("lesson_messy.md").replace("\n", "\r\n")
    assert canonicalize(text, "x.md", "lesson") == read("lesson_canonical.md")


def test_canonicalize_refuses_a_file_with_problems() -> None:
    text = "---\ntitle: 测试\n---\n```tips\nx\n```\n"
    with pytest.raises(SourceError) as caught:
        canonicalize(text, "x.md", "lesson")
    assert [str(p) for p in caught.value.problems] == [
        "x.md:1: missing required field 'estimated_minutes'",
        "x.md:4: unknown block 'tips' (did you mean 'tip'?)",
    ]


def test_render_accepts_type_value_pairs_and_fills_in_the_layout() -> None:
    text = render_document(
        {"summary": "一句话", "title": "欢迎语", "estimated_minutes": 10},
        [
            ("markdown", "\n\n## 开场\n\n先问好。\n\n"),
            ("phrase", {"code": "/hy", "when": "顾客来时"}),
            ("steps", {"steps": [{"text": "打开设置"}]}),
            ("figure", {"image": "images/a.svg", "caption": "图"}),
            ("quiz", "communication-quiz"),
        ],
        kind="lesson",
    )
    assert text == (
        "---\n"
        "title: 欢迎语\n"
        "estimated_minutes: 10\n"
        "summary: 一句话\n"
        "---\n"
        "\n"
        "## 开场\n"
        "\n"
        "先问好。\n"
        "\n"
        "```phrase\n"
        "code: /hy\n"
        "when: 顾客来时\n"
        "```\n"
        "\n"
        "```steps\n"
        "steps:\n"
        "- text: 打开设置\n"
        "```\n"
        "\n"
        "```figure\n"
        "image: images/a.svg\n"
        "caption: 图\n"
        "```\n"
        "\n"
        "```quiz\n"
        "communication-quiz\n"
        "```\n"
    )


def test_render_omits_empty_optional_keys_and_fields_set_to_none() -> None:
    text = render_document(
        {"title": "t", "estimated_minutes": 1, "summary": None},
        [SourceBlock("steps", {"title": "", "steps": [{"text": "一", "image": ""}]})],
        kind="lesson",
    )
    assert text.endswith("---\n\n```steps\nsteps:\n- text: 一\n```\n")
    assert "summary" not in text


def test_render_quotes_strings_that_yaml_would_read_as_something_else() -> None:
    blocks = [SourceBlock("dodont", {"dont": "yes", "do": "2024", "why": "a: b"})]
    text = render_document(
        {"title": "1", "estimated_minutes": 3}, blocks, kind="lesson"
    )
    document, problems = parse_document(text, "x.md", kind="lesson")
    assert problems == []
    assert document is not None
    assert document.front_matter["title"] == "1"
    assert document.blocks == blocks


def test_render_lengthens_the_fence_around_a_tip_that_holds_a_code_fence() -> None:
    tip = "表头：\n\n````text\n编码,内容\n````"
    text = render_document(
        {"title": "t", "estimated_minutes": 1}, [("tip", tip)], kind="lesson"
    )
    assert "\n`````tip\n" + tip + "\n`````\n" in text
    document, _ = parse_document(text, "x.md", kind="lesson")
    assert document is not None
    assert document.blocks == [SourceBlock("tip", tip)]


def test_render_of_a_front_matter_without_blocks_ends_after_the_fence() -> None:
    text = render_document({"title": "t", "estimated_minutes": 1}, [], kind="lesson")
    assert text == "---\ntitle: t\nestimated_minutes: 1\n---\n"


def test_render_rejects_unknown_fields() -> None:
    with pytest.raises(ValueError, match="unknown lesson fields: track"):
        render_document(
            {"title": "t", "estimated_minutes": 1, "track": "tools"}, [], kind="lesson"
        )


def test_render_rejects_unknown_blocks_and_keys() -> None:
    front = {"title": "t", "estimated_minutes": 1}
    with pytest.raises(ValueError, match="unknown block type 'note'"):
        render_document(front, [("note", "x")], kind="lesson")
    with pytest.raises(ValueError, match=r"dodont: unknown keys \['who'\]"):
        render_document(front, [("dodont", {"who": "x"})], kind="lesson")


def test_content_hash_ignores_line_ends_bom_and_trailing_blank_lines() -> None:
    text = read("lesson_canonical.md")
    crlf = "\ufeff" + text.replace("\n", "\r\n") + "\r\n\r\n"
    assert content_hash(crlf) == content_hash(text)
    assert len(content_hash(text)) == 64
    assert content_hash(text) != content_hash(text.replace("自动回复", "自动应答"))


@pytest.mark.parametrize(
    "path",
    sorted(REAL_COURSES.glob("*/*.md")) if REAL_COURSES.is_dir() else [],
    ids=lambda path: f"{path.parent.name}/{path.name}",
)
def test_the_real_course_files_survive_a_round_trip(path: Path) -> None:
    kind: Kind = "course" if path.name == "index.md" else "lesson"
    before, problems = parse_document(path.read_text(encoding="utf-8"), "", kind=kind)
    assert before is not None, problems
    text = render_document(before.front_matter, before.blocks, kind=kind)
    after, _ = parse_document(text, "", kind=kind)
    assert after is not None
    assert (after.front_matter, after.blocks) == (before.front_matter, before.blocks)
    assert render_document(after.front_matter, after.blocks, kind=kind) == text
