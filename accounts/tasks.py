"""The background work of accounts, run by the database-backed worker
(`manage.py db_worker`): the invitation letter, so that a slow mail server
never holds up the page that invites."""

from django_tasks import task

from accounts import services
from accounts.models import User


@task()
def send_invitation_email(user_id: int, invited_by_id: int) -> None:
    """Send the invitation to set a password, if it is still pending."""
    user = User.objects.get(pk=user_id)
    if not services.invitation_is_pending(user):
        return
    services.deliver_invitation(
        user=user, invited_by=User.objects.get(pk=invited_by_id)
    )
