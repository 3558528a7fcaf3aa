"""Build course pages directly in the tree (fast; no files, no revisions)."""

from lms.courses.models import CoursePage, LessonPage

BODY = [
    ("markdown", "## 小标题\n\n正文段落,介绍**自动回复**的作用。"),
    (
        "steps",
        {"title": "设置步骤", "steps": [{"text": "打开设置", "image": None}]},
    ),
    (
        "dodont",
        {"dont": "小的这就去查", "do": "您好,我马上为您查询", "why": "不卑不亢"},
    ),
    ("phrase", {"code": "/hy", "text": "您好,欢迎光临!", "when": "顾客进店时"}),
    (
        "rule",
        {"rule": "禁止好评返现", "violation": "用红包换好评", "consequence": "处罚"},
    ),
    ("tip", "先用同事账号测试。"),
    ("warning", "不要引导顾客到站外交易。"),
    ("legacy", "淘宝助理已停止更新，**仅作了解**。"),
    ("quiz", "qianniu-quiz"),
    ("drill", "greeting-product"),
]


# Every block kind that does not depend on the viewer (no quiz, no drill).
STATIC_BODY = [block for block in BODY if block[0] not in ("quiz", "drill")]


def make_course(
    index, slug: str, *, lessons: int = 3, prerequisites=(), body=None, **fields
):
    course = index.add_child(
        instance=CoursePage(
            title=fields.pop("title", f"课程{slug}"),
            slug=slug,
            summary=fields.pop("summary", "课程简介。"),
            track=fields.pop("track", "tools"),
            audience=fields.pop("audience", "all"),
            knowledge_objectives="说出自动回复的作用",
            skill_objectives="能设置自动回复",
            **fields,
        )
    )
    if prerequisites:
        course.prerequisites.set(prerequisites)
        course.save()
    for number in range(1, lessons + 1):
        course.add_child(
            instance=LessonPage(
                title=f"{slug}第{number}课",
                slug=f"lesson-{number}",
                estimated_minutes=10,
                body=BODY if body is None else body,
            )
        )
    return course
