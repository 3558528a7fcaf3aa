"""Background tasks of accounts (run by `lms db_worker`)."""

from django_tasks import task


@task()
def mail_first_password_links(user_ids: list[int], base_url: str) -> int:
    """A large intake's set-password e-mails, after the import has committed."""
    from .passwords import first_password_links_mail

    return first_password_links_mail(user_ids=user_ids, base_url=base_url)
