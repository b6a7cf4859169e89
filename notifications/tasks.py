"""The background work of notifications, run by the database-backed worker
(`manage.py db_worker`): one letter per task."""

from django_tasks import task

from notifications import services


@task()
def deliver_email(notification_id: int) -> None:
    """Send one notification's letter (with the retries of services.deliver_email)."""
    services.deliver_email(notification_id)
