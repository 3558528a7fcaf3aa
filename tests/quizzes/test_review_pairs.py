"""The result page shows a matching question as pairs: each item, the learner's
match and, when answers may be shown, the right one. Pure."""

from lms.quizzes.review import MatchPair, review_item
from lms.quizzes.serialization import question_from_data

MATCHING = question_from_data(
    {
        "id": "match-001",
        "type": "matching",
        "stem": "把功能和用途连起来。",
        "pairs": [
            {"left": "接待中心", "right": "与顾客聊天"},
            {"left": "快捷短语", "right": "快速回复常见问题"},
        ],
    }
)


def review(response, *, show_answers):
    return review_item(
        MATCHING,
        position=1,
        response=response,
        fraction=0.5,
        correct=False,
        show_answers=show_answers,
    )


def test_each_item_is_shown_with_its_match_and_the_right_one():
    item = review(
        {"接待中心": "与顾客聊天", "快捷短语": "与顾客聊天"}, show_answers=True
    )
    assert item.pairs == [
        MatchPair("接待中心", "与顾客聊天", "与顾客聊天", True),
        MatchPair("快捷短语", "与顾客聊天", "快速回复常见问题", False),
    ]


def test_an_unmatched_item_still_has_its_row():
    item = review({"接待中心": "与顾客聊天"}, show_answers=True)
    assert item.pairs[1] == MatchPair("快捷短语", "", "快速回复常见问题", False)


def test_hidden_answers_show_only_the_learners_pairs():
    item = review({"快捷短语": "与顾客聊天"}, show_answers=False)
    assert [(p.left, p.given, p.correct, p.is_right) for p in item.pairs] == [
        ("接待中心", "", "", None),
        ("快捷短语", "与顾客聊天", "", None),
    ]
