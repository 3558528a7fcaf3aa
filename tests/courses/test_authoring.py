"""Trainers draft, preview and publish in the admin; moderation stays on."""

from wagtail.models import Page, Workflow

from lms.courses.models import LessonPage
from tests.courses.pages import make_course


def test_the_moderation_workflow_stays_assigned_to_the_page_tree(site_tree):
    root = Page.get_first_root_node()
    workflow = Workflow.objects.filter(active=True).first()
    assert workflow is not None
    assert root.get_workflow() == workflow or site_tree[0].get_workflow() == workflow


def test_trainer_saves_a_draft_and_previews_it(client, site_tree, trainer):
    _home, index = site_tree
    course = make_course(index, "qianniu", lessons=1)
    lesson = LessonPage.objects.child_of(course).get()
    lesson.title = "草稿标题"
    revision = lesson.save_revision(user=trainer)
    client.force_login(trainer)
    assert client.get(f"/admin/pages/{lesson.id}/edit/").status_code == 200
    preview = client.get(f"/admin/pages/{lesson.id}/revisions/{revision.id}/view/")
    assert preview.status_code == 200
    assert "草稿标题" in preview.content.decode()
    lesson.refresh_from_db()
    assert lesson.title != "草稿标题"  # the draft is not live
    revision.publish(user=trainer)
    lesson.refresh_from_db()
    assert lesson.title == "草稿标题"


def test_hr_cannot_edit_lessons_in_the_admin(client, site_tree, hr):
    _home, index = site_tree
    course = make_course(index, "qianniu", lessons=1)
    lesson = LessonPage.objects.child_of(course).get()
    client.force_login(hr)
    assert client.get(f"/admin/pages/{lesson.id}/edit/").status_code == 403
