"""The default kinds of event for the municipalities that exist already."""

from django.db import migrations

DEFAULT_KINDS = (
    "Служебное совещание",
    "Семинар",
    "Конференция",
    "Педагогический совет",
    "Методическое объединение",
    "Вебинар",
)


def add_kinds(apps, schema_editor):
    Municipality = apps.get_model("organizations", "Municipality")
    EventKind = apps.get_model("events", "EventKind")
    for municipality in Municipality.objects.all():
        for position, name in enumerate(DEFAULT_KINDS, start=1):
            EventKind.objects.get_or_create(
                municipality=municipality, name=name, defaults={"position": position}
            )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
