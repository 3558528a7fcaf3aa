"""Parsing course source files: block values, line numbers and every problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from lms.courses.source import (
    COURSE_FIELDS,
    LESSON_FIELDS,
    Kind,
    Problem,
    SourceBlock,
    parse_document,
    scan_content_tree,
)

DATA = Path(__file__).parent / "data"
REAL_COURSES = Path(__file__).parents[2] / "content" / "courses"
# Front matter of lines 1-4, so a lesson body starts on line 5.
HEAD = "---\ntitle: 测试\nestimated_minutes: 5\n---\n"
COURSE_HEAD = """\
---
title: 千牛工作台
track: tools
audience: all
estimated_minutes: 90
knowledge_objectives:
- 说出工具栏各区域的用途
skill_objectives:
- 能设置自动回复
---
"""


def problems_of(text: str, kind: Kind = "lesson") -> list[str]:
    _document, problems = parse_document(text, "x.md", kind=kind)
    return [str(problem) for problem in problems]


def lesson(body: str) -> str:
    return HEAD + body


# --- values ---------------------------------------------------------------


def test_canonical_lesson_parses_every_block_without_problems() -> None:
    text = (DATA / "lesson_canonical.md").read_text(encoding="utf-8")
    document, problems = parse_document(text, "lesson.md", kind="lesson")
    assert problems == []
    assert document is not None
    assert document.front_matter == {
        "title": "设置自动回复",
        "estimated_minutes": 15,
        "summary": "学会在千牛里设置自动回复，并用快捷短语提高回复速度。",
    }
    assert document.field_lines == {"title": 2, "estimated_minutes": 3, "summary": 4}
    assert document.body_line == 6
    types = [block.type for block in document.blocks]
    assert types == [
        "markdown",
        "steps",
        "steps",
        "dodont",
        "phrase",
        "rule",
        "tip",
        "warning",
        "tip",
        "figure",
        "markdown",
        "quiz",
        "drill",
    ]
    assert {block.type for block in document.blocks} == {
        "markdown",
        "steps",
        "dodont",
        "phrase",
        "rule",
        "tip",
        "warning",
        "figure",
        "quiz",
        "drill",
    }


def test_blocks_hold_normalised_values_and_their_fence_lines() -> None:
    text = (DATA / "lesson_canonical.md").read_text(encoding="utf-8")
    document, _ = parse_document(text, "lesson.md", kind="lesson")
    assert document is not None
    blocks = {block.line: block for block in document.blocks}
    assert blocks[7].type == "markdown"
    assert blocks[7].value.startswith("## 为什么要设置自动回复\n\n\n\n顾客")
    assert blocks[7].value.endswith("/hy,您好，欢迎光临轻风运动旗舰店！\n```")
    assert blocks[25] == SourceBlock(
        "steps",
        {
            "title": "设置自动回复",
            "steps": [
                {"text": "打开千牛工作台，点击右上角的“系统设置”。", "image": ""},
                {
                    "text": "在“接待设置”中选择“自动回复”。",
                    "image": "images/auto-reply.svg",
                },
                {"text": "写好欢迎语后点击“保存”。", "image": ""},
            ],
        },
    )
    assert blocks[34].value == {
        "title": "",
        "steps": [{"text": "回到聊天窗口，用另一个账号发一条消息测试。", "image": ""}],
    }
    assert blocks[39].value == {
        "dont": "亲爱的大人，小的这就为您查询~",
        "do": "您好，我马上为您查询，请稍等。",
        "why": "过度谦卑的称呼让顾客不自在，也显得不专业。",
    }
    assert blocks[45].value["code"] == "/hy"
    assert blocks[50].value["rule"] == "禁止好评返现"
    assert blocks[56] == SourceBlock(
        "tip",
        "自动回复里可以写上**本周满300减20**的活动。\n\n更新活动后记得同步修改自动回复。",
    )
    assert blocks[62].value == "不要在自动回复里承诺“秒发货”。"
    assert (
        blocks[66].value
        == "快捷短语文件的第一行是表头：\n\n```text\n快捷编码,短语内容\n```"
    )
    assert blocks[74].value == {
        "image": "images/qianniu-layout.svg",
        "caption": "千牛接待中心的三栏布局",
    }
    assert blocks[83] == SourceBlock("quiz", "qianniu-quiz")
    assert blocks[87] == SourceBlock("drill", "greeting-product")


def test_block_equality_ignores_the_line() -> None:
    assert SourceBlock("quiz", "role-quiz", 3) == SourceBlock("quiz", "role-quiz", 9)


def test_code_fences_in_known_languages_stay_inside_the_markdown() -> None:
    body = "前文\n\n```python\nprint(1)\n```\n\n```c++\nx\n```\n\n```\nplain\n```\n"
    document, problems = parse_document(lesson(body), "x.md", kind="lesson")
    assert problems == []
    assert document is not None
    assert document.blocks == [SourceBlock("markdown", body.strip())]


def test_a_longer_code_fence_may_show_a_block_without_making_it_one() -> None:
    body = "示例：\n\n````text\n```tips\n不是块\n```\n````\n"
    document, problems = parse_document(lesson(body), "x.md", kind="lesson")
    assert problems == []
    assert document is not None
    assert [block.type for block in document.blocks] == ["markdown"]


def test_course_summary_is_one_markdown_block() -> None:
    text = (DATA / "course_canonical.md").read_text(encoding="utf-8")
    document, problems = parse_document(text, "index.md", kind="course")
    assert problems == []
    assert document is not None
    assert document.front_matter["prerequisites"] == ["role"]
    assert document.field_lines["cover"] == 13
    assert [block.type for block in document.blocks] == ["markdown"]


def test_bom_and_crlf_do_not_change_line_numbers() -> None:
    text = "\ufeff" + lesson("正文\r\n\r\n```tipp\r\n内容\r\n```\r\n")
    text = text.replace("\n", "\r\n").replace("\r\r\n", "\r\n")
    assert problems_of(text) == [
        "x.md:7: unknown block 'tipp' (did you mean 'tip'?)",
    ]


def test_field_specs_say_which_fields_are_required() -> None:
    required = [name for name, spec in COURSE_FIELDS.items() if spec.required]
    assert required == [
        "title",
        "track",
        "audience",
        "estimated_minutes",
        "knowledge_objectives",
        "skill_objectives",
    ]
    assert list(LESSON_FIELDS) == ["title", "estimated_minutes", "summary"]
    assert COURSE_FIELDS["track"].choices == (
        "role",
        "tools",
        "rules",
        "communication",
        "product",
        "aftersales",
    )
    assert COURSE_FIELDS["audience"].choices == ("all", "presales", "aftersales")


def test_problem_prints_as_path_line_message() -> None:
    assert str(Problem("a/b.md", 7, "oops")) == "a/b.md:7: oops"


# --- front-matter problems ------------------------------------------------


def test_missing_front_matter() -> None:
    document, problems = parse_document("## 标题\n\n正文\n", "x.md", kind="lesson")
    assert document is None
    assert [str(p) for p in problems] == [
        "x.md:1: missing front matter: the file must start with a '---' line"
    ]


def test_unclosed_front_matter() -> None:
    assert problems_of("---\ntitle: 测试\nestimated_minutes: 5\n\n正文\n") == [
        "x.md:1: front matter is not closed: add a '---' line after it"
    ]


def test_bad_yaml_in_front_matter_points_at_the_yaml_error() -> None:
    text = "---\ntitle: 测试\nestimated_minutes: [5\nsummary: x\n---\n正文\n"
    document, problems = parse_document(text, "x.md", kind="lesson")
    assert document is None
    assert [str(p) for p in problems] == [
        "x.md:4: invalid YAML in front matter: expected ',' or ']', but got ':'"
    ]


def test_front_matter_that_is_not_a_mapping() -> None:
    assert problems_of("---\n- title\n---\n正文\n") == [
        "x.md:2: front matter must be a YAML mapping of fields"
    ]


def test_unknown_field() -> None:
    text = "---\ntitle: 测试\nestimated_minutes: 5\nauthor: 王\n---\n正文\n"
    assert problems_of(text) == [
        "x.md:4: unknown field 'author' (allowed: title, estimated_minutes, summary)"
    ]


def test_missing_required_field() -> None:
    assert problems_of("---\ntitle: 测试\n---\n正文\n") == [
        "x.md:1: missing required field 'estimated_minutes'"
    ]


def test_duplicate_field() -> None:
    text = "---\ntitle: 测试\nestimated_minutes: 5\ntitle: 又一个\n---\n正文\n"
    assert problems_of(text) == ["x.md:4: duplicate field 'title'"]


def test_field_of_the_wrong_type() -> None:
    assert problems_of("---\ntitle: 测试\nestimated_minutes: 二十\n---\n正文\n") == [
        "x.md:3: field 'estimated_minutes' must be a positive whole number, not '二十'"
    ]


def test_text_field_given_a_number_asks_for_quotes() -> None:
    assert problems_of("---\ntitle: 2024\nestimated_minutes: 5\n---\n正文\n") == [
        "x.md:2: field 'title' must be text, not 2024 (put it in quotes)"
    ]


def test_empty_field() -> None:
    text = "---\ntitle: 测试\nestimated_minutes: 5\nsummary:\n---\n正文\n"
    assert problems_of(text) == ["x.md:4: field 'summary' is empty"]


def test_enum_field_with_a_value_not_in_the_list() -> None:
    text = COURSE_HEAD.replace("track: tools", "track: tool") + "简介\n"
    assert problems_of(text, "course") == [
        "x.md:3: field 'track' must be one of role, tools, rules, communication, "
        "product, aftersales, not 'tool'"
    ]


def test_objectives_need_at_least_one_item() -> None:
    text = COURSE_HEAD.replace(
        "skill_objectives:\n- 能设置自动回复", "skill_objectives: []"
    )
    assert problems_of(text + "简介\n", "course") == [
        "x.md:8: field 'skill_objectives' needs at least 1 item(s)"
    ]


def test_prerequisites_must_be_course_slugs() -> None:
    text = COURSE_HEAD.replace("---\n\n", "") + "简介\n"
    text = text.replace(
        "- 能设置自动回复\n", "- 能设置自动回复\nprerequisites: [Role]\n"
    )
    assert problems_of(text, "course") == [
        "x.md:10: field 'prerequisites' item 1 must be a course slug such as "
        "'qianniu', not 'Role'"
    ]


# --- body problems --------------------------------------------------------


def test_unknown_block_suggests_the_closest_name() -> None:
    assert problems_of(lesson("正文\n\n```tips\n内容\n```\n")) == [
        "x.md:7: unknown block 'tips' (did you mean 'tip'?)"
    ]


def test_unknown_block_without_a_close_name_lists_the_blocks() -> None:
    assert problems_of(lesson("```note\n内容\n```\n")) == [
        "x.md:5: unknown block 'note' (blocks: steps, dodont, phrase, rule, tip, "
        "warning, legacy, figure, quiz, drill)"
    ]


def test_block_name_in_capitals_is_an_unknown_block() -> None:
    assert problems_of(lesson("```Tip\n内容\n```\n")) == [
        "x.md:5: unknown block 'Tip' (did you mean 'tip'?)"
    ]


def test_unclosed_fence() -> None:
    assert problems_of(lesson("正文\n\n```tip\n内容\n")) == [
        "x.md:7: unclosed fence: no closing fence before the end of the file"
    ]


def test_unclosed_code_fence() -> None:
    assert problems_of(lesson("正文\n\n```python\nprint(1)\n")) == [
        "x.md:7: unclosed fence: no closing fence before the end of the file"
    ]


def test_bad_yaml_in_a_fence_points_at_the_line_inside_the_file() -> None:
    body = '```dodont\ndont: 亲\ndo: "您好\nwhy: 专业\n```\n'
    assert problems_of(lesson(body)) == [
        "x.md:8: invalid YAML in 'dodont' block: found unexpected end of stream"
    ]


def test_yaml_block_that_is_not_a_mapping() -> None:
    assert problems_of(lesson("```figure\nimages/a.svg\n```\n")) == [
        "x.md:5: 'figure' block must be a mapping with image, caption"
    ]


def test_unknown_key_in_a_block() -> None:
    body = "```phrase\ncode: /hy\nwhen: 开始时\nwho: 客服\n```\n"
    assert problems_of(lesson(body)) == [
        "x.md:8: 'phrase' block: unknown key 'who' (allowed: code, when)"
    ]


def test_missing_key_in_a_block() -> None:
    body = "```rule\nrule: 禁止好评返现\nviolation: 以红包换好评\n```\n"
    assert problems_of(lesson(body)) == [
        "x.md:5: 'rule' block: missing key 'consequence'"
    ]


def test_empty_key_in_a_block() -> None:
    body = "```figure\nimage: images/a.svg\ncaption: ''\n```\n"
    assert problems_of(lesson(body)) == ["x.md:7: 'figure' block: 'caption' is empty"]


def test_block_value_that_is_not_text_asks_for_quotes() -> None:
    body = "```dodont\ndont: 亲\ndo: yes\nwhy: 专业\n```\n"
    assert problems_of(lesson(body)) == [
        "x.md:7: 'dodont' block: 'do' must be text, not True (put it in quotes)"
    ]


def test_duplicate_key_in_a_block() -> None:
    body = "```figure\nimage: images/a.svg\ncaption: 图\nimage: images/b.svg\n```\n"
    assert problems_of(lesson(body)) == [
        "x.md:8: 'figure' block: duplicate key 'image'"
    ]


def test_steps_block_needs_steps() -> None:
    assert problems_of(lesson("```steps\ntitle: 设置\nsteps: []\n```\n")) == [
        "x.md:7: 'steps' block: 'steps' must be a list with at least one step"
    ]


def test_step_without_text_points_at_the_step() -> None:
    body = "```steps\nsteps:\n- text: 打开\n- image: images/a.svg\n```\n"
    assert problems_of(lesson(body)) == [
        "x.md:8: 'steps' block: step 2: missing key 'text'"
    ]


def test_step_with_an_unknown_key() -> None:
    body = "```steps\nsteps:\n- text: 打开\n  img: images/a.svg\n```\n"
    assert problems_of(lesson(body)) == [
        "x.md:8: 'steps' block: step 1: unknown key 'img' (allowed: text, image)"
    ]


def test_empty_tip() -> None:
    assert problems_of(lesson("正文\n\n```tip\n\n```\n")) == [
        "x.md:7: 'tip' block is empty"
    ]


def test_quiz_must_hold_one_slug() -> None:
    assert problems_of(lesson("```quiz\n千牛测验\n```\n")) == [
        "x.md:5: 'quiz' block must hold one slug such as 'qianniu-quiz'"
    ]


def test_drill_must_hold_one_slug() -> None:
    assert problems_of(lesson("```drill\ngreeting\nbargaining\n```\n")) == [
        "x.md:5: 'drill' block must hold one slug such as 'greeting-product'"
    ]


def test_words_after_a_block_name() -> None:
    assert problems_of(lesson("```tip 小提示\n内容\n```\n")) == [
        "x.md:5: 'tip' block takes nothing after its name"
    ]


def test_level_one_heading_outside_a_fence() -> None:
    body = "# 标题\n\n```python\n# 注释\n```\n\n#标签 不是标题\n"
    assert problems_of(lesson(body)) == [
        "x.md:5: headings start at '##': the title is the only '#' heading"
    ]


def test_empty_lesson() -> None:
    assert problems_of(HEAD + "\n") == [
        "x.md:4: the lesson has no content after the front matter"
    ]


def test_course_without_a_summary() -> None:
    assert problems_of(COURSE_HEAD, "course") == [
        "x.md:10: the course summary is missing after the front matter"
    ]


def test_course_summary_with_a_special_block() -> None:
    assert problems_of(COURSE_HEAD + "简介\n\n```tip\n提示\n```\n", "course") == [
        "x.md:13: a course summary is plain Markdown: move the 'tip' block into "
        "a lesson"
    ]


def test_all_problems_are_collected_in_file_order() -> None:
    text = (
        "---\n"
        "title: 测试\n"
        "estimated_minutes: 0\n"
        "level: 1\n"
        "---\n"
        "```tips\nx\n```\n"
        "```quiz\n\n```\n"
        "```rule\nrule: [\n```\n"
        "```steps\nsteps:\n- text: 一\n"
    )
    assert problems_of(text) == [
        "x.md:4: unknown field 'level' (allowed: title, estimated_minutes, summary)",
        "x.md:3: field 'estimated_minutes' must be a positive whole number, not 0",
        "x.md:6: unknown block 'tips' (did you mean 'tip'?)",
        "x.md:9: 'quiz' block must hold one slug such as 'qianniu-quiz'",
        "x.md:13: invalid YAML in 'rule' block: expected the node content, "
        "but found '<stream end>'",
        "x.md:15: unclosed fence: no closing fence before the end of the file",
    ]


def test_body_problems_are_reported_even_without_front_matter() -> None:
    document, problems = parse_document("```tipz\nx\n```\n", "x.md", kind="lesson")
    assert document is None
    assert [str(p) for p in problems] == [
        "x.md:1: missing front matter: the file must start with a '---' line",
        "x.md:1: unknown block 'tipz' (did you mean 'tip'?)",
    ]


def test_unknown_kind_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="kind must be"):
        parse_document(HEAD, "x.md", kind="quiz")  # type: ignore[arg-type]


# --- the content tree -----------------------------------------------------

LESSON = HEAD + "正文\n"
COURSE = COURSE_HEAD + "简介\n"


def make_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def scan(root: Path) -> tuple[list, list[str]]:
    courses, problems = scan_content_tree(root)
    return courses, [str(p).removeprefix(f"{root}/") for p in problems]


def test_scan_reads_courses_lessons_and_images_in_order(tmp_path: Path) -> None:
    root = make_tree(
        tmp_path,
        {
            "02-qianniu/index.md": COURSE.replace("---\n\n", "")
            .replace("skill_objectives:", "prerequisites: [role]\nskill_objectives:")
            .replace(
                "title: 千牛工作台\n", "title: 千牛工作台\ncover: images/cover.svg\n"
            ),
            "02-qianniu/02-settings.md": LESSON,
            "02-qianniu/01-desktop-tour.md": lesson(
                "```figure\nimage: images/ui/layout.svg\ncaption: 布局\n```\n"
            ),
            "02-qianniu/images/cover.svg": "<svg/>",
            "02-qianniu/images/ui/layout.svg": "<svg/>",
            "02-qianniu/images/.DS_Store": "",
            "02-qianniu/notes.txt": "ignored",
            "01-role/index.md": COURSE,
            "01-role/01-duties.md": LESSON,
            ".git-keep/x": "",
            "README.md": "ignored",
        },
    )
    courses, problems = scan(root)
    assert problems == []
    assert [(c.order, c.slug, c.dir.name) for c in courses] == [
        (1, "role", "01-role"),
        (2, "qianniu", "02-qianniu"),
    ]
    qianniu = courses[1]
    assert [(lesson.order, lesson.slug) for lesson in qianniu.lessons] == [
        (1, "desktop-tour"),
        (2, "settings"),
    ]
    assert qianniu.lessons[0].path == root / "02-qianniu" / "01-desktop-tour.md"
    assert qianniu.lessons[0].document.blocks[0].type == "figure"
    assert qianniu.images == {"images/cover.svg", "images/ui/layout.svg"}
    assert qianniu.document.front_matter["prerequisites"] == ["role"]
    assert courses[0].images == set()


def test_course_folder_without_a_number_prefix(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {"qianniu/index.md": COURSE})
    assert scan(root) == (
        [],
        ["qianniu:0: course folder name must look like 'NN-slug', e.g. '02-qianniu'"],
    )


def test_lesson_file_without_a_number_prefix(tmp_path: Path) -> None:
    root = make_tree(
        tmp_path, {"01-role/index.md": COURSE, "01-role/duties.md": LESSON}
    )
    courses, problems = scan(root)
    assert problems == [
        "01-role/duties.md:0: lesson file name must look like 'NN-slug.md', "
        "e.g. '03-auto-reply.md'"
    ]
    assert courses[0].lessons == []


def test_course_folder_without_index(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {"01-role/01-duties.md": "no front matter\n"})
    assert scan(root) == (
        [],
        [
            "01-role:0: course folder has no index.md",
            "01-role/01-duties.md:1: missing front matter: the file must start "
            "with a '---' line",
        ],
    )


def test_two_courses_with_the_same_slug(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {"01-role/index.md": COURSE, "02-role/index.md": COURSE})
    assert scan(root)[1] == ["02-role:0: course slug 'role' is also used by 01-role"]


def test_two_courses_with_the_same_number(tmp_path: Path) -> None:
    root = make_tree(
        tmp_path, {"01-role/index.md": COURSE, "01-qianniu/index.md": COURSE}
    )
    assert scan(root)[1] == ["01-role:0: course number 01 is also used by 01-qianniu"]


def test_two_lessons_with_the_same_number_or_slug(tmp_path: Path) -> None:
    root = make_tree(
        tmp_path,
        {
            "01-role/index.md": COURSE,
            "01-role/01-duties.md": LESSON,
            "01-role/01-kpis.md": LESSON,
            "01-role/02-duties.md": LESSON,
        },
    )
    assert scan(root)[1] == [
        "01-role/01-kpis.md:0: lesson number 01 is also used by 01-duties.md",
        "01-role/02-duties.md:0: lesson slug 'duties' is also used by 01-duties.md",
    ]


def test_unexpected_folder_in_a_course(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {"01-role/index.md": COURSE, "01-role/img/a.svg": ""})
    assert scan(root)[1] == [
        "01-role/img:0: unexpected folder: a course folder holds lessons and images/"
    ]


def test_unknown_prerequisite(tmp_path: Path) -> None:
    course = COURSE.replace(
        "skill_objectives:", "prerequisites:\n- rolee\nskill_objectives:"
    )
    root = make_tree(
        tmp_path, {"01-role/index.md": COURSE, "02-qianniu/index.md": course}
    )
    assert scan(root)[1] == [
        "02-qianniu/index.md:8: unknown prerequisite 'rolee' (no course has that slug)"
    ]


def test_prerequisites_in_a_circle(tmp_path: Path) -> None:
    def needs(slug: str) -> str:
        return COURSE.replace(
            "skill_objectives:", f"prerequisites: [{slug}]\nskill_objectives:"
        )

    root = make_tree(
        tmp_path,
        {
            "01-role/index.md": needs("rules"),
            "02-qianniu/index.md": needs("role"),
            "03-rules/index.md": needs("qianniu"),
        },
    )
    assert scan(root)[1] == [
        "01-role/index.md:8: prerequisites go round in a circle: "
        "role → rules → qianniu → role"
    ]


def test_images_that_are_not_in_the_images_folder(tmp_path: Path) -> None:
    course = COURSE.replace(
        "title: 千牛工作台\n", "title: 千牛工作台\ncover: cover.svg\n"
    )
    body = (
        "![布局](images/layout.svg) ![外链](https://example.com/a.png)\n\n"
        "第二段 ![图](images/there.svg)\n![缺](images/gone.svg)\n\n"
        "```figure\nimage: images/missing.svg\ncaption: 图\n```\n\n"
        "```steps\nsteps:\n- text: 一\n  image: images/step.svg\n- text: 二\n```\n"
    )
    root = make_tree(
        tmp_path,
        {
            "01-role/index.md": course,
            "01-role/01-duties.md": lesson(body),
            "01-role/images/there.svg": "<svg/>",
        },
    )
    assert scan(root)[1] == [
        "01-role/01-duties.md:5: image 'images/layout.svg' not found in "
        "01-role/images/",
        "01-role/01-duties.md:8: image 'images/gone.svg' not found in 01-role/images/",
        "01-role/01-duties.md:10: image 'images/missing.svg' not found in "
        "01-role/images/",
        "01-role/01-duties.md:15: image 'images/step.svg' not found in 01-role/images/",
        "01-role/index.md:3: image 'cover.svg' not found in 01-role/images/",
    ]


def test_missing_content_folder(tmp_path: Path) -> None:
    assert scan_content_tree(tmp_path / "nope") == (
        [],
        [Problem(str(tmp_path / "nope"), 0, "content folder not found")],
    )


@pytest.mark.skipif(not REAL_COURSES.is_dir(), reason="no content/courses")
def test_the_real_course_files_have_no_problems() -> None:
    courses, problems = scan_content_tree(REAL_COURSES)
    assert [str(problem) for problem in problems] == []
    assert courses


def test_a_legacy_block_holds_markdown_kept_as_history() -> None:
    body = "```legacy\n淘宝助理已停止更新，以下步骤**仅供了解**。\n```\n"
    document, problems = parse_document(lesson(body), "x.md", kind="lesson")
    assert problems == []
    assert document is not None
    assert document.blocks == [
        SourceBlock("legacy", "淘宝助理已停止更新，以下步骤**仅供了解**。")
    ]
