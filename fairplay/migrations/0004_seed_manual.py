"""Seed the Fair Play Manual with the sections we wrote (fairplay/manual_content.py), on an empty table only."""

from django.db import migrations

FIELDS = ("order", "kind", "audiences", "title_es", "title_en", "body_es", "body_en")


def seed(apps, schema_editor):
    from fairplay import manual_content

    ManualSection = apps.get_model("fairplay", "ManualSection")
    if ManualSection.objects.exists():
        return
    ManualSection.objects.bulk_create(
        ManualSection(slug=data["slug"], **{name: data[name] for name in FIELDS}) for data in manual_content.SECTIONS
    )


def unseed(apps, schema_editor):
    from fairplay import manual_content

    ManualSection = apps.get_model("fairplay", "ManualSection")
    ManualSection.objects.filter(slug__in=[data["slug"] for data in manual_content.SECTIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("fairplay", "0003_schemes_conduct_manual")]

    operations = [migrations.RunPython(seed, unseed)]
