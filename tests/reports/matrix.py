"""Every /hr/ URL × role. Learners never get in (403); trainers read the roster
and transcripts and sign off; HR and admins everything. Exports belong to the
HR user who asked for them: another HR user gets 404, an admin may open them."""

from tests.matrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, row

HR_ONLY = row(REDIRECT, FORBIDDEN, FORBIDDEN, OK, OK)
PEOPLE = row(REDIRECT, FORBIDDEN, OK, OK, OK)
POST_PEOPLE = row(REDIRECT, FORBIDDEN, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED)
POST_HR = row(REDIRECT, FORBIDDEN, FORBIDDEN, NOT_ALLOWED, NOT_ALLOWED)

ROWS = {
    "reports:roster": ("/hr/", PEOPLE),
    "reports:learner": ("/hr/learners/{rep_learner}/", PEOPLE),
    "reports:golive_signoff": ("/hr/learners/{rep_learner}/golive/", POST_PEOPLE),
    "reports:golive_withdraw": (
        "/hr/learners/{rep_learner}/golive/withdraw/",
        POST_PEOPLE,
    ),
    "reports:attempt": ("/hr/attempts/{rep_attempt}/", PEOPLE),
    "reports:registry": ("/hr/certificates/", HR_ONLY),
    "reports:certificate_issue": ("/hr/certificates/issue/", HR_ONLY),
    "reports:certificate_audit": ("/hr/certificates/audit/", HR_ONLY),
    "reports:certificate": ("/hr/certificates/{cert_serial}/", HR_ONLY),
    # GET: the confirmation page; only its POST revokes.
    "reports:certificate_revoke": ("/hr/certificates/{cert_serial}/revoke/", HR_ONLY),
    "reports:certificate_reissue": (
        "/hr/certificates/{cert_serial}/reissue/",
        POST_HR,
    ),
    "reports:charts": ("/hr/charts/", HR_ONLY),
    "reports:exports": ("/hr/exports/", HR_ONLY),
    "reports:export_create": ("/hr/exports/new/", POST_HR),
    # Someone else's export (still queued): only an admin opens it...
    "reports:export": (
        "/hr/exports/{rep_export}/",
        row(REDIRECT, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK),
    ),
    # ...and there is nothing to download before it is done.
    "reports:export_download": (
        "/hr/exports/{rep_export}/download/",
        row(REDIRECT, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND),
    ),
}


def context(site_tree) -> dict:
    from django.utils import timezone

    from lms.quizzes.models import Attempt, Quiz
    from lms.reports.models import ExportJob
    from tests.factories import HRFactory, LearnerFactory

    learner = LearnerFactory(username="rep-matrix-learner")
    quiz = Quiz.objects.create(slug="rep-matrix-quiz", title="矩阵考试")
    now = timezone.now()
    attempt = Attempt.objects.create(
        quiz=quiz,
        user=learner,
        number=1,
        status="submitted",
        started_at=now,
        submitted_at=now,
        score=90,
        passed=True,
        pass_mark=80,
        review_policy="immediate",
    )
    job = ExportJob.objects.create(
        requested_by=HRFactory(username="rep-matrix-hr"), kind="roster_csv"
    )
    return {"rep_learner": learner.pk, "rep_attempt": attempt.pk, "rep_export": job.pk}
