"""The plan table's display values, prepared once per request in Python.

A row of the plan page used to format its dates, translate its labels and
reverse its six addresses in the template, for every row: most of the page's
time. Here the labels are translated once per page, each address is reversed
once per page, and each row gets its texts and flags once."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plans.models import IndividualPlan, PlanItem
from plans.permissions import PlanActions

# Stands for the row's id in an address reversed once per page; no row has it.
_ROW = 9_087_654_321_123
Status = PlanItem.Status
BADGES: dict[str, str] = {
    Status.DONE: " ok",
    Status.NOT_DONE: " bad",
    Status.IN_PROGRESS: " warn",
}


def page_labels(plan: IndividualPlan) -> dict[str, str]:
    """The words every row repeats, translated once."""
    draft = plan.status == IndividualPlan.Status.DRAFT
    return {
        "number": _("No."),
        "overdue": _("overdue"),
        "late": _("late"),
        "link": _("Link to the result"),
        "awaits": _("Awaits the mentor's confirmation"),
        "move_up": _("Move up"),
        "move_down": _("Move down"),
        "edit": _("Edit"),
        "remove_question": (
            _("Remove the item from the plan?")
            if draft
            else _(
                "Exclude the item from the plan? The change will wait for re-approval."
            )
        ),
        "remove": _("Remove") if draft else _("Exclude from the plan"),
        "remove_yes": _("Remove") if draft else _("Exclude"),
        "remove_no": _("Keep"),
        "mark": _("Mark progress"),
        "confirm": _("Confirm"),
        "no_comments": _("No comments yet."),
        "comment_on_item": _("Your comment on the item"),
        "comment_on_plan": _("Your comment on the plan"),
        "send": _("Send"),
    }


def _addresses(plan: IndividualPlan) -> Callable[[str, int], str]:
    """`address(name, item_pk)` of the plans:<name> row addresses, each reversed
    once per page."""
    reversed_once: dict[str, str] = {}

    def address(name: str, item_pk: int) -> str:
        if name not in reversed_once:
            reversed_once[name] = reverse(f"plans:{name}", args=[plan.pk, _ROW])
        return reversed_once[name].replace(str(_ROW), str(item_pk))

    return address


@dataclass(frozen=True)
class FileLink:
    url: str
    name: str
    size: str


@dataclass(frozen=True)
class ItemRow:
    """What a row of the plan table shows and offers."""

    css: str
    tickable: bool
    tick_label: str
    discussion: str
    form_of_work: str
    deadline: str
    is_overdue: bool
    responsible: str
    expected_result: str
    badge: str
    status: str
    is_done_late: bool
    done: str
    confirmed: str
    not_done: str
    files: list[FileLink]
    editable: bool
    restructurable: bool
    markable: bool
    confirmable: bool
    move_up_label: str
    move_down_label: str
    item_url: str
    edit_url: str
    move_url: str
    remove_url: str
    progress_url: str
    confirm_url: str


def prepare_rows(
    plan: IndividualPlan, items: list[PlanItem], rights: PlanActions
) -> None:
    """Give every row its `row` (ItemRow); no queries."""
    today = timezone.localdate()
    address = _addresses(plan)
    evidence = reverse("plans:evidence", args=[_ROW])
    for item in items:
        item.row = _row(item, rights, today, address, evidence)


def _date(value: date | None) -> str:
    return format_date(value, "DATE_FORMAT") if value else ""


def _row(
    item: PlanItem,
    rights: PlanActions,
    today: date,
    address: Callable[[str, int], str],
    evidence: str,
) -> ItemRow:
    live = item.status != Status.CANCELLED
    overdue = item.is_overdue_on(today)
    number = {"number": item.number}
    n = len(item.thread)
    editable = rights.edit and live
    return ItemRow(
        css="item-row"
        + (" cancelled" if not live else "")
        + (" overdue" if overdue else ""),
        tickable=live,
        tick_label=_("Tick item %(number)s") % number,
        discussion=ngettext("Discussion (%(n)s)", "Discussion (%(n)s)", n) % {"n": n},
        form_of_work=item.form_of_work or "—",
        deadline=_date(item.deadline),
        is_overdue=overdue,
        responsible=item.responsible or "—",
        expected_result=item.expected_result or "—",
        badge=BADGES.get(item.status, ""),
        status=item.get_status_display(),
        is_done_late=item.is_done_late,
        done=(
            _("Done on %(date)s") % {"date": _date(item.done_on)}
            if item.status == Status.DONE
            else ""
        ),
        confirmed=(
            _("Confirmed by the mentor on %(date)s")
            % {"date": _date(timezone.localdate(item.confirmed_at))}
            if item.confirmed_at
            else ""
        ),
        not_done=(
            _("Reason: %(reason)s") % {"reason": item.not_done_reason}
            if item.status == Status.NOT_DONE
            else ""
        ),
        files=[
            FileLink(
                evidence.replace(str(_ROW), str(f.pk)),
                f.original_name,
                filesizeformat(f.size),
            )
            for f in item.files.all()
        ],
        editable=editable,
        restructurable=rights.restructure and live,
        markable=rights.mark and live,
        confirmable=rights.confirm
        and item.status == Status.DONE
        and not item.confirmed_at,
        move_up_label=_("Move item %(number)s up") % number,
        move_down_label=_("Move item %(number)s down") % number,
        item_url=address("item", item.pk),
        edit_url=address("item_edit", item.pk),
        move_url=address("item_move", item.pk),
        remove_url=address("item_remove", item.pk),
        progress_url=address("item_progress", item.pk),
        confirm_url=address("item_confirm", item.pk),
    )
