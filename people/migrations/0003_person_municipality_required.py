import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("people", "0002_person_municipality")]

    operations = [
        migrations.AlterField(
            model_name="person",
            name="municipality",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organizations.municipality",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["municipality", "last_name", "first_name", "middle_name", "id"],
                name="person_municipality_name",
            ),
        ),
    ]
