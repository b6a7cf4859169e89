"""The scan as a task of the worker: `manage.py scan_reminders --enqueue` queues it."""

from django_tasks import task

from reminders import services


@task()
def scan_reminders() -> int:
    """Store the due reminders and queue their letters; returns how many."""
    return services.scan().created
