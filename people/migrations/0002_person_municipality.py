"""The organisation's municipality copied onto each person (the coordinator's
lists filter and sort by one index): added empty, filled, then required."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    Organization = apps.get_model("organizations", "Organization")
    of_organization = Organization.objects.filter(pk=OuterRef("organization_id"))
    Person.objects.update(
        municipality_id=Subquery(of_organization.values("municipality_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0004_plan_approver"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
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
