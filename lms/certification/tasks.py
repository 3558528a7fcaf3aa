"""Background work (Django Tasks API; `lms db_worker` runs the queue)."""

from django_tasks import task

from .expiry import certificates_expire


@task()
def certificates_expire_task() -> str:
    """Daily: 30-day reminders and expiry. `lms certificates expire` runs it now."""
    return certificates_expire().summary()
