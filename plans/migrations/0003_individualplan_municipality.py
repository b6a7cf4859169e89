"""The reservist's municipality copied onto each plan (the coordinator's list
filters and sorts by one index): added empty, filled, then required."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    IndividualPlan = apps.get_model("plans", "IndividualPlan")
    Person = apps.get_model("people", "Person")
    reservist = Person.objects.filter(reserve_entries=OuterRef("reserve_entry_id"))
    IndividualPlan.objects.update(
        municipality_id=Subquery(reservist.values("municipality_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0004_plan_approver"),
        ("people", "0003_person_municipality_required"),
        ("plans", "0002_add_integrity_constraints"),
        ("reserve", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="individualplan",
            name="municipality",
            field=models.ForeignKey(
                blank=True,
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organizations.municipality",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
