"""Background work of notifications (run by `lms db_worker`)."""

from django_tasks import task


@task()
def notice_email_task(notice_id: int) -> bool:
    """E-mail one notice; False when there was nothing to send."""
    from .sending import notice_email_send

    return notice_email_send(notice_id=notice_id)
