"""The CSV interchange contract: offices move results, cards and point adjustments in from spreadsheets.

Each import reads and validates the whole file before writing anything, then writes inside one
transaction, so a bad file leaves the database exactly as it was. Errors name the file, the line and
the column (or the command-line option) so that an office can fix the spreadsheet without help.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from fairplay.models import Card, Colour, Recipient
from leagues.cache import public_pages_changed
from leagues.models import (
    Barra,
    Category,
    Championship,
    Club,
    Coach,
    Match,
    Organizer,
    Player,
    PointAdjustment,
    RosterEntry,
    Team,
)

DEFAULT_ORGANIZER_NAME = "Oficina de deportes"
DEFAULT_ORGANIZER_SLUG = "oficina-de-deportes"

MATCH_COLUMNS = ("date", "round", "home", "away", "home_goals", "away_goals")
CARD_COLUMNS = ("match_home", "match_away", "team", "player", "minute", "card")
# `round` is not in the contract's list: it only picks one match when the same ordered pair meets in
# several rounds, which the contract otherwise reports as an error.
CARD_OPTIONAL_COLUMNS = ("recipient", "round")
ADJUSTMENT_COLUMNS = ("team", "points", "reason")
STANDINGS_COLUMNS = (
    "position",
    "team",
    "played",
    "won",
    "drawn",
    "lost",
    "goals_for",
    "goals_against",
    "goal_difference",
    "points",
    "fair_play_points",
)

# Database limits, checked here so that a long cell is a clear error and not a database exception.
SMALL_INT_MAX = 32767
CARD_MINUTE_MAX = 150
CARD_ADDED_TIME_MAX = 30

_WHOLE_NUMBER = re.compile(r"\d+")
_SIGNED_NUMBER = re.compile(r"[+-]?\d+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MINUTE = re.compile(r"(\d+)(?:\s*\+\s*(\d+))?")
_INTEGER_IN_LABEL = re.compile(r"\d+")


def _number(digits: str) -> int:
    # int() refuses runs of more than 4,300 digits (ValueError); such a number is above every limit here anyway.
    try:
        return int(digits)
    except ValueError:
        return SMALL_INT_MAX + 1


class InterchangeError(Exception):
    """One problem in an imported file, located by file, line and column (or command-line option)."""

    def __init__(
        self, file: str, message: str, *, line: int | None = None, column: str | None = None, option: str | None = None
    ):
        self.file = file
        self.message = message
        self.line = line
        self.column = column
        self.option = option
        super().__init__(str(self))

    def __str__(self) -> str:
        values = {"file": self.file, "line": self.line, "column": self.column, "option": self.option,
                  "message": self.message}
        if self.option:
            return _("%(file)s, option %(option)s: %(message)s") % values
        if self.line is not None and self.column:
            return _("%(file)s, line %(line)d, column %(column)s: %(message)s") % values
        if self.line is not None:
            return _("%(file)s, line %(line)d: %(message)s") % values
        return _("%(file)s: %(message)s") % values


# --- reading -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvRow:
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass(frozen=True)
class CsvFile:
    name: str
    rows: list[CsvRow]
    columns: tuple[str, ...]

    def error(self, message: str, *, row: CsvRow | None = None, column: str | None = None) -> InterchangeError:
        return InterchangeError(self.name, message, line=row.line if row else None, column=column)

    def option_error(self, option: str, message: str) -> InterchangeError:
        return InterchangeError(self.name, message, option=option)


def read_csv(path: str | Path, *, required: Sequence[str], optional: Sequence[str] = ()) -> CsvFile:
    """Read a UTF-8 CSV file (a BOM is accepted) whose first line names the columns.

    Column names are compared without case or surrounding spaces and may come in any order; unknown
    columns are ignored and blank lines skipped. A header separated by semicolons (what spreadsheets
    in Spanish locales save) switches the delimiter to ";".
    """
    path = Path(path)
    name = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InterchangeError(name, _("the file does not exist.")) from None
    except OSError as error:
        raise InterchangeError(name, _("the file cannot be read (%(reason)s).") % {"reason": error.strerror}) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise InterchangeError(
            name,
            _('the file is not UTF-8 text (byte 0x%(byte)02x cannot be read); save it again as "CSV UTF-8".')
            % {"byte": raw[error.start]},
            line=line,
        ) from None

    first_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    expected = ", ".join((*required, *optional))
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise InterchangeError(
                name, _("the file is empty; its first line must name the columns %(columns)s.") % {"columns": expected},
                line=1,
            )
        names = [cell.strip().lower() for cell in header]
        index: dict[str, int] = {}
        for position, column in enumerate(names):
            if column in (*required, *optional):
                if column in index:
                    raise InterchangeError(
                        name, _("this column appears twice in the first line."), line=1, column=column
                    )
                index[column] = position
        for column in required:
            if column not in index:
                raise InterchangeError(
                    name,
                    _("the column is missing; the first line must name the columns %(columns)s.")
                    % {"columns": expected},
                    line=1,
                    column=column,
                )
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            values = {
                column: cells[position].strip() if position < len(cells) else "" for column, position in index.items()
            }
            if any("\x00" in value for value in values.values()):
                # No database takes the character (PostgreSQL refuses it), and no name, score or date holds it.
                raise InterchangeError(
                    name, _("the line holds a NUL character, which no cell can hold."), line=reader.line_num
                )
            rows.append(CsvRow(line=reader.line_num, values=values))
    except csv.Error as error:
        raise InterchangeError(
            name, _("the line is not valid CSV (%(reason)s).") % {"reason": error}, line=reader.line_num
        ) from None
    return CsvFile(name=name, rows=rows, columns=tuple(index))


# --- names ---------------------------------------------------------------------------------------------


def name_key(text: str) -> str:
    """How names are compared: without case, accents or repeated spaces ("José  Pérez" = "jose perez")."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


T = TypeVar("T")


class NameIndexAmbiguous(Exception):
    pass


class NameIndex(Generic[T]):
    """Finds an object by its name: the exact spelling first, then the same name without case or accents."""

    def __init__(self, items: Iterable[T], name: Callable[[T], str]):
        self.name = name
        self.exact: dict[str, list[T]] = {}
        self.loose: dict[str, list[T]] = {}
        for item in items:
            self.add(item)

    def add(self, item: T) -> None:
        text = self.name(item)
        self.exact.setdefault(text.strip(), []).append(item)
        self.loose.setdefault(name_key(text), []).append(item)

    def find(self, text: str) -> T | None:
        for found in (self.exact.get(text.strip()), self.loose.get(name_key(text))):
            if found:
                if len(found) > 1:
                    raise NameIndexAmbiguous
                return found[0]
        return None


def _split_name(full_name: str) -> tuple[str, str]:
    # The contract's rule: the first word is the given name, the rest the surnames.
    words = full_name.split()
    return words[0], " ".join(words[1:])


def _person_name(person: Player | Coach) -> str:
    return f"{person.given_names} {person.surnames}"


# --- shared look-ups -----------------------------------------------------------------------------------


def _championship(file: CsvFile, slug: str) -> Championship:
    championship = Championship.objects.select_related("organizer").filter(slug=slug).first()
    if championship is None:
        raise file.option_error(
            "--championship", _('there is no championship with the slug "%(slug)s".') % {"slug": slug}
        )
    return championship


def _category(file: CsvFile, championship: Championship, name: str, *, create_hint: bool = False) -> Category:
    categories = NameIndex(Category.objects.filter(championship=championship), lambda c: c.name)
    try:
        category = categories.find(name)
    except NameIndexAmbiguous:
        raise file.option_error(
            "--category",
            _('"%(name)s" matches several categories of "%(championship)s"; write the name exactly.')
            % {"name": name, "championship": championship.slug},
        ) from None
    if category is None:
        message = (
            _('championship "%(championship)s" has no category named "%(name)s" (add --create to create it).')
            if create_hint
            else _('championship "%(championship)s" has no category named "%(name)s".')
        )
        raise file.option_error("--category", message % {"championship": championship.slug, "name": name})
    category.championship = championship
    return category


def _find_team(file: CsvFile, teams: NameIndex[Team], row: CsvRow, column: str, category: Category) -> Team:
    value = row[column]
    if not value:
        raise file.error(_("the team's name is required."), row=row, column=column)
    try:
        team = teams.find(value)
    except NameIndexAmbiguous:
        raise file.error(
            _('"%(name)s" matches several teams of category "%(category)s"; write the name exactly.')
            % {"name": value, "category": category.name},
            row=row,
            column=column,
        ) from None
    if team is None:
        raise file.error(
            _('there is no team "%(name)s" in category "%(category)s".') % {"name": value, "category": category.name},
            row=row,
            column=column,
        )
    return team


# --- results -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchesSummary:
    file: str
    created: int
    updated: int
    unchanged: int
    teams_created: int = 0

    def __str__(self) -> str:
        values = {
            "file": self.file,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "teams": self.teams_created,
        }
        if self.teams_created:
            return _(
                "%(file)s: matches created: %(created)d, updated: %(updated)d, unchanged: %(unchanged)d; "
                "teams created: %(teams)d."
            ) % values
        return _("%(file)s: matches created: %(created)d, updated: %(updated)d, unchanged: %(unchanged)d.") % values


@dataclass(frozen=True)
class _MatchLine:
    row: CsvRow
    date: datetime.date | None
    round: int
    round_label: str
    home: str
    away: str
    home_goals: int | None
    away_goals: int | None


def _parse_date(file: CsvFile, row: CsvRow, column: str) -> datetime.date | None:
    value = row[column]
    if not value:
        return None
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise file.error(
            _('"%(value)s" is not a valid date (write it as YYYY-MM-DD, for example 2026-03-14).') % {"value": value},
            row=row,
            column=column,
        ) from None


def _parse_round(file: CsvFile, row: CsvRow) -> tuple[int, str]:
    value = row["round"]
    numbers = _INTEGER_IN_LABEL.findall(value)
    if not numbers:
        raise file.error(
            _('"%(value)s" is not a valid round (a number, or a name with the number last, like "Matchday 17").')
            % {"value": value},
            row=row,
            column="round",
        )
    number = _number(numbers[-1])
    if number > SMALL_INT_MAX:
        raise file.error(
            _('"%(value)s" is not a valid round (the number is too large).') % {"value": value}, row=row, column="round"
        )
    max_label = Match._meta.get_field("round_label").max_length
    if len(value) > max_label:
        raise file.error(
            _("the round's name is longer than %(max)d characters.") % {"max": max_label}, row=row, column="round"
        )
    # A bare number needs no label: pages show "Round N" for it.
    label = "" if _WHOLE_NUMBER.fullmatch(value) else value
    return number, label


def _parse_score(file: CsvFile, row: CsvRow, column: str) -> int | None:
    value = row[column]
    if not value:
        return None
    if not _WHOLE_NUMBER.fullmatch(value) or _number(value) > SMALL_INT_MAX:
        raise file.error(
            _('"%(value)s" is not a valid score (a whole number 0 or more).') % {"value": value}, row=row, column=column
        )
    return int(value)


def _parse_match_lines(file: CsvFile) -> list[_MatchLine]:
    lines: list[_MatchLine] = []
    seen: dict[tuple[int, str, str], int] = {}
    team_max = Team._meta.get_field("name").max_length
    for row in file.rows:
        date = _parse_date(file, row, "date")
        round_number, round_label = _parse_round(file, row)
        for column in ("home", "away"):
            if not row[column]:
                raise file.error(_("the team's name is required."), row=row, column=column)
            if len(row[column]) > team_max:
                raise file.error(
                    _("a team's name is at most %(max)d characters long.") % {"max": team_max}, row=row, column=column
                )
        if name_key(row["home"]) == name_key(row["away"]):
            raise file.error(
                _('"%(name)s" cannot play against itself.') % {"name": row["away"]}, row=row, column="away"
            )
        home_goals = _parse_score(file, row, "home_goals")
        away_goals = _parse_score(file, row, "away_goals")
        if (home_goals is None) != (away_goals is None):
            blank, filled = ("home_goals", "away_goals") if home_goals is None else ("away_goals", "home_goals")
            raise file.error(
                _("the score is blank here but %(other)s is filled; fill both, or leave both blank for a match "
                  "not played yet.") % {"other": filled},
                row=row,
                column=blank,
            )
        identity = (round_number, name_key(row["home"]), name_key(row["away"]))
        if identity in seen:
            raise file.error(
                _("%(home)s against %(away)s in round %(round)d is already on line %(line)d; each match goes on one "
                  "line.") % {"home": row["home"], "away": row["away"], "round": round_number, "line": seen[identity]},
                row=row,
                column="round",
            )
        seen[identity] = row.line
        lines.append(
            _MatchLine(row, date, round_number, round_label, row["home"], row["away"], home_goals, away_goals)
        )
    return lines


def _championship_name(slug: str) -> str:
    return " ".join(word.capitalize() for word in re.split(r"[-_]+", slug) if word)


def _organizer_get_or_create(name: str) -> Organizer:
    organizer = Organizer.objects.filter(name=name).first()
    if organizer is not None:
        return organizer
    base = DEFAULT_ORGANIZER_SLUG if name == DEFAULT_ORGANIZER_NAME else (slugify(name)[:140] or "organizer")
    slug, n = base, 1
    while Organizer.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Organizer.objects.create(name=name, slug=slug)


def _category_create(championship: Championship, name: str) -> Category:
    base = slugify(name)[:50] or "category"
    slug, n = base, 1
    while Category.objects.filter(championship=championship, slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Category.objects.create(championship=championship, name=name, slug=slug)


def _existing_target(
    file: CsvFile, *, slug: str, category_name: str, create: bool, rules: str | None, organizer_name: str | None
) -> tuple[Championship | None, Category | None]:
    """The championship and category the file goes to, or None for what --create will make."""
    if not create and (rules is not None or organizer_name is not None):
        raise file.option_error(
            "--rules" if rules is not None else "--organizer",
            _("this option only applies with --create, when the championship is made."),
        )
    championship = Championship.objects.select_related("organizer").filter(slug=slug).first()
    category = None
    if championship is None and not create:
        raise file.option_error(
            "--championship",
            _('there is no championship with the slug "%(slug)s" (add --create to create it).') % {"slug": slug},
        )
    if championship is None:
        try:
            validate_slug(slug)
            if len(slug) > Championship._meta.get_field("slug").max_length:
                raise ValidationError("too long")
        except ValidationError:
            raise file.option_error(
                "--championship",
                _('"%(slug)s" is not a valid slug (up to 150 letters, numbers, hyphens and underscores).')
                % {"slug": slug},
            ) from None
    else:
        if organizer_name is not None and championship.organizer.name != organizer_name:
            raise file.option_error(
                "--organizer",
                _('championship "%(slug)s" belongs to "%(organizer)s", not to "%(name)s".')
                % {"slug": slug, "organizer": championship.organizer.name, "name": organizer_name},
            )
        if rules is not None and championship.preset != rules:
            raise file.option_error(
                "--rules",
                _('championship "%(slug)s" already exists with the rules "%(preset)s"; change them on its page.')
                % {"slug": slug, "preset": championship.preset},
            )
        if create and not _category_exists(championship, category_name):
            category = None
        else:
            category = _category(file, championship, category_name, create_hint=True)
    max_length = Category._meta.get_field("name").max_length
    if category is None and (not category_name.strip() or len(category_name) > max_length):
        raise file.option_error("--category", _("a category's name has 1 to %(max)d characters.") % {"max": max_length})
    return championship, category


def _category_exists(championship: Championship, name: str) -> bool:
    # Ambiguous spellings count as existing, so that _category reports them instead of adding a third.
    return name_key(name) in NameIndex(Category.objects.filter(championship=championship), lambda c: c.name).loose


def _missing_teams(file: CsvFile, lines: list[_MatchLine], teams: NameIndex[Team], *, category_name: str, create: bool):
    """Names of the teams to create (first spelling seen), after checking every home and away cell."""
    missing: dict[str, str] = {}
    for line in lines:
        for column in ("home", "away"):
            name = getattr(line, column)
            try:
                found = teams.find(name)
            except NameIndexAmbiguous:
                raise file.error(
                    _('"%(name)s" matches several teams of category "%(category)s"; write the name exactly.')
                    % {"name": name, "category": category_name},
                    row=line.row,
                    column=column,
                ) from None
            if found is None:
                if not create:
                    raise file.error(
                        _('there is no team "%(name)s" in category "%(category)s" (add --create to create it).')
                        % {"name": name, "category": category_name},
                        row=line.row,
                        column=column,
                    )
                missing.setdefault(name_key(name), name)
    return list(missing.values())


def _teams_create(category: Category, names: list[str], teams: NameIndex[Team]) -> None:
    """Each new team gets a club of the same name under the organizer, reused when it already exists."""
    organizer = category.championship.organizer
    clubs = NameIndex(Club.objects.filter(organizer=organizer), lambda c: c.name)
    new_clubs = [Club(organizer=organizer, name=name) for name in names if name not in clubs.exact]
    for club in Club.objects.bulk_create(new_clubs):
        clubs.add(club)
    new_teams = [Team(category=category, club=clubs.exact[name][0], name=name) for name in names]
    for team in Team.objects.bulk_create(new_teams):
        teams.add(team)


_MATCH_FIELDS = ("round_label", "date", "status", "home_goals", "away_goals", "walkover_winner_id")


@transaction.atomic
def matches_import(
    *,
    path: str | Path,
    championship_slug: str,
    category_name: str,
    create: bool = False,
    rules: str | None = None,
    organizer_name: str | None = None,
) -> MatchesSummary:
    """Create or update the matches of one category from a results file (see the module's contract).

    A match is identified by (category, round, home, away). A score in the file makes the match played
    with that score; a blank score or date never erases one already recorded (the file may be a fixture
    list made before the results came in).
    """
    public_pages_changed()  # the bulk writes below send no signals (leagues/cache.py)
    file = read_csv(path, required=MATCH_COLUMNS)
    lines = _parse_match_lines(file)
    if rules is not None and rules not in Championship.Preset.values:
        raise file.option_error(
            "--rules",
            _('"%(rules)s" is not a rules preset (%(choices)s).')
            % {"rules": rules, "choices": ", ".join(Championship.Preset.values)},
        )
    championship, category = _existing_target(
        file, slug=championship_slug, category_name=category_name, create=create, rules=rules,
        organizer_name=organizer_name,
    )
    teams = NameIndex(Team.objects.filter(category=category) if category else [], lambda t: t.name)
    missing = _missing_teams(file, lines, teams, category_name=category_name, create=create)

    # Everything is valid: from here on the file is written.
    if championship is None:
        dates = [line.date for line in lines if line.date]
        championship = Championship.objects.create(
            organizer=_organizer_get_or_create(organizer_name or DEFAULT_ORGANIZER_NAME),
            slug=championship_slug,
            name=_championship_name(championship_slug)[:150],
            season=str(min(dates).year if dates else datetime.date.today().year),
            status=Championship.Status.IN_PROGRESS,
            preset=rules or Championship.Preset.YOUTH,
        )
    if category is None:
        category = _category_create(championship, category_name.strip())
    if missing:
        _teams_create(category, missing, teams)

    existing = {(m.round, m.home_id, m.away_id): m for m in Match.objects.filter(category=category)}
    to_create: list[Match] = []
    to_update: list[Match] = []
    for line in lines:
        home, away = teams.find(line.home), teams.find(line.away)
        match = existing.get((line.round, home.pk, away.pk))
        if match is None:
            match = Match(category=category, round=line.round, home=home, away=away)
            to_create.append(match)
        before = [getattr(match, name) for name in _MATCH_FIELDS]
        match.round_label = line.round_label
        if line.date is not None:
            match.date = line.date
        if line.home_goals is not None:
            match.status = Match.Status.PLAYED
            match.home_goals, match.away_goals = line.home_goals, line.away_goals
            match.walkover_winner = None
        if match.pk is not None and [getattr(match, name) for name in _MATCH_FIELDS] != before:
            to_update.append(match)
    Match.objects.bulk_create(to_create)
    if to_update:
        Match.objects.bulk_update(to_update, [name.removesuffix("_id") for name in _MATCH_FIELDS])
    unchanged = len(lines) - len(to_create) - len(to_update)
    return MatchesSummary(file.name, len(to_create), len(to_update), unchanged, teams_created=len(missing))


# --- cards ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddedSummary:
    """What an append-only import (cards, adjustments) did."""

    file: str
    kind: str
    added: int
    present: int
    people_created: int = 0

    def __str__(self) -> str:
        values = {"file": self.file, "added": self.added, "present": self.present, "people": self.people_created}
        if self.kind == "cards":
            if self.people_created:
                return _(
                    "%(file)s: cards added: %(added)d, already recorded: %(present)d; people created: %(people)d."
                ) % values
            return _("%(file)s: cards added: %(added)d, already recorded: %(present)d.") % values
        return _("%(file)s: adjustments added: %(added)d, already recorded: %(present)d.") % values


def _parse_minute(file: CsvFile, row: CsvRow) -> tuple[int, int]:
    value = row["minute"]
    found = _MINUTE.fullmatch(value)
    if found is None:
        raise file.error(
            _('"%(value)s" is not a valid minute (like 64, or 90+4 for added time).') % {"value": value},
            row=row,
            column="minute",
        )
    minute, added = _number(found[1]), _number(found[2] or "0")
    if minute > CARD_MINUTE_MAX or added > CARD_ADDED_TIME_MAX:
        raise file.error(
            _('"%(value)s" is out of range (minute up to %(minute)d, added time up to %(added)d).')
            % {"value": value, "minute": CARD_MINUTE_MAX, "added": CARD_ADDED_TIME_MAX},
            row=row,
            column="minute",
        )
    return minute, added


def _parse_choice(file: CsvFile, row: CsvRow, column: str, choices: Sequence[str], default: str | None = None) -> str:
    value = row[column]
    if not value and default is not None:
        return default
    normalised = re.sub(r"[\s-]+", "_", value.strip().lower())
    if normalised not in choices:
        raise file.error(
            _('"%(value)s" is not one of %(choices)s.') % {"value": value, "choices": ", ".join(choices)},
            row=row,
            column=column,
        )
    return normalised


@dataclass
class _CardLine:
    row: CsvRow
    match: Match
    team: Team
    recipient: str
    minute: int
    added_time: int
    colour: str
    person: Player | Coach | None = None


def _card_match(file: CsvFile, row: CsvRow, teams: NameIndex[Team], matches, category: Category) -> Match:
    home = _find_team(file, teams, row, "match_home", category)
    away = _find_team(file, teams, row, "match_away", category)
    candidates = matches.get((home.pk, away.pk), [])
    if row["round"]:
        numbers = _INTEGER_IN_LABEL.findall(row["round"])
        if not numbers:
            raise file.error(_('"%(value)s" is not a valid round.') % {"value": row["round"]}, row=row, column="round")
        candidates = [match for match in candidates if match.round == _number(numbers[-1])]
    values = {"home": home.name, "away": away.name, "rounds": ", ".join(str(m.round) for m in candidates)}
    if not candidates:
        raise file.error(_("%(home)s did not host %(away)s in this category.") % values, row=row, column="match_home")
    if len(candidates) > 1:
        raise file.error(
            _("%(home)s hosted %(away)s in several rounds (%(rounds)s); add a round column to name the match.")
            % values,
            row=row,
            column="match_home",
        )
    return candidates[0]


def _parse_card_line(file: CsvFile, row: CsvRow, teams: NameIndex[Team], matches, category: Category) -> _CardLine:
    match = _card_match(file, row, teams, matches, category)
    by_key = {name_key(match.home.name): match.home, name_key(match.away.name): match.away}
    team = by_key.get(name_key(row["team"]))
    if team is None:
        raise file.error(
            _('"%(value)s" did not play in this match (%(home)s against %(away)s).')
            % {"value": row["team"], "home": match.home.name, "away": match.away.name},
            row=row,
            column="team",
        )
    minute, added_time = _parse_minute(file, row)
    colour = _parse_choice(file, row, "card", Colour.values)
    recipient = _parse_choice(file, row, "recipient", Recipient.values, default=Recipient.PLAYER)
    if recipient == Recipient.BARRA and colour != Colour.BLUE:
        raise file.error(
            _('a barra can only receive a blue card, not "%(colour)s".') % {"colour": row["card"]},
            row=row,
            column="card",
        )
    if recipient == Recipient.PLAYER and not row["player"]:
        raise file.error(_("the player's name is required for a player's card."), row=row, column="player")
    return _CardLine(row, match, team, recipient, minute, added_time, colour)


@dataclass
class _CardPeople:
    """Who can receive the cards of a file, and who --create adds (once each, keyed by team and name)."""

    players: dict[int, NameIndex[Player]]
    coaches: dict[int, NameIndex[Coach]]
    barras: set[int]
    new_players: dict[tuple[int, str], Player]
    new_coaches: dict[tuple[int, str], Coach]
    new_barras: dict[int, Barra]

    @classmethod
    def load(cls, team_ids: set[int]) -> _CardPeople:
        players = {team_id: NameIndex([], _person_name) for team_id in team_ids}
        for entry in RosterEntry.objects.filter(team__in=team_ids).select_related("player"):
            players[entry.team_id].add(entry.player)
        coaches = {team_id: NameIndex([], _person_name) for team_id in team_ids}
        for link in Coach.teams.through.objects.filter(team__in=team_ids).select_related("coach"):
            coaches[link.team_id].add(link.coach)
        barras = set(Barra.objects.filter(team__in=team_ids).values_list("team_id", flat=True))
        return cls(players, coaches, barras, {}, {}, {})

    def resolve(self, file: CsvFile, line: _CardLine, *, create: bool, organizer: Organizer) -> None:
        row, team, name = line.row, line.team, line.row["player"]
        if line.recipient == Recipient.BARRA:
            if team.pk not in self.barras:
                if not create:
                    raise file.error(
                        _("%(team)s has no barra registered (add --create to register one).") % {"team": team.name},
                        row=row,
                        column="recipient",
                    )
                self.new_barras.setdefault(team.pk, Barra(team=team, name=f"Barra de {team.name}"[:120]))
            return
        if not name:  # a coach's card may name nobody
            return
        is_player = line.recipient == Recipient.PLAYER
        known, new, model = (
            (self.players, self.new_players, Player) if is_player else (self.coaches, self.new_coaches, Coach)
        )
        try:
            line.person = known[team.pk].find(name)
        except NameIndexAmbiguous:
            raise file.error(
                _('several people of %(team)s are called "%(name)s".') % {"team": team.name, "name": name},
                row=row,
                column="player",
            ) from None
        if line.person is not None:
            return
        if not create:
            message = (
                _('%(team)s has no player called "%(name)s" (add --create to add one).')
                if is_player
                else _('%(team)s has no coach called "%(name)s" (add --create to add one).')
            )
            raise file.error(message % {"team": team.name, "name": name}, row=row, column="player")
        key = (team.pk, name_key(name))
        if key not in new:
            given_names, surnames = _split_name(name)
            if len(given_names) > model._meta.get_field("given_names").max_length or len(
                surnames
            ) > model._meta.get_field("surnames").max_length:
                raise file.error(_("the name is too long."), row=row, column="player")
            new[key] = model(organizer=organizer, given_names=given_names, surnames=surnames)
        line.person = new[key]

    def create(self, championship: Championship) -> int:
        Player.objects.bulk_create(self.new_players.values())
        RosterEntry.objects.bulk_create(
            RosterEntry(team_id=team_id, player=player, championship=championship)
            for (team_id, _name), player in self.new_players.items()
        )
        Coach.objects.bulk_create(self.new_coaches.values())
        Coach.teams.through.objects.bulk_create(
            Coach.teams.through(team_id=team_id, coach=coach) for (team_id, _name), coach in self.new_coaches.items()
        )
        Barra.objects.bulk_create(self.new_barras.values())
        return len(self.new_players) + len(self.new_coaches)


@transaction.atomic
def cards_import(*, path: str | Path, championship_slug: str, category_name: str, create: bool = False) -> AddedSummary:
    """Add the cards of a file to the matches of one category.

    Each card is identified by (match, team, recipient, person, minute, added time, colour); a file
    holding a card k times leaves k such cards, so importing it again adds nothing. With `create`,
    unknown players join the team's roster, unknown coaches its staff, and a missing barra is made.
    """
    public_pages_changed()  # the bulk writes below send no signals (leagues/cache.py)
    file = read_csv(path, required=CARD_COLUMNS, optional=CARD_OPTIONAL_COLUMNS)
    championship = _championship(file, championship_slug)
    category = _category(file, championship, category_name)
    teams = NameIndex(Team.objects.filter(category=category), lambda t: t.name)
    matches: dict[tuple[int, int], list[Match]] = {}
    for match in Match.objects.filter(category=category).select_related("home", "away"):
        matches.setdefault((match.home_id, match.away_id), []).append(match)

    lines = [_parse_card_line(file, row, teams, matches, category) for row in file.rows]
    people = _CardPeople.load({line.team.pk for line in lines})
    for line in lines:
        people.resolve(file, line, create=create, organizer=championship.organizer)

    # Everything is valid: from here on the file is written.
    people_created = people.create(championship)
    present = Counter(
        Card.objects.filter(match__in={line.match.pk for line in lines}).values_list(
            "match_id", "team_id", "recipient", "player_id", "coach_id", "minute", "added_time", "colour"
        )
    )
    in_file: Counter = Counter()
    cards = []
    for line in lines:
        player = line.person if line.recipient == Recipient.PLAYER else None
        coach = line.person if line.recipient == Recipient.COACH else None
        card = Card(
            match=line.match, team=line.team, recipient=line.recipient, player=player, coach=coach,
            minute=line.minute, added_time=line.added_time, colour=line.colour,
        )
        key = (
            card.match_id, card.team_id, card.recipient, card.player_id, card.coach_id, card.minute, card.added_time,
            card.colour,
        )
        in_file[key] += 1
        if in_file[key] > present[key]:
            cards.append(card)
    Card.objects.bulk_create(cards)
    return AddedSummary(file.name, "cards", len(cards), len(lines) - len(cards), people_created=people_created)


# --- point adjustments ---------------------------------------------------------------------------------


@transaction.atomic
def adjustments_import(*, path: str | Path, championship_slug: str, category_name: str) -> AddedSummary:
    """Add the point adjustments of a file; identity is (team, points, reason), counted like cards."""
    public_pages_changed()  # the bulk writes below send no signals (leagues/cache.py)
    file = read_csv(path, required=ADJUSTMENT_COLUMNS)
    championship = _championship(file, championship_slug)
    category = _category(file, championship, category_name)
    teams = NameIndex(Team.objects.filter(category=category), lambda t: t.name)
    max_reason = PointAdjustment._meta.get_field("reason").max_length
    parsed = []
    for row in file.rows:
        team = _find_team(file, teams, row, "team", category)
        value = row["points"]
        if not _SIGNED_NUMBER.fullmatch(value) or _number(value) == 0 or abs(_number(value)) > SMALL_INT_MAX:
            raise file.error(
                _('"%(value)s" is not a valid adjustment (a whole number other than 0; negative deducts points).')
                % {"value": value},
                row=row,
                column="points",
            )
        reason = row["reason"]
        if not reason:
            raise file.error(_("the reason is required."), row=row, column="reason")
        if len(reason) > max_reason:
            raise file.error(
                _("the reason is longer than %(max)d characters.") % {"max": max_reason}, row=row, column="reason"
            )
        parsed.append((team, int(value), reason))

    present = Counter(
        PointAdjustment.objects.filter(team__category=category).values_list("team_id", "points", "reason")
    )
    in_file: Counter = Counter()
    adjustments = []
    for team, points, reason in parsed:
        key = (team.pk, points, reason)
        in_file[key] += 1
        if in_file[key] > present[key]:
            adjustments.append(PointAdjustment(team=team, points=points, reason=reason))
    PointAdjustment.objects.bulk_create(adjustments)
    return AddedSummary(file.name, "adjustments", len(adjustments), len(parsed) - len(adjustments))


# --- standings out -------------------------------------------------------------------------------------


def format_fair_play(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def standings_records(standings) -> list[list[str]]:
    """The standings as rows of text in STANDINGS_COLUMNS order (team by name)."""
    records = []
    for standing in standings:
        row = standing.row
        records.append(
            [
                str(row.position),
                standing.team.name,
                str(row.played),
                str(row.won),
                str(row.drawn),
                str(row.lost),
                str(row.goals_for),
                str(row.goals_against),
                str(row.goal_difference),
                str(row.points),
                format_fair_play(row.fair_play),
            ]
        )
    return records


def standings_csv(standings) -> str:
    """The contract's CSV: the fixed English header, then one line per team, best first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STANDINGS_COLUMNS)
    writer.writerows(standings_records(standings))
    return out.getvalue()


def standings_table(standings) -> str:
    """An aligned table for people: translated headings, numbers right-aligned, the team left-aligned."""
    headings = [
        _("Pos"), _("Team"), _("P"), _("W"), _("D"), _("L"), _("GF"), _("GA"), _("GD"), _("Pts"), _("FP"),
    ]
    records = standings_records(standings)
    widths = [max(len(cell) for cell in column) for column in zip(headings, *records)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(width) if i == 1 else cell.rjust(width) for i, (cell, width) in enumerate(zip(cells, widths))
        ).rstrip()

    return "\n".join([line(headings), "  ".join("-" * width for width in widths), *map(line, records)]) + "\n"
