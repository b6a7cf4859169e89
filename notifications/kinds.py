"""The kinds of notification: what each says and on which channels it goes
unless its recipient chose otherwise (the settings page, `/notifications/preferences`).

The account invitation is not a kind here: its recipient has not signed in yet,
so there is nothing to choose and no bell to ring. accounts (below this app)
sends it by e-mail through the same worker (accounts.tasks.send_invitation_email)."""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    DEADLINE_SOON = "deadline_soon", _("A deadline is near")
    OVERDUE = "overdue", _("A deadline is overdue")
    PLAN_SUBMITTED = "plan_submitted", _("A plan is submitted for approval")
    PLAN_RETURNED = "plan_returned", _("A plan is returned for correction")
    PLAN_APPROVED = "plan_approved", _("A plan is approved")
    ITEM_DONE = "item_done", _("A plan item is marked done")
    EVENT_INVITATION = "event_invitation", _("An invitation to an event")
    CONSULTATION_REQUEST = "consultation_request", _("A request for a consultation")
    TEST_ASSIGNED = "test_assigned", _("A test is assigned")
    ASSESSMENT_DUE = "assessment_due", _("A competency assessment is due")
    ATTESTATION_SCHEDULED = "attestation_scheduled", _("An attestation is scheduled")
    REPORT_AGREEMENT = "report_agreement", _("A report awaits agreement")
    INTERNSHIP_SOON = "internship_soon", _("An internship starts soon")


@dataclass(frozen=True)
class Wording:
    """The title of a notification: `text` % {"subject": …}."""

    text: Promise
    in_app: bool = True
    email: bool = True


# What each kind says and its default channels. Everything goes to the bell; e-mail
# by default for what asks the recipient to act or warns of a date.
WORDING: dict[str, Wording] = {
    Kind.DEADLINE_SOON: Wording(_("Deadline %(due)s is near: %(subject)s")),
    Kind.OVERDUE: Wording(_("Overdue since %(due)s: %(subject)s")),
    Kind.PLAN_SUBMITTED: Wording(_("A plan awaits your approval: %(subject)s")),
    Kind.PLAN_RETURNED: Wording(_("The plan is returned for correction: %(subject)s")),
    Kind.PLAN_APPROVED: Wording(_("The plan is approved: %(subject)s")),
    Kind.ITEM_DONE: Wording(
        _("An item is marked done, confirm it: %(subject)s"), email=False
    ),
    Kind.EVENT_INVITATION: Wording(_("You are invited to an event: %(subject)s")),
    Kind.CONSULTATION_REQUEST: Wording(
        _("A reservist asks for a consultation: %(subject)s")
    ),
    Kind.TEST_ASSIGNED: Wording(
        _("A test is assigned to you, due %(due)s: %(subject)s")
    ),
    Kind.ASSESSMENT_DUE: Wording(
        _("A competency assessment is due by %(due)s: %(subject)s")
    ),
    Kind.ATTESTATION_SCHEDULED: Wording(
        _("An attestation session on %(due)s: %(subject)s")
    ),
    Kind.REPORT_AGREEMENT: Wording(
        _("The joint report awaits your agreement: %(subject)s")
    ),
    Kind.INTERNSHIP_SOON: Wording(_("An internship starts on %(due)s: %(subject)s")),
}
