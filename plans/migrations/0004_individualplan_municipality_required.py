import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_individualplan_municipality")]

    operations = [
        migrations.AlterField(
            model_name="individualplan",
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
            model_name="individualplan",
            index=models.Index(
                fields=["municipality", "period_start", "id"],
                name="plan_municipality_period",
            ),
        ),
    ]
