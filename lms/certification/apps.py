from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "lms.certification"
    label = "certification"
    verbose_name = _("Certification")

    def ready(self):
        from lms.courses.signals import course_completed
        from lms.drills.signals import session_finished, session_rescored
        from lms.quizzes.signals import attempt_graded

        from . import checks, receivers  # noqa: F401 (checks registers itself)

        course_completed.connect(
            receivers.on_course_completed, dispatch_uid="certification.course"
        )
        attempt_graded.connect(
            receivers.on_attempt_graded, dispatch_uid="certification.quiz"
        )
        session_finished.connect(
            receivers.on_session_finished, dispatch_uid="certification.drill"
        )
        # A trainer's override can lift a finished session over the bar.
        session_rescored.connect(
            receivers.on_session_finished, dispatch_uid="certification.drill_rescored"
        )
