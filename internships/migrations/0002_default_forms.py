"""The default catalogue of internship forms for the municipalities that exist
(new ones get it from internships.receivers)."""

from django.db import migrations

# The Russian names, as internships.models.DEFAULT_FORMS reads in the catalog.
DEFAULT_FORMS = (
    "На рабочем месте руководителя своей образовательной организации",
    "В другой образовательной организации",
    "В органе управления образованием",
    "Выездная",
    "Дистанционная",
)


def add_forms(apps, schema_editor):
    Municipality = apps.get_model("organizations", "Municipality")
    InternshipForm = apps.get_model("internships", "InternshipForm")
    for municipality in Municipality.objects.all():
        if InternshipForm.objects.filter(municipality=municipality).exists():
            continue
        for n, name in enumerate(DEFAULT_FORMS, start=1):
            InternshipForm.objects.create(
                municipality=municipality, name=name, position=n
            )


class Migration(migrations.Migration):
    dependencies = [
        ("internships", "0001_initial"),
        ("organizations", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_forms, migrations.RunPython.noop)]
