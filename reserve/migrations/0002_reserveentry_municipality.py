"""The person's municipality copied onto each reserve entry (the coordinator's
scope and the list's count by one index): added empty, filled, then required."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    ReserveEntry = apps.get_model("reserve", "ReserveEntry")
    Person = apps.get_model("people", "Person")
    person = Person.objects.filter(pk=OuterRef("person_id"))
    ReserveEntry.objects.update(
        municipality_id=Subquery(person.values("municipality_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0004_plan_approver"),
        ("people", "0003_person_municipality_required"),
        ("reserve", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="reserveentry",
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
