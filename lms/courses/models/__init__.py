from .pages import (
    Audience,
    CourseIndexPage,
    CoursePage,
    HomePage,
    LessonPage,
    Track,
    body_text_parts,
)
from .progress import CourseCompletion, LessonProgress
from .sources import ImportedImage, ImportedSource

__all__ = [
    "Audience",
    "CourseCompletion",
    "CourseIndexPage",
    "CoursePage",
    "HomePage",
    "ImportedImage",
    "ImportedSource",
    "LessonPage",
    "LessonProgress",
    "Track",
    "body_text_parts",
]
