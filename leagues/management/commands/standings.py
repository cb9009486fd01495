"""python manage.py standings --championship SLUG --category NAME [--format csv|table] [--as-of-round N]"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from leagues import interchange
from leagues.models import Category, Championship
from leagues.standings import load_category_standings


class Command(BaseCommand):
    @property
    def help(self):
        return _("Print a category's standings as CSV (the default) or as an aligned table.")

    def add_arguments(self, parser):
        parser.add_argument("--championship", required=True, metavar="SLUG", help=_("The championship's slug."))
        parser.add_argument("--category", required=True, metavar="NAME", help=_("The category's name."))
        parser.add_argument("--format", choices=["csv", "table"], default="csv", help=_("Output format."))
        parser.add_argument(
            "--as-of-round",
            type=int,
            metavar="N",
            help=_("Count only the matches of rounds 1 to N."),
        )

    def handle(self, *args, championship, category, format, as_of_round, **options):
        if not Championship.objects.filter(slug=championship).exists():
            raise CommandError(_('There is no championship with the slug "%(slug)s".') % {"slug": championship})
        found = interchange.NameIndex(
            Category.objects.select_related("championship").filter(championship__slug=championship), lambda c: c.name
        )
        try:
            selected = found.find(category)
        except interchange.NameIndexAmbiguous:
            selected = None
        if selected is None:
            raise CommandError(
                _('Championship "%(championship)s" has no category named "%(name)s".')
                % {"championship": championship, "name": category}
            )
        standings = load_category_standings(selected, as_of_round=as_of_round)
        if format == "table":
            self.stdout.write(interchange.standings_table(standings), ending="")
        else:
            self.stdout.write(interchange.standings_csv(standings), ending="")
