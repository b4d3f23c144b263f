"""One signature per normalised address and municipality, except the duplicates 0005 marked."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("campaigns", "0005_normalize_signature_addresses")]

    operations = [
        migrations.AddConstraint(
            model_name="signature",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_duplicate", False)),
                fields=("municipality", "email_normalized"),
                name="one_signature_per_normalized_email"),
        ),
    ]
