from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils  # noqa: F401 - documents the API used

from lms.courses.models import CourseIndexPage, CoursePage, HomePage, LessonPage


def allowed_children(model) -> set:
    return set(model.allowed_subpage_models())


def test_the_tree_is_home_catalogue_course_lesson():
    assert allowed_children(HomePage) == {CourseIndexPage}
    assert allowed_children(CourseIndexPage) == {CoursePage}
    assert allowed_children(CoursePage) == {LessonPage}
    assert allowed_children(LessonPage) == set()


def test_pages_only_live_under_their_parent_type():
    assert set(CoursePage.allowed_parent_page_models()) == {CourseIndexPage}
    assert set(LessonPage.allowed_parent_page_models()) == {CoursePage}
    assert set(HomePage.allowed_parent_page_models()) == {Page}


def test_there_is_one_home_and_one_catalogue():
    assert HomePage.max_count == 1
    assert CourseIndexPage.max_count == 1
