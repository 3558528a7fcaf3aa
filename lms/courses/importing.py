"""content/courses/ → Wagtail pages.

Pages are keyed by their source path; a new revision is published only when the
file changed (content hash). Everything runs in one transaction: a failed
import writes nothing. Pages edited in the admin since their last import are
reported and skipped unless `force` is set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index as search_index

from .models import (
    CourseIndexPage,
    CoursePage,
    ImportedImage,
    ImportedSource,
    LessonPage,
)
from .site_tree import ensure_site_tree
from .source import CourseSource, LessonSource, Problem, content_hash, scan_content_tree
from .source_phrases import phrase_texts, phrases_file, resolve_phrases


class ContentImportError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the content")


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # edited in the admin
    images: int = 0

    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped"
        )


def courses_root(root: Path) -> Path:
    """Accept content/ or content/courses/."""
    return root / "courses" if (root / "courses").is_dir() else root


def source_key(path: Path, root: Path) -> str:
    """The key of a file: its path from the content folder (courses/…/x.md)."""
    return path.relative_to(root.parent).as_posix()


def content_check(root: Path) -> tuple[list[CourseSource], list[Problem]]:
    courses, problems = scan_content_tree(courses_root(root))
    problems += resolve_phrases(courses, phrases_file(root))
    return courses, problems


def content_import(*, root: Path, force: bool = False, user=None) -> ImportReport:
    courses, problems = content_check(root)
    if problems:
        raise ContentImportError(problems)
    with transaction.atomic():
        return _Importer(courses_root(root), force=force, user=user).run(courses)


class _Importer:
    def __init__(self, root: Path, *, force: bool, user):
        self.root = root
        self.force = force
        self.user = user
        self.report = ImportReport()
        self.images: dict[str, object] = {}

    def run(self, courses: list[CourseSource]) -> ImportReport:
        home, index = ensure_site_tree()
        pages: dict[str, CoursePage] = {}
        for course in courses:
            self.import_images(course)
            pages[course.slug] = self.import_course(index, course)
        for course in courses:
            self.set_prerequisites(pages[course.slug], course, pages)
        self.order_children(index, [pages[course.slug] for course in courses])
        page_ids = [home.id, index.id]
        for course in courses:
            course_page = pages[course.slug]
            lesson_pages = [
                self.import_lesson(course_page, course, lesson)
                for lesson in course.lessons
            ]
            self.order_children(course_page, lesson_pages)
            page_ids += [course_page.id, *(lesson.id for lesson in lesson_pages)]
        self.update_search_index(page_ids)
        return self.report

    def update_search_index(self, page_ids: list[int]) -> None:
        """Index every page and image of the content now, in this transaction.

        Saving only queues the indexing as a task, done whenever a worker runs:
        never after `lms quickstart --no-serve`, nor on a server without
        `lms db_worker`. Unchanged pages are indexed too, so an import mends an
        index left empty by an earlier one.
        """
        for page in Page.objects.filter(id__in=page_ids).specific():
            search_index.insert_or_update_object(page)
        for image in self.images.values():
            search_index.insert_or_update_object(image)

    # --- images ---------------------------------------------------------------

    def import_images(self, course: CourseSource) -> None:
        Image = get_image_model()
        for relative in sorted(course.images):
            path = course.dir / relative
            key = source_key(path, self.root)
            data = path.read_bytes()
            digest = content_hash(data.hex())
            known = (
                ImportedImage.objects.filter(path=key).select_related("image").first()
            )
            if known and known.content_hash == digest:
                self.images[key] = known.image
                continue
            with path.open("rb") as handle:
                image_file = ImageFile(handle, name=path.name)
                if known:
                    image = known.image
                    image.file = image_file
                    image.save()
                    known.content_hash = digest
                    known.save(update_fields=["content_hash"])
                else:
                    image = Image(title=f"{course.slug}/{path.name}", file=image_file)
                    image.save()
                    ImportedImage.objects.create(
                        path=key, image=image, content_hash=digest
                    )
            self.images[key] = image
            self.report.images += 1

    def image_for(self, course: CourseSource, relative: str):
        if not relative:
            return None
        return self.images[source_key(course.dir / relative, self.root)]

    # --- pages ----------------------------------------------------------------

    def existing(self, key: str, parent, slug: str, model):
        """The page imported from `key`, or one adopted after a rename/renumber."""
        source = ImportedSource.objects.filter(path=key).select_related("page").first()
        if source:
            return source, source.page.specific
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            return None, None
        source = ImportedSource.objects.filter(page=page).first()
        if source and (self.root.parent / source.path).exists():
            return None, None  # another file owns it; the duplicate is an error below
        if source:
            source.path = key
            source.save(update_fields=["path"])
        return source, page

    def import_course(self, index: CourseIndexPage, course: CourseSource) -> CoursePage:
        path = course.dir / "index.md"
        fm = course.document.front_matter
        fields = {
            "title": fm["title"],
            "slug": course.slug,
            "summary": markdown_body(course.document.blocks),
            "track": fm["track"],
            "audience": fm["audience"],
            "estimated_minutes": fm["estimated_minutes"],
            "knowledge_objectives": "\n".join(fm.get("knowledge_objectives") or []),
            "skill_objectives": "\n".join(fm.get("skill_objectives") or []),
            "cover_image": self.image_for(course, fm.get("cover") or ""),
        }
        return self.save_page(index, CoursePage, path, fields)

    def import_lesson(
        self, course_page: CoursePage, course: CourseSource, lesson: LessonSource
    ) -> LessonPage:
        fm = lesson.document.front_matter
        fields = {
            "title": fm["title"],
            "slug": lesson.slug,
            "summary": fm.get("summary") or "",
            "estimated_minutes": fm["estimated_minutes"],
            "body": [
                (block.type, self.block_value(course, block.type, block.value))
                for block in lesson.document.blocks
            ],
        }
        # A changed library phrase re-publishes the lessons that show it.
        extra = phrase_texts(lesson.document)
        return self.save_page(course_page, LessonPage, lesson.path, fields, extra)

    def block_value(self, course: CourseSource, block_type: str, value):
        if block_type == "figure":
            return {**value, "image": self.image_for(course, value["image"])}
        if block_type == "steps":
            return {
                "title": value.get("title", ""),
                "steps": [
                    {
                        "text": step["text"],
                        "image": self.image_for(course, step.get("image", "")),
                    }
                    for step in value["steps"]
                ],
            }
        return value

    def save_page(self, parent, model, path: Path, fields: dict, extra: str = ""):
        key = source_key(path, self.root)
        digest = content_hash(path.read_text(encoding="utf-8") + extra)
        source, page = self.existing(key, parent, fields["slug"], model)
        if page is not None and source is not None and source.content_hash == digest:
            self.report.unchanged.append(key)
            return page
        if page is not None and source is not None:
            if source.edited_since_import() and not self.force:
                self.report.skipped.append(key)
                return page
        created = page is None
        if created:
            page = model(**without_m2m(fields))
            parent.add_child(instance=page)
        else:
            for name, value in without_m2m(fields).items():
                setattr(page, name, value)
        revision = page.save_revision(user=self.user, log_action=True)
        revision.publish(user=self.user)
        ImportedSource.objects.update_or_create(
            page=page,
            defaults={"path": key, "content_hash": digest, "revision": revision},
        )
        (self.report.created if created else self.report.updated).append(key)
        return page

    def set_prerequisites(self, page: CoursePage, course: CourseSource, pages) -> None:
        wanted = [
            pages[slug]
            for slug in course.document.front_matter.get("prerequisites") or []
        ]
        current = set(page.prerequisites.values_list("id", flat=True))
        if current != {p.id for p in wanted} and page.pk:
            if self.report_key_skipped(course.dir / "index.md"):
                return
            page.prerequisites.set(wanted)
            revision = page.save_revision(user=self.user, log_action=True)
            revision.publish(user=self.user)
            ImportedSource.objects.filter(page=page).update(revision=revision)

    def report_key_skipped(self, path: Path) -> bool:
        return source_key(path, self.root) in self.report.skipped

    def order_children(self, parent, wanted: list) -> None:
        """Put the children in NN order; untouched when already right."""
        current = list(parent.get_children().values_list("id", flat=True))
        wanted_ids = [page.id for page in wanted]
        if [pid for pid in current if pid in set(wanted_ids)] == wanted_ids:
            return
        for page_id in wanted_ids:
            page = type(parent).objects.get(id=parent.id).get_children().get(id=page_id)
            page.move(type(parent).objects.get(id=parent.id), pos="last-child")


def without_m2m(fields: dict) -> dict:
    return {name: value for name, value in fields.items() if name != "prerequisites"}


def markdown_body(blocks) -> str:
    return "\n\n".join(block.value for block in blocks if block.type == "markdown")
