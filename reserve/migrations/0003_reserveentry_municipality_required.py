import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("reserve", "0002_reserveentry_municipality")]

    operations = [
        migrations.AlterField(
            model_name="reserveentry",
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
            model_name="reserveentry",
            index=models.Index(
                fields=["municipality", "id"], name="reserve_entry_municipality"
            ),
        ),
    ]
