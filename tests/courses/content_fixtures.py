"""Small content trees written into tmp_path for importer tests."""

from pathlib import Path

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" '
    'viewBox="0 0 120 60"><rect width="120" height="60" fill="#1f6feb"/></svg>'
)

COURSE = """---
title: {title}
track: tools
audience: all
estimated_minutes: 30
knowledge_objectives:
- 说出自动回复的作用
skill_objectives:
- 能设置自动回复
{extra}---

{title}的课程简介。
"""

LESSON = """---
title: {title}
estimated_minutes: 10
---

## 为什么要设置{title}

顾客进店后第一句话没人回应,很容易流失。这一课讲解如何设置{title}。

```steps
title: 设置步骤
steps:
- text: 打开千牛工作台的系统设置。
- text: 找到自动回复并填写欢迎语。
  image: images/step.svg
```

```tip
先用同事账号测试一遍。
```
"""


PHRASES = """phrases:
  - code: /hy
    title: 欢迎
    group: 售前
    text: 您好，欢迎光临轻风运动旗舰店，有什么可以帮您？
"""


def write_phrases(root: Path) -> Path:
    """The quick-phrase library that lessons' phrase blocks take their text from."""
    path = root / "drills" / "quick_phrases.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PHRASES, encoding="utf-8")
    return path


def write_course(
    root: Path,
    dirname: str,
    title: str,
    lessons: list[tuple[str, str]],
    *,
    prerequisites: list[str] | None = None,
) -> Path:
    course_dir = root / "courses" / dirname
    write_phrases(root)
    (course_dir / "images").mkdir(parents=True, exist_ok=True)
    (course_dir / "images" / "step.svg").write_text(SVG, encoding="utf-8")
    extra = ""
    if prerequisites:
        extra = "prerequisites:\n" + "".join(f"- {p}\n" for p in prerequisites)
    (course_dir / "index.md").write_text(
        COURSE.format(title=title, extra=extra), encoding="utf-8"
    )
    for filename, lesson_title in lessons:
        (course_dir / filename).write_text(
            LESSON.format(title=lesson_title), encoding="utf-8"
        )
    return course_dir


def small_tree(root: Path, lessons: int = 2) -> Path:
    write_course(
        root,
        "01-basics",
        "岗位基础",
        [(f"{n:02d}-lesson-{n}.md", f"基础第{n}课") for n in range(1, lessons + 1)],
    )
    write_course(
        root,
        "02-tools",
        "千牛工作台",
        [("01-auto-reply.md", "自动回复"), ("02-quick-phrases.md", "快捷短语")],
        prerequisites=["basics"],
    )
    return root
