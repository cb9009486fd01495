"""python manage.py backup [--output DIR]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from leagues import backups


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Back up the database (SQLite: an online copy; PostgreSQL: pg_dump), the uploaded logos and the printed "
            "certificate batches into one new folder with a manifest. The site can keep serving meanwhile."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, metavar="DIR",
            help=_("The folder the backup is written under (default: the BACKUP_DIR setting, else backups/)."),
        )

    def handle(self, *args, output, **options):
        try:
            path = backups.backup_create(output_dir=output or backups.default_output_dir())
        except backups.BackupError as error:
            raise CommandError(str(error))
        self.stdout.write(path.as_posix())
