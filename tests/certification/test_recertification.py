"""A rules course changes: its paths go up a version, holders retrain (需复训)
and earn the new version by redoing the course and its quiz."""

import pytest
from django.core.exceptions import PermissionDenied

from lms.certification.errors import CertificationError
from lms.certification.models import (
    AuditLogEntry,
    Certificate,
    PathAssignment,
    PathCourseRequirement,
)
from lms.certification.recertification import path_rules_changed
from lms.certification.status import path_statuses
from lms.courses.models import CourseCompletion, LessonProgress
from tests.certification import helpers
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed(certified, world, trainer):
    return path_rules_changed(
        course=world["rules"], actor=trainer, reason="七天无理由退货规则调整"
    )


def test_every_path_requiring_the_course_goes_up_a_version(certified, world, trainer):
    other = helpers.path(slug="cert-other", courses=[world["talk"]])
    change = path_rules_changed(course=world["rules"], actor=trainer, reason="调整")
    world["path"].refresh_from_db()
    other.refresh_from_db()
    assert (world["path"].version, other.version) == (2, 1)
    assert change.paths == [world["path"]]


def test_holders_are_marked_to_retrain_the_course_and_keep_their_certificate(
    changed, certified, learner, world
):
    assignment = PathAssignment.objects.get(user=learner, path=world["path"])
    assert assignment.needs_recertification
    assert assignment.retrain_course_ids == [world["rules"].pk]
    assert assignment.retrain_since is not None
    assert assignment.recertification_reason == "七天无理由退货规则调整"
    assert path_statuses([learner.id])[learner.id][0].status == "needs_retraining"
    certified.refresh_from_db()
    assert certified.status == "valid"
    assert changed.holder_ids == {learner.id}


def test_the_changed_course_is_back_on_the_holders_learning_list(
    changed, learner, world
):
    assert not CourseCompletion.objects.filter(user=learner, course=world["rules"])
    assert CourseCompletion.objects.filter(user=learner, course=world["talk"])
    progress = LessonProgress.objects.filter(user=learner, course=world["rules"])
    assert progress.exists() and not progress.filter(completed_at__isnull=False)


def test_only_redoing_the_course_and_its_quiz_earns_the_new_version(
    changed, certified, learner, world
):
    helpers.take_quiz(learner, world["exam"], score=100)
    helpers.take_quiz(learner, world["talk_quiz"], score=100)
    assert Certificate.objects.filter(user=learner).count() == 1
    helpers.complete_course(learner, world["rules"])
    assert Certificate.objects.filter(user=learner).count() == 1  # quiz still due
    helpers.take_quiz(learner, world["rules_quiz"], score=85)
    new = Certificate.objects.get(user=learner, status="valid")
    certified.refresh_from_db()
    assert new.path_version == 2 and certified.status == "superseded"
    assert new.replaces == certified
    assignment = PathAssignment.objects.get(user=learner, path=world["path"])
    assert not assignment.needs_recertification and assignment.retrain_course_ids == []
    assert path_statuses([learner.id])[learner.id][0].status == "certified"


def test_learners_without_a_certificate_are_not_marked(certified, world, trainer):
    other = LearnerFactory(username="cert-other-learner")
    helpers.complete_course(other, world["rules"])
    path_rules_changed(course=world["rules"], actor=trainer, reason="调整")
    assignment = PathAssignment.objects.get(user=other)
    assert not assignment.needs_recertification
    assert CourseCompletion.objects.filter(user=other, course=world["rules"]).exists()


def test_a_rules_change_is_logged_with_who_and_why(changed, trainer, learner):
    entry = AuditLogEntry.objects.get(action="path.rules_changed")
    assert (entry.actor, entry.reason) == (trainer, "七天无理由退货规则调整")
    assert entry.details["old_version"] == 1 and entry.details["new_version"] == 2
    assert entry.details["holders"] == 1
    retraining = AuditLogEntry.objects.get(action="assignment.needs_retraining")
    assert retraining.subject == learner


def test_a_rules_change_needs_a_trainer_or_admin_and_a_reason(
    certified, world, hr, learner, admin_user
):
    for actor in (hr, learner):
        with pytest.raises(PermissionDenied):
            path_rules_changed(course=world["rules"], actor=actor, reason="x")
    with pytest.raises(CertificationError):
        path_rules_changed(course=world["rules"], actor=admin_user, reason=" ")
    world["path"].refresh_from_db()
    assert world["path"].version == 1


def test_a_second_change_keeps_what_is_half_redone_and_reopens_it(
    changed, learner, world, trainer
):
    helpers.complete_course(learner, world["rules"])
    helpers.take_quiz(learner, world["rules_quiz"], score=60)  # not passed yet
    path_rules_changed(course=world["talk"], actor=trainer, reason="话术规范更新")
    assignment = PathAssignment.objects.get(user=learner, path=world["path"])
    assert assignment.retrain_course_ids == sorted(
        [world["rules"].pk, world["talk"].pk]
    )
    # Both are to be done again from the second change: both reopened.
    assert not CourseCompletion.objects.filter(user=learner)
    for key in ("rules", "talk"):
        helpers.complete_course(learner, world[key])
    helpers.take_quiz(learner, world["rules_quiz"], score=90)
    assert not Certificate.objects.filter(path_version=3).exists()
    helpers.take_quiz(learner, world["talk_quiz"], score=90)
    assert Certificate.objects.get(status="valid").path_version == 3


def test_a_second_change_does_not_ask_again_for_what_was_fully_redone(
    changed, learner, world, trainer, index
):
    extra = helpers.course(index, "cert-extra", title="新增课程")
    PathCourseRequirement.objects.create(path=world["path"], course=extra)
    helpers.complete_course(learner, world["rules"])
    helpers.take_quiz(learner, world["rules_quiz"], score=90)
    assert not Certificate.objects.filter(path_version=2).exists()  # extra open
    path_rules_changed(course=world["talk"], actor=trainer, reason="话术规范更新")
    assignment = PathAssignment.objects.get(user=learner, path=world["path"])
    assert assignment.retrain_course_ids == [world["talk"].pk]
    assert CourseCompletion.objects.filter(user=learner, course=world["rules"])
