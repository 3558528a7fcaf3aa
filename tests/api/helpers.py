"""A learner with one result of each kind, for the API tests and the matrix."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.utils import timezone

from lms.certification.issuing import certificate_issue_manual
from lms.certification.models import CertificationPath
from lms.drills.models import DrillSession, Scenario
from lms.quizzes.models import Attempt, Quiz
from tests.drills.helpers import DATA
from tests.factories import AdminFactory, LearnerFactory


def scenario(slug: str = "api-bargain") -> Scenario:
    """The tests' bargain scenario under its own id (other matrices load theirs)."""
    from lms.drills.documents import content_hash, scenario_document
    from lms.drills.loading import scenario_apply_source, scenario_version

    found = Scenario.objects.filter(slug=slug).first()
    if found:
        return found
    source = (DATA / "bargain-basic.yaml").read_text(encoding="utf-8")
    source = source.replace("id: bargain-basic", f"id: {slug}", 1)
    document = scenario_document(content_hash(source), source)
    made = scenario_apply_source(Scenario(), source=source, document=document)
    made.save()
    scenario_version(made)
    return made


def results_world(*, prefix: str, learner=None, when=None) -> dict:
    """One finished attempt, one finished drill and one certificate."""
    when = when or timezone.now()
    learner = learner or LearnerFactory(username=f"{prefix}-learner")
    quiz, _ = Quiz.objects.get_or_create(
        slug=f"{prefix}-quiz", defaults={"title": "平台规则测验"}
    )
    attempt = Attempt.objects.create(
        quiz=quiz,
        user=learner,
        number=Attempt.objects.filter(quiz=quiz, user=learner).count() + 1,
        status="submitted",
        started_at=when - timedelta(minutes=20),
        submitted_at=when,
        score=88,
        passed=True,
        pass_mark=80,
        review_policy="immediate",
    )
    drill = scenario()
    session = DrillSession.objects.create(
        user=learner,
        scenario=drill,
        version=drill.versions.first(),
        mode="exam",
        status="finished",
        started_at=when - timedelta(minutes=10),
        finished_at=when,
        score=82,
        passed=True,
    )
    path, _ = CertificationPath.objects.get_or_create(
        slug=f"{prefix}-path", defaults={"title": "售前客服上岗认证"}
    )
    actor = AdminFactory(username=f"{prefix}-admin-{learner.pk}")
    with time_machine.travel(when, tick=False):
        certificate = certificate_issue_manual(
            user=learner, path=path, actor=actor, reason="API 测试"
        )
    return {
        "learner": learner,
        "quiz": quiz,
        "attempt": attempt,
        "scenario": drill,
        "session": session,
        "path": path,
        "certificate": certificate,
    }
