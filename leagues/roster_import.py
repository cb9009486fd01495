"""Roster import from CSV or Excel: read every row, mark each row's problems, write only a clean file.

The office uploads a file, sees a preview with each row's problems, fixes the spreadsheet and uploads it
again; nothing is written while any row has a problem (`roster_import_apply` checks again inside its
transaction). Errors about the whole file are `InterchangeError`s, as in `leagues.interchange`.

A row whose person already exists (same organizer, same names without case or accents, same birth date)
reuses that player only when the row also carries the same document number (both blank counts as the
same); otherwise the row is a problem that names the existing player, so a homonym is never merged and
a person is never registered twice by accident.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import asdict, dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from leagues.interchange import InterchangeError, name_key
from leagues.models import Category, Club, Gender, Organizer, Player, RosterEntry, Team
from leagues.services import roster_add

MAX_FILE_BYTES = 2 * 1024 * 1024
COLUMNS = ("team", "given_names", "surnames", "birth_date", "shirt_number", "document_number")
REQUIRED = ("team", "given_names", "surnames", "birth_date")
# Header names as offices type them in Spanish, compared without case, accents or spaces.
ALIASES = {
    "equipo": "team",
    "nombres": "given_names",
    "nombre": "given_names",
    "apellidos": "surnames",
    "apellido": "surnames",
    "fecha_nacimiento": "birth_date",
    "fecha_de_nacimiento": "birth_date",
    "nacimiento": "birth_date",
    "numero": "shirt_number",
    "camiseta": "shirt_number",
    "dorsal": "shirt_number",
    "documento": "document_number",
    "dni": "document_number",
}

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
# A few digits at most: int() refuses runs of thousands, and no shirt needs more.
_WHOLE_NUMBER = re.compile(r"\d{1,6}")


@dataclass(frozen=True)
class RowData:
    line: int
    team: str = ""
    given_names: str = ""
    surnames: str = ""
    birth_date: str = ""
    shirt_number: str = ""
    document_number: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class RowCheck:
    row: RowData
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    team_id: int | None = None
    new_team: str = ""  # a team the import will register (only when asked to)
    birth_date: datetime.date | None = None
    shirt_number: int | None = None
    reuse_player_id: int | None = None

    @property
    def clean(self) -> bool:
        return not self.problems


# --- reading -------------------------------------------------------------------------------------------


def _column(header: str) -> str:
    key = name_key(header).replace(" ", "_")
    return ALIASES.get(key, key)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows_from_table(name: str, table) -> list[RowData]:
    """`table` yields (line, cells); the first non-empty line names the columns."""
    index: dict[str, int] | None = None
    rows = []
    for line, cells in table:
        texts = [_cell_text(cell) for cell in cells]
        if not any(texts):
            continue
        if any("\x00" in text for text in texts):
            # No database takes the character (PostgreSQL refuses it), and no name or date holds it.
            raise InterchangeError(name, _("the line holds a NUL character, which no cell can hold."), line=line)
        if index is None:
            index = {}
            for position, text in enumerate(texts):
                column = _column(text)
                if column in COLUMNS:
                    if column in index:
                        raise InterchangeError(name, _("this column appears twice in the first line."),
                                               line=line, column=column)
                    index[column] = position
            for column in REQUIRED:
                if column not in index:
                    raise InterchangeError(
                        name,
                        _("the column is missing; the first line must name the columns %(columns)s.")
                        % {"columns": ", ".join(COLUMNS)},
                        line=line,
                        column=column,
                    )
            continue
        values = {column: texts[position] if position < len(texts) else "" for column, position in index.items()}
        rows.append(RowData(line=line, **values))
    if index is None:
        raise InterchangeError(
            name, _("the file is empty; its first line must name the columns %(columns)s.")
            % {"columns": ", ".join(COLUMNS)}
        )
    return rows


def _csv_table(name: str, raw: bytes):
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InterchangeError(
            name,
            _('the file is not UTF-8 text (byte 0x%(byte)02x cannot be read); save it again as "CSV UTF-8".')
            % {"byte": raw[error.start]},
            line=raw.count(b"\n", 0, error.start) + 1,
        ) from None
    first_line = text.lstrip().split("\n", 1)[0]
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(reader.line_num, cells) for cells in reader]
    except csv.Error as error:
        raise InterchangeError(
            name, _("the line is not valid CSV (%(reason)s).") % {"reason": error}, line=reader.line_num + 1
        ) from None


def _xlsx_table(name: str, raw: bytes):
    import openpyxl  # Only the Excel path needs it.

    # A damaged workbook makes openpyxl raise almost anything (BadZipFile, KeyError, ParseError, TypeError,
    # IndexError...), when it opens the file and again when read-only mode parses the sheet's rows.
    unreadable = InterchangeError(name, _("the file cannot be read as an Excel workbook (.xlsx)."))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001
        raise unreadable from None
    try:
        sheet = workbook.worksheets[0]
        return [(line, list(cells)) for line, cells in enumerate(sheet.iter_rows(values_only=True), start=1)]
    except Exception:  # noqa: BLE001
        raise unreadable from None
    finally:
        workbook.close()


def read_rows(uploaded_file, filename: str) -> list[RowData]:
    """The rows of an uploaded .csv (UTF-8, "," or ";") or .xlsx (first sheet) roster; `InterchangeError` if unreadable."""
    name = filename.rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ("csv", "xlsx"):
        raise InterchangeError(name, _("only .csv and .xlsx files can be imported."))
    raw = uploaded_file.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise InterchangeError(
            name, _("the file is larger than %(size)d MB; split it into smaller files.")
            % {"size": MAX_FILE_BYTES // (1024 * 1024)}
        )
    table = _csv_table(name, raw) if extension == "csv" else _xlsx_table(name, raw)
    return _rows_from_table(name, table)


def template_headers() -> list[str]:
    """The import's columns as headers in the active language; `_column` reads either language back."""
    spanish = {value: key for key, value in ALIASES.items() if key in (
        "equipo", "nombres", "apellidos", "fecha_nacimiento", "camiseta", "documento")}
    if (get_language() or "es").startswith("es"):
        return [spanish[column] for column in COLUMNS]
    return list(COLUMNS)


def template_workbook(headers: list[str]) -> bytes:
    """An .xlsx with the header row, the date column formatted as text so Excel keeps what the office types, and a
    second sheet that explains each column."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("Roster")[:31]
    sheet.append(headers)
    for index, width in enumerate((24, 24, 24, 16, 10, 16), start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = width
        for row in range(2, 202):
            sheet.cell(row=row, column=index).number_format = "@"
    help_sheet = workbook.create_sheet(_("Instructions")[:31])
    explanations = (
        _("The team's name exactly as registered (or a new team, if you ask the import to register it)."),
        _("The player's given names."),
        _("The player's surnames."),
        _("Birth date as 2015-03-14 or 14/03/2015; it must fall within the category's birth years."),
        _("Shirt number from 1 to 99 (optional)."),
        _("Identity document number (optional; it tells namesakes apart and is never shown in public)."),
    )
    help_sheet.append([_("Column"), _("What to write")])
    for header, text in zip(headers, explanations):
        help_sheet.append([header, text])
    help_sheet.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rows_from_dicts(items: list[dict]) -> list[RowData]:
    """Rows back from `RowData.as_dict()` (the preview carries them signed between requests)."""
    return [RowData(**{key: item[key] for key in ("line", *COLUMNS) if key in item}) for item in items]


# --- checking ------------------------------------------------------------------------------------------


def parse_date(text: str) -> datetime.date | None:
    """A date written 2015-03-14 or 14/03/2015 (day first, as offices write it); None if it is not a date."""
    text = text.strip()
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := _DAY_FIRST_DATE.fullmatch(text):
        day, month, year = match.groups()
    else:
        return None
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


@dataclass(frozen=True)
class ExistingPlayer:
    id: int
    name: str
    key: str
    birth_date: datetime.date | None
    document_number: str
    team_id: int | None  # the player's team in this championship, if any
    team_name: str


@dataclass(frozen=True)
class Context:
    """What the check needs from the database, as plain data."""

    teams: dict[str, tuple[int, str]]  # name_key -> (id, name)
    players: list[ExistingPlayer]
    shirts_taken: dict[tuple[int, int], str]  # (team id, shirt) -> player's name


def load_context(category: Category, rows: list[RowData]) -> Context:
    """Teams of the category, the organizer's players that rows could match, and taken shirts: four queries."""
    championship = category.championship
    teams = {name_key(name): (pk, name) for pk, name in Team.objects.filter(category=category).values_list("pk", "name")}
    dates = {date for row in rows if (date := parse_date(row.birth_date))}
    documents = {row.document_number.strip() for row in rows if row.document_number.strip()}
    candidates = list(
        Player.objects.filter(organizer_id=championship.organizer_id)
        .filter(Q(birth_date__in=dates) | Q(document_number__in=documents))
        .values("pk", "given_names", "surnames", "birth_date", "document_number")
    )
    placed = {
        player_id: (team_id, team_name)
        for player_id, team_id, team_name in RosterEntry.objects.filter(
            championship=championship, player_id__in=[player["pk"] for player in candidates]
        ).values_list("player_id", "team_id", "team__name")
    }
    players = [
        ExistingPlayer(
            id=player["pk"],
            name=f"{player['given_names']} {player['surnames']}".strip(),
            key=name_key(f"{player['given_names']} {player['surnames']}"),
            birth_date=player["birth_date"],
            document_number=player["document_number"],
            team_id=placed.get(player["pk"], (None, ""))[0],
            team_name=placed.get(player["pk"], (None, ""))[1],
        )
        for player in candidates
    ]
    shirts_taken = {
        (team_id, shirt): f"{given} {surnames}".strip()
        for team_id, shirt, given, surnames in RosterEntry.objects.filter(
            team__category=category, shirt_number__isnull=False
        ).values_list("team_id", "shirt_number", "player__given_names", "player__surnames")
    }
    return Context(teams=teams, players=players, shirts_taken=shirts_taken)


def check_rows(rows: list[RowData], *, category: Category, create_teams: bool = False) -> list[RowCheck]:
    """Each row with its problems (translated messages); an empty list of problems means the row can be written.

    With `create_teams`, a team the category does not have yet is not a problem: the import registers it."""
    return check_rows_against(rows, context=load_context(category, rows), category=category, create_teams=create_teams)


def check_rows_against(
    rows: list[RowData], *, context: Context, category: Category, create_teams: bool = False
) -> list[RowCheck]:
    """The check itself, over plain data: `category` is only read for its name and birth range."""
    labels = {
        "team": _("team"),
        "given_names": _("given names"),
        "surnames": _("surnames"),
        "birth_date": _("birth date"),
    }
    by_document = {player.document_number: player for player in context.players if player.document_number}
    seen_people: dict[tuple[str, datetime.date], int] = {}
    seen_documents: dict[str, int] = {}
    seen_shirts: dict[tuple[int | str, int], int] = {}
    new_teams: dict[str, str] = {}  # name_key -> the name as first written
    checks = []
    for row in rows:
        check = RowCheck(row=row)
        checks.append(check)
        for column in REQUIRED:
            if not getattr(row, column).strip():
                check.problems.append(_("The %(field)s is missing.") % {"field": labels[column]})

        for column, limit in (("given_names", 100), ("surnames", 100), ("document_number", 20)):
            if len(getattr(row, column).strip()) > limit:
                check.problems.append(
                    _("The %(field)s is too long (more than %(limit)d characters).")
                    % {"field": labels.get(column, _("document number")), "limit": limit}
                )

        if row.team.strip():
            team = context.teams.get(name_key(row.team))
            if team is None and create_teams and len(" ".join(row.team.split())) <= 120:
                check.new_team = new_teams.setdefault(name_key(row.team), " ".join(row.team.split()))
                check.notes.append(_("New team: %(team)s will be registered in %(category)s.")
                                   % {"team": check.new_team, "category": category.name})
            elif team is None and create_teams:
                check.problems.append(_("The team name is too long (more than 120 characters)."))
            elif team is None:
                check.problems.append(
                    _("There is no team “%(team)s” in %(category)s.") % {"team": row.team, "category": category.name}
                )
            else:
                check.team_id = team[0]

        if row.birth_date.strip():
            check.birth_date = parse_date(row.birth_date)
            if check.birth_date is None:
                check.problems.append(
                    _("“%(value)s” is not a date; write it as 2015-03-14 or 14/03/2015.") % {"value": row.birth_date}
                )
            elif not category.admits_birth_date(check.birth_date):
                check.problems.append(
                    _("Born on %(date)s, outside the birth range of %(category)s (%(start)s to %(end)s).")
                    % {
                        "date": check.birth_date.isoformat(),
                        "category": category.name,
                        "start": category.born_from.isoformat() if category.born_from else "…",
                        "end": category.born_until.isoformat() if category.born_until else "…",
                    }
                )

        if row.shirt_number.strip():
            shirt = row.shirt_number.strip()
            if not _WHOLE_NUMBER.fullmatch(shirt) or not 1 <= int(shirt) <= 99:
                check.problems.append(_("The shirt number “%(value)s” must be a number from 1 to 99.") % {"value": shirt})
            else:
                check.shirt_number = int(shirt)

        document = row.document_number.strip()
        key = name_key(f"{row.given_names} {row.surnames}")
        # The same person twice in the file: by names and birth date, or by document number.
        if key and check.birth_date:
            first = seen_people.setdefault((key, check.birth_date), row.line)
            if first != row.line:
                check.problems.append(_("The same person as line %(line)d of the file.") % {"line": first})
        if document:
            first = seen_documents.setdefault(document, row.line)
            if first != row.line:
                check.problems.append(
                    _("The document number %(document)s is also on line %(line)d of the file.")
                    % {"document": document, "line": first}
                )

        existing = None
        if key and check.birth_date:
            namesakes = [p for p in context.players if p.key == key and p.birth_date == check.birth_date]
            exact = [p for p in namesakes if p.document_number == document]
            if exact:
                existing = exact[0]
                check.reuse_player_id = existing.id
                check.notes.append(_("Already registered as %(player)s (no. %(id)d): that player will be reused.")
                                   % {"player": existing.name, "id": existing.id})
            elif namesakes:
                other = namesakes[0]
                check.problems.append(
                    _("Same names and birth date as %(player)s (no. %(id)d, document %(document)s), already "
                      "registered: if it is the same person, write that document number in the row so the player "
                      "is reused; otherwise correct the names or the date.")
                    % {"player": other.name, "id": other.id, "document": other.document_number or _("none")}
                )
        if document and existing is None and document in by_document:
            owner = by_document[document]
            check.problems.append(
                _("The document number %(document)s already belongs to %(player)s (no. %(id)d), born on %(date)s.")
                % {"document": document, "player": owner.name, "id": owner.id,
                   "date": owner.birth_date.isoformat() if owner.birth_date else "…"}
            )
        if existing is not None and existing.team_id is not None:
            if existing.team_id == check.team_id:
                check.problems.append(_("%(player)s is already on this team's roster.") % {"player": existing.name})
            else:
                check.problems.append(
                    _("%(player)s already plays for %(team)s in this championship.")
                    % {"player": existing.name, "team": existing.team_name}
                )

        team_key = check.team_id if check.team_id is not None else (name_key(check.new_team) or None)
        if team_key is not None and check.shirt_number is not None:
            spot = (team_key, check.shirt_number)
            if spot in context.shirts_taken:
                check.problems.append(
                    _("Shirt number %(number)d is already worn by %(player)s in this team.")
                    % {"number": check.shirt_number, "player": context.shirts_taken[spot]}
                )
            else:
                first = seen_shirts.setdefault(spot, row.line)
                if first != row.line:
                    check.problems.append(
                        _("Shirt number %(number)d is also given on line %(line)d of the file.")
                        % {"number": check.shirt_number, "line": first}
                    )
    return checks


# --- writing -------------------------------------------------------------------------------------------


class RosterImportNotClean(ValidationError):
    pass


@dataclass(frozen=True)
class ImportResult:
    players_created: int
    players_reused: int
    entries_created: int
    teams_created: int = 0


@transaction.atomic
def roster_import_apply(
    *, category: Category, rows: list[RowData], user, create_teams: bool = False
) -> ImportResult:
    """Write the players and roster entries of a clean file; refuse the whole file if any row has a problem.

    With `create_teams`, the teams the file names and the category lacks are registered first (each with a club of
    its name, found or created)."""
    organizer = Organizer.objects.for_user(user).filter(pk=category.championship.organizer_id).first()
    if organizer is None:
        raise PermissionDenied(_("Only the office that runs this championship can import its rosters."))
    # Lock the category so that two imports into it cannot both pass the check and then collide.
    category = Category.objects.select_for_update().select_related("championship").get(pk=category.pk)
    checks = check_rows(rows, category=category, create_teams=create_teams)
    if not rows:
        raise RosterImportNotClean(_("The file has no players."))
    if any(check.problems for check in checks):
        raise RosterImportNotClean(_("Some rows have problems; nothing was imported."))
    gender = category.gender if category.gender != Gender.MIXED else ""
    teams = Team.objects.in_bulk([check.team_id for check in checks if check.team_id])
    for name in dict.fromkeys(check.new_team for check in checks if check.new_team):
        club, _created = Club.objects.get_or_create(organizer=organizer, name=name)
        team = Team.objects.create(category=category, club=club, name=name)
        for check in checks:
            if check.new_team == name:
                check.team_id = team.pk
        teams[team.pk] = team
    reused = Player.objects.in_bulk([check.reuse_player_id for check in checks if check.reuse_player_id])
    created = 0
    for check in checks:
        player = reused.get(check.reuse_player_id)
        if player is None:
            player = Player.objects.create(
                organizer=organizer,
                given_names=" ".join(check.row.given_names.split()),
                surnames=" ".join(check.row.surnames.split()),
                birth_date=check.birth_date,
                document_number=check.row.document_number.strip(),
                gender=gender,
            )
            created += 1
        roster_add(team=teams[check.team_id], player=player, shirt_number=check.shirt_number)
    return ImportResult(
        players_created=created,
        players_reused=len(checks) - created,
        entries_created=len(checks),
        teams_created=len({check.new_team for check in checks if check.new_team}),
    )
