"""python manage.py import_results FILE --championship SLUG --category NAME [--create] [--rules PRESET]
[--organizer NAME]"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from leagues import interchange
from leagues.models import Championship


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Create or update a category's matches from a CSV file with the columns "
            "date,round,home,away,home_goals,away_goals (blank goals: not played yet)."
        )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("The CSV file (UTF-8)."))
        parser.add_argument("--championship", required=True, metavar="SLUG", help=_("The championship's slug."))
        parser.add_argument("--category", required=True, metavar="NAME", help=_("The category's name."))
        parser.add_argument(
            "--create",
            action="store_true",
            help=_("Create the championship, the category and the teams that do not exist yet."),
        )
        parser.add_argument(
            "--rules",
            choices=Championship.Preset.values,
            help=_("Rules preset of a championship made by --create (default: youth)."),
        )
        parser.add_argument(
            "--organizer",
            metavar="NAME",
            help=_('Organizer of a championship made by --create (default: "Oficina de deportes").'),
        )

    def handle(self, *args, file, championship, category, create, rules, organizer, **options):
        try:
            summary = interchange.matches_import(
                path=file,
                championship_slug=championship,
                category_name=category,
                create=create,
                rules=rules,
                organizer_name=organizer,
            )
        except interchange.InterchangeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(summary))
