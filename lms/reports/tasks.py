"""Background tasks of the HR reports (run by `lms db_worker`)."""

from django_tasks import task


@task()
def run_export(job_id: str) -> int:
    """Write an ExportJob's file; returns the number of rows (or PDFs)."""
    from .exports import export_run

    return export_run(job_id=job_id)
