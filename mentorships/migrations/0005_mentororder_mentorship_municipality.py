"""The organisation's municipality copied onto each order, and the order's onto
each mentorship (the coordinator's lists filter and sort by one index): added
empty, filled, then required."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    MentorOrder = apps.get_model("mentorships", "MentorOrder")
    Mentorship = apps.get_model("mentorships", "Mentorship")
    Organization = apps.get_model("organizations", "Organization")
    of_organization = Organization.objects.filter(pk=OuterRef("organization_id"))
    MentorOrder.objects.update(
        municipality_id=Subquery(of_organization.values("municipality_id")[:1])
    )
    of_order = MentorOrder.objects.filter(pk=OuterRef("order_id"))
    Mentorship.objects.update(
        municipality_id=Subquery(of_order.values("municipality_id")[:1])
    )


def copy_field():
    return models.ForeignKey(
        blank=True,
        null=True,
        editable=False,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="organizations.municipality",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("mentorships", "0004_mentorship_list_order"),
        ("organizations", "0004_plan_approver"),
    ]

    operations = [
        migrations.AddField(
            model_name="mentororder", name="municipality", field=copy_field()
        ),
        migrations.AddField(
            model_name="mentorship", name="municipality", field=copy_field()
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
