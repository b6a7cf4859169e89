"""Helpers of the plan view tests: plans in each state, built through the services."""

from datetime import date

from plans import services
from plans.models import IndividualPlan, PlanItem
from plans.services import ItemData

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n"


def add(
    plan: IndividualPlan, by, activity: str, deadline: date, section: int = 0
) -> PlanItem:
    """A row in the plan's n-th section (0: the first)."""
    sections = list(plan.form_version.sections.all())
    return services.add_item(
        plan=plan,
        by=by,
        data=ItemData(section=sections[section], activity=activity, deadline=deadline),
    )


def approve(plan: IndividualPlan, mentor, coordinator) -> IndividualPlan:
    """Submit and approve the plan (a row is added if it has none)."""
    if not plan.items.exists():
        add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    services.submit_plan(plan=plan)
    return services.approve_plan(plan=plan, by=coordinator)


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)
