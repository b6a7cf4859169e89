import django.db.models.deletion
from django.db import migrations, models


def copy_field():
    return models.ForeignKey(
        blank=True,
        editable=False,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="organizations.municipality",
    )


class Migration(migrations.Migration):
    dependencies = [("mentorships", "0005_mentororder_mentorship_municipality")]

    operations = [
        migrations.AlterField(
            model_name="mentororder", name="municipality", field=copy_field()
        ),
        migrations.AlterField(
            model_name="mentorship", name="municipality", field=copy_field()
        ),
        migrations.AddIndex(
            model_name="mentororder",
            index=models.Index(
                fields=["municipality", "date", "id"],
                name="mentor_order_municipality_date",
            ),
        ),
        migrations.AddIndex(
            model_name="mentorship",
            index=models.Index(
                fields=["municipality", "starts_on", "id"],
                name="mentorship_municipality_start",
            ),
        ),
    ]
