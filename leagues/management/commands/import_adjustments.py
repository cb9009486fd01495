"""python manage.py import_adjustments FILE --championship SLUG --category NAME"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from leagues import interchange


class Command(BaseCommand):
    @property
    def help(self):
        return _("Add point adjustments from a CSV file with the columns team,points,reason (negative points deduct).")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("The CSV file (UTF-8)."))
        parser.add_argument("--championship", required=True, metavar="SLUG", help=_("The championship's slug."))
        parser.add_argument("--category", required=True, metavar="NAME", help=_("The category's name."))

    def handle(self, *args, file, championship, category, **options):
        try:
            summary = interchange.adjustments_import(
                path=file, championship_slug=championship, category_name=category
            )
        except interchange.InterchangeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(summary))
