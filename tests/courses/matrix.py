from tests.matrix import NOT_ALLOWED, OK, REDIRECT, everyone, row

ROWS = {
    "page:courses": ("/courses/", everyone(OK)),
    "page:course": ("/courses/qianniu/", everyone(OK)),
    "page:lesson": ("/courses/qianniu/lesson-1/", row(REDIRECT, OK, OK, OK, OK)),
    "dashboard": ("/dashboard/", row(REDIRECT, OK, OK, OK, OK)),
    "search": ("/search/?q=自动回复", everyone(OK)),
    "courses:lesson_complete": (
        "/learn/lessons/{lesson_id}/complete/",
        row(REDIRECT, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    ),
}


def context(site_tree) -> dict:
    from lms.courses.models import LessonPage
    from tests.courses.pages import make_course

    _home, index = site_tree
    course = make_course(index, "qianniu", lessons=1)
    return {"lesson_id": LessonPage.objects.child_of(course).get().id}
