"""Shared set-up for the quiz web tests: the small bank in data/web/."""

from pathlib import Path

from lms.quizzes.importing import quizzes_import
from lms.quizzes.models import Quiz

WEB_DATA = Path(__file__).parent / "data" / "web"

# Answers that get full marks, keyed by question id (in the engine's terms).
CORRECT = {
    "basics-001": "a",
    "basics-002": ["a", "b"],
    "basics-003": False,
    "basics-004": "快捷短语",
    "basics-005": ["打开系统设置", "找到自动回复", "填写欢迎语", "保存并测试"],
    "basics-006": {
        "接待中心": "与顾客聊天",
        "快捷短语": "快速回复常见问题",
        "订单插件": "查看订单信息",
    },
    "basics-007": "a",
}


def import_web_bank() -> dict[str, Quiz]:
    quizzes_import(paths=[WEB_DATA])
    return {quiz.slug: quiz for quiz in Quiz.objects.all()}
