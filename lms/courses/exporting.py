"""Wagtail course pages → content/courses/ files (the importer's format)."""

from __future__ import annotations

import shutil
from pathlib import Path

from .models import (
    CourseIndexPage,
    CoursePage,
    ImportedImage,
    ImportedSource,
    LessonPage,
)
from .source import SourceBlock, render_document


def content_export(*, dest: Path) -> list[Path]:
    """Write every course under the catalogue to `dest`/courses/; return the files."""
    root = dest / "courses"
    index = CourseIndexPage.objects.first()
    if index is None:
        return []
    sources = dict(ImportedSource.objects.values_list("page_id", "path"))
    images = {row.image_id: row.path for row in ImportedImage.objects.all()}
    written: list[Path] = []
    courses = CoursePage.objects.child_of(index).order_by("path")
    for number, course in enumerate(courses, start=1):
        course_dir = root / course_dir_name(course, number, sources)
        writer = _CourseWriter(course_dir, images)
        written.append(
            writer.write(course_dir / "index.md", render_course(course, writer))
        )
        lessons = LessonPage.objects.child_of(course).order_by("path")
        for lesson_number, lesson in enumerate(lessons, start=1):
            name = Path(sources.get(lesson.id, "")).name or (
                f"{lesson_number:02d}-{lesson.slug}.md"
            )
            written.append(
                writer.write(course_dir / name, render_lesson(lesson, writer))
            )
        written.extend(writer.copied)
    return written


def course_dir_name(course: CoursePage, number: int, sources: dict) -> str:
    source = sources.get(course.id)
    if source:
        return Path(source).parent.name
    return f"{number:02d}-{course.slug}"


class _CourseWriter:
    """Writes a course's files and the images its pages use."""

    def __init__(self, course_dir: Path, images: dict[int, str]):
        self.course_dir = course_dir
        self.images = images
        self.copied: list[Path] = []

    def write(self, path: Path, text: str) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def image_path(self, image) -> str:
        if image is None:
            return ""
        name = Path(self.images.get(image.id) or image.file.name).name
        target = self.course_dir / "images" / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            with image.file.open("rb") as source, target.open("wb") as out:
                shutil.copyfileobj(source, out)
            self.copied.append(target)
        return f"images/{name}"


def render_course(course: CoursePage, writer: _CourseWriter) -> str:
    front_matter = {
        "title": course.title,
        "track": course.track,
        "audience": course.audience,
        "estimated_minutes": course.estimated_minutes,
        "knowledge_objectives": course.knowledge_objective_list,
        "skill_objectives": course.skill_objective_list,
        "prerequisites": [p.slug for p in course.prerequisites.order_by("path")]
        or None,
        "cover": writer.image_path(course.cover_image) or None,
    }
    return render_document(
        front_matter, [SourceBlock("markdown", course.summary)], kind="course"
    )


def render_lesson(lesson: LessonPage, writer: _CourseWriter) -> str:
    front_matter = {
        "title": lesson.title,
        "estimated_minutes": lesson.estimated_minutes,
        "summary": lesson.summary or None,
    }
    blocks = [
        SourceBlock(block.block_type, block_source_value(block, writer))
        for block in lesson.body
    ]
    return render_document(front_matter, blocks, kind="lesson")


def block_source_value(block, writer: _CourseWriter):
    value = block.value
    if block.block_type == "figure":
        return {"image": writer.image_path(value["image"]), "caption": value["caption"]}
    if block.block_type == "steps":
        return {
            "title": value["title"] or "",
            "steps": [
                {"text": step["text"], "image": writer.image_path(step["image"])}
                for step in value["steps"]
            ],
        }
    if block.block_type == "phrase":
        # The text belongs to content/drills/quick_phrases.yaml, not the lesson.
        return {"code": value["code"], "when": value["when"]}
    if block.block_type in ("dodont", "rule"):
        return dict(value.items())
    return value
