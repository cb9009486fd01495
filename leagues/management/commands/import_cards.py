"""python manage.py import_cards FILE --championship SLUG --category NAME [--create]"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from leagues import interchange


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Add cards to a category's matches from a CSV file with the columns "
            "match_home,match_away,team,player,minute,card[,recipient][,round]."
        )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("The CSV file (UTF-8)."))
        parser.add_argument("--championship", required=True, metavar="SLUG", help=_("The championship's slug."))
        parser.add_argument("--category", required=True, metavar="NAME", help=_("The category's name."))
        parser.add_argument(
            "--create",
            action="store_true",
            help=_("Add unknown players to the team's roster, unknown coaches to its staff, and a missing barra."),
        )

    def handle(self, *args, file, championship, category, create, **options):
        try:
            summary = interchange.cards_import(
                path=file, championship_slug=championship, category_name=category, create=create
            )
        except interchange.InterchangeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(summary))
