"""The background work of the report, run by the database-backed worker
(`manage.py db_worker`)."""

from django_tasks import task

from municipal_report import services


@task()
def draw_up_job(job_id: int) -> str:
    """Draw up the asked-for report; the job's status says how it went."""
    return services.run_job(job_id)
