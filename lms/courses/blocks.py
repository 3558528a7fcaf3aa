"""Lesson body blocks. Each has a template under the theme and a block preview."""

from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

TEMPLATE_DIR = "courses/blocks/"


class MarkdownBlock(blocks.TextBlock):
    class Meta:
        icon = "doc-full"
        label = _("Markdown text")
        template = TEMPLATE_DIR + "markdown.html"
        description = _("Paragraphs, lists and tables written in Markdown.")
        preview_value = (
            "## 小标题\n\n正文段落,可以使用 **加粗**、列表和表格。"
            "\n\n- 第一点\n- 第二点"
        )


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), max_length=200)

    class Meta:
        icon = "image"
        label = _("Figure")
        template = TEMPLATE_DIR + "figure.html"
        description = _("A tool screenshot or diagram with its caption.")


class StepBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Step"))
    image = ImageChooserBlock(label=_("Image"), required=False)


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Steps")
        template = TEMPLATE_DIR + "steps.html"
        description = _("An ordered procedure, e.g. setting up auto-reply.")
        preview_value = {
            "title": "设置自动回复",
            "steps": [
                {"text": "打开千牛工作台的系统设置。"},
                {"text": "在客服设置中找到自动回复。"},
                {"text": "填写欢迎语并保存。"},
            ],
        }


class DoDontBlock(blocks.StructBlock):
    dont = blocks.TextBlock(label=_("Don't (不推荐)"))
    do = blocks.TextBlock(label=_("Do (推荐)"))
    why = blocks.TextBlock(label=_("Why"))

    class Meta:
        icon = "tasks"
        label = _("Do / don't")
        template = TEMPLATE_DIR + "dodont.html"
        description = _("A phrasing mistake, the better version and why (误区解析).")
        preview_value = {
            "dont": "亲爱的大人,小的这就为您查询~",
            "do": "您好,我马上为您查询,请稍等。",
            "why": "过度谦卑的称呼让顾客不自在,也显得不专业。",
        }


class PhraseBlock(blocks.StructBlock):
    """A /code from the one phrase library; its text is copied in on save.

    The library is content/drills/quick_phrases.yaml, which the drills use too,
    so a lesson never keeps a second version of a phrase.
    """

    code = blocks.CharBlock(
        label=_("Code"),
        max_length=20,
        help_text=_("A code from content/drills/quick_phrases.yaml, such as /hy."),
    )
    text = blocks.TextBlock(
        label=_("Text"),
        required=False,
        help_text=_("Filled in from the phrase library when saved."),
    )
    when = blocks.CharBlock(label=_("When to use"), max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quick phrase")
        template = TEMPLATE_DIR + "phrase.html"
        description = _("A quick phrase with its / code.")
        preview_value = {
            "code": "/hy",
            "text": "您好,欢迎光临轻风运动旗舰店,有什么可以帮您?",
            "when": "顾客第一次发来消息时",
        }

    def clean(self, value):
        value = super().clean(value)
        phrase = library_phrases().get(value["code"].strip())
        if phrase is None:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "code": ValidationError(
                        _("%(code)s is not in the phrase library (%(path)s).")
                        % {
                            "code": value["code"],
                            "path": "content/drills/quick_phrases.yaml",
                        }
                    )
                }
            )
        value["code"] = phrase.code
        value["text"] = phrase.text
        return value


def library_phrases() -> dict:
    """The phrase library by code, read again only when the file changes."""
    from lms.drills.loading import default_root

    from .source_phrases import phrases_file

    path = phrases_file(default_root().parent)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return {}
    return _phrases_at(path, mtime)


@lru_cache(maxsize=4)
def _phrases_at(path, mtime: int) -> dict:
    from .source_phrases import load_phrase_texts

    phrases, _problems = load_phrase_texts(path)
    return phrases


class RuleBlock(blocks.StructBlock):
    rule = blocks.CharBlock(label=_("Rule"), max_length=200)
    violation = blocks.TextBlock(label=_("What counts as a violation"))
    consequence = blocks.TextBlock(label=_("Consequence"))

    class Meta:
        icon = "warning"
        label = _("Platform rule")
        template = TEMPLATE_DIR + "rule.html"
        description = _("A platform rule, what breaks it and what follows.")
        preview_value = {
            "rule": "禁止好评返现",
            "violation": "以现金、红包、优惠券或赠品换取好评。",
            "consequence": "平台会处罚店铺,严重时影响经营。",
        }


class TipBlock(MarkdownBlock):
    class Meta:
        icon = "help"
        label = _("Tip")
        template = TEMPLATE_DIR + "tip.html"
        description = _("A helpful hint.")
        preview_value = "回复前先看一眼订单插件,顾客的问题往往就在订单信息里。"


class WarningBlock(MarkdownBlock):
    class Meta:
        icon = "warning"
        label = _("Warning")
        template = TEMPLATE_DIR + "warning.html"
        description = _("Something that must not go wrong.")
        preview_value = "不要引导顾客到站外交易,聊天记录是平台认可的证据。"


class LegacyBlock(MarkdownBlock):
    class Meta:
        icon = "history"
        label = _("Legacy")
        template = TEMPLATE_DIR + "legacy.html"
        description = _("A tool or screen that is no longer current, kept as history.")
        preview_value = "淘宝助理已停止更新，下面的步骤只作为了解老店铺资料的参考。"


class QuizEmbedBlock(blocks.CharBlock):
    class Meta:
        icon = "form"
        label = _("Quiz")
        template = TEMPLATE_DIR + "quiz.html"
        description = _("A start button for the quiz with this slug.")
        preview_value = "qianniu-quiz"


class DrillEmbedBlock(blocks.CharBlock):
    class Meta:
        icon = "comment"
        label = _("Chat drill")
        template = TEMPLATE_DIR + "drill.html"
        description = _("A start button for the chat drill with this id.")
        preview_value = "greeting-product"


class LessonBodyBlock(blocks.StreamBlock):
    markdown = MarkdownBlock()
    figure = FigureBlock()
    steps = StepsBlock()
    dodont = DoDontBlock()
    phrase = PhraseBlock()
    rule = RuleBlock()
    tip = TipBlock()
    warning = WarningBlock()
    legacy = LegacyBlock()
    quiz = QuizEmbedBlock()
    drill = DrillEmbedBlock()
