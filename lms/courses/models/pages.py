from django import forms
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from lms.core.segmentation import segment_for_index

from ..blocks import LessonBodyBlock
from ..markdown import plain_text
from ..routing import FastRoutedPage, route_fast


class Track(models.TextChoices):
    ROLE = "role", _("Role awareness (岗位认知)")
    TOOLS = "tools", _("Tools (工具)")
    RULES = "rules", _("Platform rules (平台规则)")
    COMMUNICATION = "communication", _("Communication (沟通话术)")
    PRODUCT = "product", _("Product knowledge (商品知识)")
    AFTERSALES = "aftersales", _("After-sales service (售后服务)")


class Audience(models.TextChoices):
    ALL = "all", _("Everyone (全员)")
    PRESALES = "presales", _("Pre-sales (售前)")
    AFTERSALES = "aftersales", _("After-sales (售后)")


class HomePage(Page):
    """The learner site's front page."""

    intro = models.TextField(_("Introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage"]
    max_count = 1
    template = "courses/home_page.html"

    class Meta:
        verbose_name = _("Home page")

    def route(self, request, path_components):
        # One query for a catalogue, course or lesson URL (lms/courses/routing.py).
        depths = {1: CourseIndexPage, 2: CoursePage, 3: LessonPage}
        found = route_fast(self, request, path_components, depths)
        return found or super().route(request, path_components)


class CourseIndexPage(FastRoutedPage, Page):
    """课程中心: the catalogue of courses."""

    intro = models.TextField(_("Introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1
    template = "courses/course_index_page.html"

    class Meta:
        verbose_name = _("Course catalogue")

    def get_context(self, request, *args, **kwargs):
        from ..catalogue import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(self, request))
        return context


class SegmentedSearchField(index.SearchField):
    """A field indexed as search tokens (lms.core.segmentation), not as typed."""

    def get_value(self, obj):
        return segment_for_index(str(super().get_value(obj) or ""))


# Page's own fields (Wagtail checks they are all there) and the title once more,
# segmented: as typed, a Chinese title is one "word" no query matches, so only
# the segmented copy lets the backends rank a match in the title above one that
# is only in the body.
SEGMENTED_PAGE_SEARCH_FIELDS = [
    *Page.search_fields,
    SegmentedSearchField("title", boost=10),
]


class SegmentedSearchMixin:
    """Index a word-segmented copy of the text.

    Wagtail's database backends treat an unbroken run of Chinese as one word;
    the segmented copy (character bigrams) lets "自动回复" match inside a sentence.
    """

    def search_text_parts(self) -> list[str]:
        return [self.title]

    @cached_property
    def segmented_text(self) -> str:
        # Cached: the indexer reads every field once per column it fills, and
        # rendering a lesson's Markdown blocks to text is the slow part.
        return segment_for_index(
            " ".join(part for part in self.search_text_parts() if part)
        )


class CoursePage(FastRoutedPage, SegmentedSearchMixin, Page):
    summary = models.TextField(_("Summary"), help_text=_("Markdown."))
    track = models.CharField(_("Track"), max_length=20, choices=Track.choices)
    audience = models.CharField(
        _("Audience"), max_length=20, choices=Audience.choices, default=Audience.ALL
    )
    knowledge_objectives = models.TextField(
        _("Knowledge objectives (知识目标)"), blank=True, help_text=_("One per line.")
    )
    skill_objectives = models.TextField(
        _("Skill objectives (能力目标)"), blank=True, help_text=_("One per line.")
    )
    estimated_minutes = models.PositiveIntegerField(_("Estimated minutes"), default=30)
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("Prerequisite courses"),
        blank=True,
        symmetrical=False,
        related_name="required_by",
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("track"),
                FieldPanel("audience"),
                FieldPanel("estimated_minutes"),
                FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Catalogue"),
        ),
        FieldPanel("knowledge_objectives"),
        FieldPanel("skill_objectives"),
        FieldPanel("cover_image"),
    ]
    search_fields = [
        *SEGMENTED_PAGE_SEARCH_FIELDS,
        index.SearchField("summary"),
        index.SearchField("segmented_text"),
        index.AutocompleteField("segmented_text"),
        index.FilterField("track"),
        index.FilterField("audience"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]
    template = "courses/course_page.html"

    class Meta:
        verbose_name = _("Course")

    @property
    def knowledge_objective_list(self) -> list[str]:
        return [line for line in self.knowledge_objectives.splitlines() if line.strip()]

    @property
    def skill_objective_list(self) -> list[str]:
        return [line for line in self.skill_objectives.splitlines() if line.strip()]

    def search_text_parts(self) -> list[str]:
        return [
            self.title,
            plain_text(self.summary),
            self.knowledge_objectives,
            self.skill_objectives,
        ]

    @classmethod
    def routing_annotations(cls, request) -> dict:
        from ..progress import course_gate_flags

        return course_gate_flags(request.user)

    @cached_property
    def live_lessons(self) -> list["LessonPage"]:
        return list(LessonPage.objects.child_of(self).live().order_by("path"))

    def get_context(self, request, *args, **kwargs):
        from ..course_view import course_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_context(self, request))
        return context


class LessonPage(FastRoutedPage, SegmentedSearchMixin, Page):
    summary = models.CharField(_("Summary"), max_length=300, blank=True)
    estimated_minutes = models.PositiveIntegerField(_("Estimated minutes"), default=10)
    body = StreamField(LessonBodyBlock(), verbose_name=_("Body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = [
        *SEGMENTED_PAGE_SEARCH_FIELDS,
        index.SearchField("summary"),
        index.SearchField("segmented_text"),
        index.AutocompleteField("segmented_text"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []
    template = "courses/lesson_page.html"

    class Meta:
        verbose_name = _("Lesson")

    def search_text_parts(self) -> list[str]:
        return [self.title, self.summary, *body_text_parts(self.body)]

    def serve(self, request, *args, **kwargs):
        from ..lesson_view import serve_lesson

        return serve_lesson(self, request, super().serve, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from ..lesson_view import lesson_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(self, request))
        return context


def body_text_parts(body) -> list[str]:
    """The readable text of a lesson body, block by block."""
    parts: list[str] = []
    for block in body:
        value = block.value
        if block.block_type in ("markdown", "tip", "warning", "legacy"):
            parts.append(plain_text(value))
        elif block.block_type == "steps":
            parts.append(value.get("title") or "")
            parts.extend(step.get("text", "") for step in value.get("steps", []))
        elif block.block_type in ("dodont", "phrase", "rule", "figure"):
            parts.extend(str(v) for k, v in value.items() if isinstance(v, str))
    return parts
