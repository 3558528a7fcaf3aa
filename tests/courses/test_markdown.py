"""Markdown for Chinese text: wrapped source lines do not become spaces."""

from lms.courses.markdown import join_cjk_lines, render_markdown


def test_a_wrapped_chinese_sentence_renders_without_a_space():
    html = render_markdown("先回应情绪，\n再查清事实。")
    assert "<p>先回应情绪，再查清事实。</p>" in html


def test_latin_words_keep_the_space_of_their_line_break():
    html = render_markdown("check the\norder first")
    assert "the\norder" in html


def test_the_break_goes_across_inline_tags_too():
    html = render_markdown("这一步\n**必须**\n先做")
    assert "这一步<strong>必须</strong>先做" in html


def test_mixed_chinese_and_latin_keeps_the_break():
    assert join_cjk_lines("<p>打开千牛\nApp</p>") == "<p>打开千牛\nApp</p>"


def test_preformatted_blocks_are_left_as_written():
    html = render_markdown("```\n第一行\n第二行\n```")
    assert "第一行\n第二行" in html


def test_sanitising_still_applies():
    html = render_markdown("你好\n<script>alert(1)</script>\n再见")
    assert "<script>" not in html
