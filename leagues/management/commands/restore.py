"""python manage.py restore PATH [--yes]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from leagues import backups


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Replace the configured database, the uploaded logos and the printed certificate batches with a backup "
            "made by `manage.py backup`, once its manifest and checksums are verified."
        )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, metavar="PATH", help=_("The backup's folder."))
        parser.add_argument("--yes", action="store_true", help=_("Do not ask for confirmation."))

    def handle(self, *args, path, yes, **options):
        try:
            manifest = backups.backup_check(path=path)
        except backups.BackupError as error:
            raise CommandError(str(error))
        if not yes and not self.confirm(path, manifest):
            self.stdout.write(_("Restore cancelled: nothing was changed."))
            return
        try:
            report = backups.backup_restore(path=path)
        except backups.BackupError as error:
            raise CommandError(str(error))

        made = {"path": path, "created": manifest["created_at"]}
        self.stdout.write(_("Restored %(path)s (made %(created)s).") % made)
        for label, count in report.row_counts.items():
            expected = report.manifest["row_counts"].get(label)
            mark = "" if expected == count else "  " + _("(the backup had %(expected)s)") % {"expected": expected}
            self.stdout.write(f"  {label:<32} {count:>8}{mark}")
        if report.migrate_needed:
            self.stdout.write(_("The backup predates this code's migrations: run `python manage.py migrate` now."))
        self.stdout.write(_("Restart the application and the worker so that no cached page outlives the restore."))
        if report.mismatches:
            raise CommandError(
                _("The row counts after the restore differ from the backup's manifest: %(tables)s.")
                % {"tables": ", ".join(report.mismatches)}
            )

    def confirm(self, path, manifest) -> bool:
        database = self.style.WARNING(_("This replaces the whole database and the uploaded files with the backup"))
        self.stdout.write(f"{database} {path} ({manifest['created_at']}, {manifest['vendor']}).")
        try:
            answer = input(_("Type 'yes' to continue: "))
        except EOFError:  # no terminal: never a yes
            return False
        return answer.strip().lower() in {"yes", _("yes")}
