"""Helpers of the plan service tests: fresh copies, rows' data, plans moved
through the approval cycle, a row marked done."""

from datetime import date

from plans import services
from plans.models import IndividualPlan, PlanItem
from plans.services import ItemData
from plans.tests.factories import PERIOD_END, PERIOD_START, PlanItemFactory

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def item_data(plan, **kwargs):
    data = {
        "section": plan.form_version.sections.first(),
        "activity": "Изучение ФЗ «Об образовании в Российской Федерации»",
        "deadline": date(2026, 10, 15),
    }
    return ItemData(**{**data, **kwargs})


def set_status(plan, status):
    IndividualPlan.objects.filter(pk=plan.pk).update(status=status)
    return fresh(plan)


def create(entry, **kwargs):
    data = {"entry": entry, "period_start": PERIOD_START, "period_end": PERIOD_END}
    return services.create_plan(**{**data, **kwargs})


def submitted(plan):
    if not plan.items.exists():
        PlanItemFactory(plan=plan)
    return services.submit_plan(plan=plan, expected_version=plan.version)


def approved(plan, by):
    submitted(plan)
    return services.approve_plan(plan=plan, by=by, expected_version=plan.version)


def done(item, **kwargs):
    data = {
        "status": PlanItem.Status.DONE,
        "done_on": date(2026, 11, 20),
        "evidence_text": "Конспект ФЗ-273",
        "expected_version": item.version,
    }
    return services.mark_item(item=item, **{**data, **kwargs})
