"""Every lesson block renders with its theme template; Markdown is sanitised."""

import pytest

from lms.courses.blocks import LessonBodyBlock
from lms.courses.markdown import render_markdown
from tests.courses.pages import BODY

EXPECTED = {
    "markdown": "<strong>自动回复</strong>",
    "steps": "block-steps",
    "dodont": "您好,我马上为您查询",
    "phrase": "/hy",
    "rule": "禁止好评返现",
    "tip": "callout--tip",
    "warning": "callout--warning",
    "legacy": "callout--legacy",
    "quiz": 'data-quiz="qianniu-quiz"',
    "drill": 'data-drill="greeting-product"',
}


@pytest.mark.parametrize(("block_type", "value"), BODY)
def test_each_block_renders_its_template(db, block_type, value):
    stream = LessonBodyBlock()
    block = stream.child_blocks[block_type]
    html = block.render(block.to_python(block.get_prep_value(block.to_python(value))))
    assert EXPECTED[block_type] in html


def test_figure_block_renders_the_image_and_caption(db, tmp_path):
    from django.core.files.images import ImageFile
    from wagtail.images.models import Image

    from tests.courses.content_fixtures import SVG

    svg = tmp_path / "shot.svg"
    svg.write_text(SVG)
    with svg.open("rb") as handle:
        image = Image(title="shot", file=ImageFile(handle, name="shot.svg"))
        image.save()
    block = LessonBodyBlock().child_blocks["figure"]
    html = block.render(block.to_python({"image": image.id, "caption": "接待中心"}))
    assert "<figcaption>接待中心</figcaption>" in html
    assert "<img" in html


def test_every_block_has_a_preview_or_description():
    for name, block in LessonBodyBlock().child_blocks.items():
        assert block.meta.description, name


@pytest.mark.parametrize(
    "evil",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[点我](javascript:alert(1))",
        '<a href="#" onclick="alert(1)">x</a>',
    ],
)
def test_markdown_strips_anything_script_like(evil):
    html = render_markdown(evil)
    assert "<script" not in html
    assert "onerror" not in html and "onclick" not in html
    assert "javascript:" not in html


def test_markdown_keeps_tables_and_lists():
    html = render_markdown("| 指标 | 说明 |\n|---|---|\n| 首响 | 15秒 |\n\n- 一\n- 二")
    assert "<table>" in html and "<li>一</li>" in html
