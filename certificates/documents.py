"""The printed documents: Fair Play Manual booklets, match sheets (blank, or the submitted record), and the
notice-board tables (standings, Copa Fair Play).

Each document has a loader, the only code here that queries, which builds a frozen dataclass holding the final text
in the document's language (fixed words through gettext under `translation.override`), and a pure renderer that
draws that dataclass with reportlab and returns the PDF's bytes. The same dataclass always gives the same PDF.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.db.models import Prefetch
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from certificates import fonts
from fairplay import labels
from fairplay.manual import Block, manual_entries, manual_language, parse_body
from fairplay.models import Audience, BarraRating, BlueReason, Recipient
from leagues.models import Barra, Coach, RosterEntry
from referees.models import Assignment, MatchSheet, SheetEvent

Kind = SheetEvent.Kind
INK = colors.HexColor("#1f2937")
BLUE = colors.HexColor("#1d4ed8")
LIGHT = colors.HexColor("#e5edff")
GRID = colors.HexColor("#9ca3af")


def _date(value: datetime.date | None) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def _today() -> datetime.date:
    return timezone.localdate()


# --- Shared drawing helpers ---------------------------------------------------------------------------------------


def _styles(base: float = 10) -> dict[str, ParagraphStyle]:
    regular, bold, italic = fonts.register()
    body = ParagraphStyle("body", fontName=regular, fontSize=base, leading=base * 1.35, textColor=INK,
                          spaceAfter=base * 0.5)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=base * 0.8, leading=base * 1.05, spaceAfter=0),
        "cell": ParagraphStyle("cell", parent=body, fontSize=base * 0.9, leading=base * 1.1, spaceAfter=0),
        "cellbold": ParagraphStyle("cellbold", parent=body, fontName=bold, fontSize=base * 0.9, leading=base * 1.1,
                                   spaceAfter=0),
        "h1": ParagraphStyle("h1", parent=body, fontName=bold, fontSize=base * 2.2, leading=base * 2.7,
                             textColor=BLUE, spaceAfter=base),
        "section": ParagraphStyle("section", parent=body, fontName=bold, fontSize=base * 1.35, leading=base * 1.7,
                                  textColor=BLUE, spaceBefore=base * 0.8, spaceAfter=base * 0.5, keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=body, fontName=bold, fontSize=base * 1.1, leading=base * 1.4,
                             spaceBefore=base * 0.6, spaceAfter=base * 0.3, keepWithNext=1),
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=base * 2.8, leading=base * 3.4,
                                textColor=BLUE, alignment=TA_CENTER, spaceAfter=base * 1.5),
        "center": ParagraphStyle("center", parent=body, fontSize=base * 1.3, leading=base * 1.8, alignment=TA_CENTER),
        "italic": ParagraphStyle("italic", parent=body, fontName=italic),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _numbered_canvas(label: str, font: str, size: float, *, skip_first: bool):
    """A canvas class that writes `label` % {page, pages} at the foot of each page once the page count is known."""

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                if not (skip_first and self._pageNumber == 1):
                    width = self._pagesize[0]
                    self.setFont(font, size)
                    self.setFillColor(INK)
                    self.drawCentredString(width / 2, 8 * mm, label % {"page": self._pageNumber, "pages": total})
                super().showPage()
            super().save()

    return NumberedCanvas


def _grid_table(rows, widths, *, header_rows: int = 1, font_size: float = 9, padding: float = 3, row_heights=None,
                zebra: bool = False) -> Table:
    regular, bold, _italic = fonts.register()
    table = Table(rows, colWidths=widths, rowHeights=row_heights, repeatRows=header_rows)
    style = [
        ("FONT", (0, 0), (-1, -1), regular, font_size),
        ("FONT", (0, 0), (-1, header_rows - 1), bold, font_size),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), LIGHT),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
    ] if header_rows else [
        ("FONT", (0, 0), (-1, -1), regular, font_size),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
    ]
    if zebra:
        for index in range(header_rows + 1, len(rows), 2):
            style.append(("BACKGROUND", (0, index), (-1, index), colors.HexColor("#f3f4f6")))
    table.setStyle(TableStyle(style))
    return table


def _build(story, pagesize, *, margins=(15 * mm,) * 4, label: str = "", label_size: float = 8,
           skip_first: bool = False, title: str = "", language: str = "es") -> bytes:
    regular, _bold, _italic = fonts.register()
    buffer = io.BytesIO()
    top, right, bottom, left = margins
    doc = BaseDocTemplate(buffer, pagesize=pagesize, topMargin=top, rightMargin=right, bottomMargin=bottom,
                          leftMargin=left, title=title, lang=language, creator="Tarjeta Azul")
    frame = Frame(left, bottom, pagesize[0] - left - right, pagesize[1] - top - bottom, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_numbered_canvas(label, regular, label_size, skip_first=skip_first))
    return buffer.getvalue()


# --- The Fair Play Manual booklet ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BookletSection:
    number: int
    slug: str
    title: str
    blocks: tuple[Block, ...]
    # The generated rules of the scoring section for each category with rules of its own: (heading, blocks).
    parts: tuple[tuple[str, tuple[Block, ...]], ...] = ()


@dataclass(frozen=True)
class ManualBooklet:
    language: str  # "es" or "en"
    title: str
    audience: str  # an Audience value, "" for the whole manual
    audience_line: str  # "Extracto para: Entrenadores"
    championship: str  # "" for the example rules
    language_line: str  # "Español"
    printed_on: str  # "Impreso el 21 de noviembre de 2026"
    contents_title: str
    page_label: str  # "Página %(page)s de %(pages)s"
    sections: tuple[BookletSection, ...]

    @property
    def contents(self) -> tuple[str, ...]:
        """The entries of the table of contents, as printed."""
        return tuple(f"{s.number}. {s.title}" for s in self.sections)


def load_manual_booklet(*, audience: str | None = None, language: str | None = None, championship=None,
                        today: datetime.date | None = None) -> ManualBooklet:
    """The manual's sections for `audience` (all of them without one) in `language`, with the scoring rules of
    `championship` (the example youth scheme without one)."""
    language = manual_language(language)
    entries = manual_entries(audience=audience, language=language, championship=championship)
    sections = []
    for number, entry in enumerate(entries, start=1):
        blocks = parse_body(entry.body) + (parse_body(entry.rules) if entry.is_scoring else [])
        parts = tuple((heading, tuple(parse_body(rules))) for heading, rules in entry.rule_sets)
        sections.append(BookletSection(number, entry.slug, entry.title, tuple(blocks), parts))
    with translation.override(language):
        audience_line = (
            _("Excerpt for: %(audience)s") % {"audience": Audience(audience).label} if audience
            else _("The whole manual")
        )
        return ManualBooklet(
            language=language,
            title=_("Fair Play Manual"),
            audience=audience or "",
            audience_line=audience_line,
            championship=str(championship) if championship is not None else "",
            language_line=_("Spanish") if language == "es" else _("English"),
            printed_on=_("Printed on %(date)s") % {"date": _date(today or _today())},
            contents_title=_("Contents"),
            page_label=_("Page %(page)s of %(pages)s"),
            sections=tuple(sections),
        )


class _BookletTemplate(BaseDocTemplate):
    def afterFlowable(self, flowable):
        # Section titles feed the table of contents with the page they land on (multiBuild repeats until stable).
        if isinstance(flowable, Paragraph) and flowable.style.name == "section":
            key = getattr(flowable, "_bookmark", None) or f"section-{self.page}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=0, closed=True)
            self.notify("TOCEntry", (0, flowable.getPlainText(), self.page, key))


def _blocks(blocks, styles) -> list:
    story = []
    for block in blocks:
        if block.kind == "p":
            story.append(_p(block.text, styles["body"]))
        else:
            story.append(ListFlowable(
                [ListItem(_p(item, styles["body"]), leftIndent=12, value="•") for item in block.items],
                bulletType="bullet", start="•", leftIndent=12, bulletFontName=styles["body"].fontName,
            ))
    return story


def manual_booklet_pdf(booklet: ManualBooklet, size: str = "A5") -> bytes:
    """The booklet as a PDF: a title page, the contents with page numbers, the sections; every page after the
    title page numbered "Page N of M". `size` is "A5" (a folded booklet) or "A4"."""
    pagesize = A4 if str(size).upper() == "A4" else A5
    base = 11 if pagesize == A4 else 9.5
    styles = _styles(base)
    regular, bold, _italic = fonts.register()
    margin = 18 * mm if pagesize == A4 else 14 * mm
    buffer = io.BytesIO()
    doc = _BookletTemplate(buffer, pagesize=pagesize, leftMargin=margin, rightMargin=margin, topMargin=margin,
                           bottomMargin=margin, title=f"{booklet.title} · {booklet.audience_line}",
                           lang=booklet.language, creator="Tarjeta Azul")
    frame = Frame(margin, margin, pagesize[0] - 2 * margin, pagesize[1] - 2 * margin, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    story: list = [Spacer(1, pagesize[1] * 0.22), _p(booklet.title, styles["title"]),
                   _p(booklet.audience_line, styles["center"])]
    if booklet.championship:
        story.append(_p(booklet.championship, styles["center"]))
    story += [Spacer(1, base * 2), _p(booklet.language_line, styles["center"]),
              _p(booklet.printed_on, styles["center"]), PageBreak()]

    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = [ParagraphStyle("toc", fontName=regular, fontSize=base, leading=base * 1.6, textColor=INK)]
    story += [_p(booklet.contents_title, styles["h1"]), toc, PageBreak()]

    for section in booklet.sections:
        title = _p(f"{section.number}. {section.title}", styles["section"])
        title._bookmark = f"section-{section.number}"
        story.append(title)
        story += _blocks(section.blocks, styles)
        for heading, blocks in section.parts:
            story.append(_p(heading, styles["h3"]))
            story += _blocks(blocks, styles)
    doc.multiBuild(story, canvasmaker=_numbered_canvas(booklet.page_label, regular, base * 0.8, skip_first=True))
    return buffer.getvalue()


# --- The match sheet ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetPlayerLine:
    shirt: str
    name: str
    present: bool = False
    captain: bool = False


@dataclass(frozen=True)
class SheetSide:
    team: str
    players: tuple[SheetPlayerLine, ...]
    coaches: tuple[str, ...]
    barra: str
    # Filled only on the submitted sheet ("" on the blank one).
    goals: str = ""
    fouls: tuple[str, str] = ("", "")
    coach_present: str = ""
    ritual_before: str = ""
    ritual_after: str = ""
    barra_rating: str = ""
    barra_incidents: str = ""
    barra_notes: str = ""
    confirmation: str = ""


@dataclass(frozen=True)
class SheetEventLine:
    minute: str
    code: str  # the short code of the legend ("G", "AM", "AZ"...)
    kind: str
    team: str
    who: str
    reason: str
    note: str = ""


@dataclass(frozen=True)
class MatchSheetDoc:
    language: str
    blank: bool
    title: str
    subtitle: str  # organizer · championship
    category: str
    round: str
    date: str
    time: str
    venue: str
    referees: tuple[tuple[str, str], ...]  # (role, name)
    home: SheetSide
    away: SheetSide
    events: tuple[SheetEventLine, ...]
    blank_event_rows: int
    kind_legend: str
    recipient_legend: str
    reason_legend: tuple[str, ...]  # "1 · Helped an opponent"...
    status: str  # "" on the blank sheet
    version: str
    submitted: str
    incidents: str
    printed_on: str
    words: dict[str, str] = field(default_factory=dict)  # the fixed words of the layout, in `language`
    page_label: str = ""


def _kind_codes() -> dict[str, str]:
    return {
        Kind.GOAL: pgettext("match sheet code: goal", "G"),
        Kind.OWN_GOAL: pgettext("match sheet code: own goal", "OG"),
        Kind.YELLOW: pgettext("match sheet code: yellow card", "Y"),
        Kind.SECOND_YELLOW: pgettext("match sheet code: second yellow card", "2Y"),
        Kind.RED: pgettext("match sheet code: red card", "R"),
        Kind.BLUE: pgettext("match sheet code: blue card", "B"),
    }


def _recipient_codes() -> dict[str, str]:
    return {
        Recipient.PLAYER: pgettext("match sheet code: player", "P"),
        Recipient.COACH: pgettext("match sheet code: coach", "C"),
        Recipient.BARRA: pgettext("match sheet code: barra", "BA"),
    }


def _sheet_words() -> dict[str, str]:
    return {
        "home": pgettext("the home team", "Home"), "away": pgettext("the away team", "Away"), "category": _("Category"), "round": _("Round"), "date": _("Date"),
        "time": _("Kick-off"), "venue": _("Venue"), "referee": _("Referee"), "shirt": pgettext("shirt number", "No."),
        "player": _("Player"), "present": _("Present"), "captain": pgettext("captain, short", "Capt."),
        "coaches": _("Coaches"), "coach_present": _("Coach present"), "goals": _("Goals"),
        "events": _("Goals and cards"), "minute": pgettext("minute, short", "Min."), "team": _("Team"),
        "code": _("Code"), "recipient": _("Recipient"), "who": _("Shirt or name"), "reason": _("Reason"),
        "fouls": _("Fouls"), "first_half": _("1st half"), "second_half": _("2nd half"), "total": _("Total"),
        "fouls_hint": _("Tally each foul with a stroke."),
        "conduct": _("Ritual and barra"), "ritual_before": _("Ritual before"), "ritual_after": _("Ritual after"),
        "barra_rating": _("Barra's behaviour (1–5)"), "barra_incidents": _("Barra incidents"),
        "barra_notes": _("What happened with the barra"), "incidents": _("General incidents"),
        "signatures": _("Signatures"), "signature": _("Signature"), "name": _("Name"),
        "coach_of": _("Coach of %(team)s"), "status": _("Status"), "version": _("Version"),
        "submitted": _("Submitted"), "record": _("Signed record of the match sheet"),
        "blank_note": _("Blank sheet: fill in by hand and hand it to the sports office."),
        "ratings": " · ".join(str(label) for label in BarraRating.labels),
        "no_events": _("No goals or cards were recorded."),
    }


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def load_match_sheet(match, *, language: str | None = None, blank: bool = False, full_names: bool = False,
                     today: datetime.date | None = None) -> MatchSheetDoc:
    """What the match sheet prints: the blank paper sheet pre-filled with the match and both rosters, or (when the
    match has a submitted sheet and `blank` is false) the sheet as recorded. Players appear by display name unless
    `full_names` (the office's copy: the office holds the record)."""
    language = manual_language(language)
    match = (
        type(match).objects.select_related("category__championship__organizer", "home", "away", "venue")
        .get(pk=match.pk)
    )
    teams = (match.home, match.away)
    team_ids = [t.pk for t in teams]
    roster: dict[int, list[RosterEntry]] = {pk: [] for pk in team_ids}
    for entry in RosterEntry.objects.filter(team_id__in=team_ids).select_related("player").order_by(
        "shirt_number", "player__surnames", "player__given_names", "pk"
    ):
        roster[entry.team_id].append(entry)
    coaches: dict[int, list[str]] = {pk: [] for pk in team_ids}
    for coach in Coach.objects.filter(teams__in=team_ids).values("given_names", "surnames", "teams"):
        coaches[coach["teams"]].append(f"{coach['given_names']} {coach['surnames']}".strip())
    barras = {pk: "" for pk in team_ids}
    barras.update(Barra.objects.filter(team_id__in=team_ids).values_list("team_id", "name"))
    assignments = list(Assignment.objects.filter(match=match).select_related("referee").order_by("role", "pk"))
    sheet = None
    if not blank:
        sheet = (
            MatchSheet.objects.filter(match=match).exclude(status=MatchSheet.Status.DRAFT)
            .prefetch_related(
                "teams", Prefetch("players"),
                Prefetch("events", queryset=SheetEvent.objects.filter(undone_at__isnull=True)
                         .select_related("player", "coach")),
                "confirmations",
            ).first()
        )

    def name_of(player) -> str:
        return str(player) if full_names else player.display_name

    with translation.override(language):
        words = _sheet_words()
        kind_codes, recipient_codes = _kind_codes(), _recipient_codes()
        reasons = list(BlueReason.choices)
        reason_number = {value: str(index) for index, (value, _label) in enumerate(reasons, start=1)}
        names = {t.pk: t.name for t in teams}
        sides = {}
        events: list[SheetEventLine] = []
        if sheet is None:
            for team in teams:
                sides[team.pk] = SheetSide(
                    team=team.name, coaches=tuple(coaches[team.pk]), barra=barras[team.pk],
                    players=tuple(
                        SheetPlayerLine(str(e.shirt_number or ""), name_of(e.player)) for e in roster[team.pk]
                    ),
                )
        else:
            lineup = {p.player_id: p for p in sheet.players.all()}
            sheet_teams = {t.team_id: t for t in sheet.teams.all()}
            active = list(sheet.events.all())
            home_goals = away_goals = 0
            for event in active:
                if event.kind in (Kind.GOAL, Kind.OWN_GOAL):
                    if (event.team_id == match.home_id) == (event.kind == Kind.GOAL):
                        home_goals += 1
                    else:
                        away_goals += 1
            goals = {match.home_id: home_goals, match.away_id: away_goals}
            confirmations = {c.team_id: c for c in sheet.confirmations.all()}  # the latest word of each team
            for team in teams:
                players = [
                    SheetPlayerLine(
                        str((lineup[e.player_id].shirt_number if e.player_id in lineup else None) or e.shirt_number
                            or ""),
                        name_of(e.player), e.player_id in lineup,
                        e.player_id in lineup and lineup[e.player_id].captain,
                    )
                    for e in roster[team.pk]
                ]
                fouls = [sum(1 for ev in active if ev.kind == Kind.FOUL and ev.team_id == team.pk and ev.half == h)
                         for h in (1, 2)]
                st = sheet_teams.get(team.pk)
                confirmation = confirmations.get(team.pk)
                sides[team.pk] = SheetSide(
                    team=team.name, players=tuple(players), coaches=tuple(coaches[team.pk]), barra=barras[team.pk],
                    goals=str(goals[team.pk]), fouls=(str(fouls[0]), str(fouls[1])),
                    coach_present=_yes_no(st.coach_present) if st else "",
                    ritual_before=_yes_no(st.ritual_before) if st else "",
                    ritual_after=_yes_no(st.ritual_after) if st else "",
                    barra_rating=str(BarraRating(st.barra_rating).label) if st and st.barra_rating else "",
                    barra_incidents=str(st.barra_incidents) if st else "",
                    barra_notes=st.barra_notes if st else "",
                    confirmation=(
                        _("%(decision)s by %(name)s on %(date)s") % {
                            "decision": confirmation.get_decision_display(), "name": confirmation.name,
                            "date": formats.date_format(timezone.localtime(confirmation.at), "SHORT_DATETIME_FORMAT"),
                        } + (f" · {confirmation.note}" if confirmation.note else "")
                    ) if confirmation else "",
                )
            for event in active:
                if event.kind == Kind.FOUL:
                    continue
                if event.recipient == Recipient.PLAYER and event.player_id:
                    shirt = lineup[event.player_id].shirt_number if event.player_id in lineup else None
                    who = f"{shirt} · {name_of(event.player)}" if shirt else name_of(event.player)
                elif event.recipient == Recipient.COACH:
                    who = str(event.coach) if event.coach_id else str(Recipient.COACH.label)
                else:
                    who = str(Recipient(event.recipient).label)
                events.append(SheetEventLine(
                    minute=event.minute_display, code=kind_codes.get(event.kind, ""), kind=event.get_kind_display(),
                    team=names.get(event.team_id, ""),
                    who=f"{recipient_codes[event.recipient]} · {who}" if event.kind == Kind.BLUE else who,
                    reason=(f"{reason_number[event.reason]} · {event.get_reason_display()}" if event.reason else ""),
                    note=event.note,
                ))
        championship = match.category.championship
        kind_legend = " · ".join(
            f"{kind_codes[k]} = {label}" for k, label in Kind.choices if k in kind_codes
        )
        recipient_legend = " · ".join(f"{recipient_codes[r]} = {label}" for r, label in Recipient.choices)
        return MatchSheetDoc(
            language=language,
            blank=sheet is None,
            title=_("Match sheet"),
            subtitle=f"{championship.organizer.name} · {championship}",
            category=match.category.name,
            round=match.round_label or str(match.round),
            date=_date(match.date),
            time=formats.time_format(match.time, "TIME_FORMAT") if match.time else "",
            venue=match.venue.name if match.venue else "",
            referees=tuple((a.get_role_display(), str(a.referee)) for a in assignments),
            home=sides[match.home_id],
            away=sides[match.away_id],
            events=tuple(events),
            blank_event_rows=14 if sheet is None else 0,
            kind_legend=kind_legend,
            recipient_legend=recipient_legend,
            reason_legend=tuple(f"{reason_number[v]} · {label}" for v, label in reasons),
            status=sheet.get_status_display() if sheet else "",
            version=str(sheet.version) if sheet else "",
            submitted=(
                formats.date_format(timezone.localtime(sheet.submitted_at), "SHORT_DATETIME_FORMAT")
                if sheet and sheet.submitted_at else ""
            ),
            incidents=sheet.incidents if sheet else "",
            printed_on=_("Printed on %(date)s") % {"date": _date(today or _today())},
            words=words,
            page_label=_("Page %(page)s of %(pages)s"),
        )


def _box(text: str = "") -> str:
    return text or "☐"


def match_sheet_pdf(doc: MatchSheetDoc) -> bytes:
    """The match sheet on A4 portrait: heading, both rosters, goals and cards, fouls, ritual and barra,
    incidents and signatures. A blank sheet leaves boxes and lines to write in."""
    styles = _styles(9)
    w = doc.words
    width = A4[0] - 24 * mm
    cell, cellbold, small = styles["cell"], styles["cellbold"], styles["small"]

    def c(text, style=cell):
        return _p(text, style)

    story: list = []
    heading = [
        [c(doc.title, styles["h1"]), c(doc.subtitle, cell)],
    ]
    head = Table(heading, colWidths=[width * 0.45, width * 0.55])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (1, 0), "RIGHT")]))
    story.append(head)
    if not doc.blank:
        story.append(c(f"{w['record']} · {w['status']}: {doc.status} · {w['version']}: {doc.version}"
                       + (f" · {w['submitted']}: {doc.submitted}" if doc.submitted else ""), cellbold))
    else:
        story.append(c(w["blank_note"], styles["small"]))
    story.append(Spacer(1, 4))
    referees = "; ".join(f"{name} ({role})" for role, name in doc.referees) or " "
    info = [
        [c(w["home"], cellbold), c(doc.home.team, cellbold), c(w["goals"], cell), c(doc.home.goals or "", cellbold),
         c(w["away"], cellbold), c(doc.away.team, cellbold), c(w["goals"], cell), c(doc.away.goals or "", cellbold)],
        [c(w["category"]), c(doc.category), c(w["round"]), c(doc.round), c(w["date"]), c(doc.date), c(w["time"]),
         c(doc.time)],
        [c(w["venue"]), c(doc.venue), c(w["referee"]), c(referees), "", "", "", ""],
    ]
    unit = width / 20
    info_table = _grid_table(info, [unit * 2, unit * 4.5, unit * 1.6, unit * 1.9, unit * 1.6, unit * 4.5,
                                    unit * 1.7, unit * 2.2], header_rows=0)
    info_table.setStyle(TableStyle([("SPAN", (3, 2), (7, 2)), ("BACKGROUND", (0, 0), (-1, 0), LIGHT)]))
    story += [info_table, Spacer(1, 6)]

    # Rosters side by side.
    def roster(side: SheetSide) -> Table:
        rows = [[c(w["shirt"], cellbold), c(w["player"], cellbold), c(w["present"], cellbold),
                 c(w["captain"], cellbold)]]
        for line in side.players:
            if doc.blank:
                rows.append([line.shirt, c(line.name), "☐", "☐"])
            else:
                rows.append([line.shirt, c(line.name), "✓" if line.present else "", "C" if line.captain else ""])
        if doc.blank:
            rows += [["", "", "☐", "☐"] for _n in range(3)]
        half = width / 2 - 3 * mm
        table = _grid_table(rows, [half * 0.12, half * 0.51, half * 0.21, half * 0.16], font_size=9, padding=2)
        table.setStyle(TableStyle([("ALIGN", (0, 1), (0, -1), "CENTER"), ("ALIGN", (2, 1), (3, -1), "CENTER")]))
        return table

    def side_block(side: SheetSide) -> list:
        coach_line = f"{w['coaches']}: {', '.join(side.coaches) or '______________________'}"
        present = side.coach_present or "☐"
        return [c(side.team, styles["h3"]), roster(side), Spacer(1, 2),
                c(f"{coach_line} · {w['coach_present']}: {present}", small)]

    rosters = Table([[side_block(doc.home), side_block(doc.away)]], colWidths=[width / 2, width / 2])
    rosters.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm)]))
    story += [rosters, Spacer(1, 6)]

    # Goals and cards.
    events = [[c(w["minute"], cellbold), c(w["team"], cellbold), c(w["code"], cellbold), c(w["who"], cellbold),
               c(w["reason"], cellbold)]]
    for event in doc.events:
        reason = " · ".join(part for part in (event.reason, event.note) if part)
        events.append([event.minute, c(event.team), c(f"{event.code} · {event.kind}"), c(event.who), c(reason)])
    events += [["", "", "", "", ""] for _n in range(doc.blank_event_rows)]
    event_block = [c(w["events"], styles["h3"])]
    if len(events) == 1:
        event_block.append(c(w["no_events"]))
    else:
        table = _grid_table(events, [width * 0.08, width * 0.2, width * 0.2, width * 0.28, width * 0.24],
                            padding=2 if doc.blank else 3, row_heights=None if not doc.blank else
                            [None] + [15] * (len(events) - 1))
        event_block.append(table)
    event_block.append(Spacer(1, 2))
    event_block.append(c(f"{w['code']}: {doc.kind_legend}", small))
    event_block.append(c(f"{w['recipient']}: {doc.recipient_legend}", small))
    event_block.append(c(f"{w['reason']}: " + " · ".join(doc.reason_legend), small))
    story += event_block + [Spacer(1, 6)]

    # Fouls, ritual and barra.
    fouls = [[c(w["fouls"], cellbold), c(w["first_half"], cellbold), c(w["second_half"], cellbold),
              c(w["total"], cellbold)]]
    for side in (doc.home, doc.away):
        total = "" if doc.blank else str(sum(int(n or 0) for n in side.fouls))
        fouls.append([c(side.team), side.fouls[0], side.fouls[1], total])
    fouls_table = _grid_table(fouls, [width * 0.3, width * 0.3, width * 0.3, width * 0.1],
                              row_heights=[None, 26, 26] if doc.blank else None)
    story.append(KeepTogether([c(w["fouls"], styles["h3"]), fouls_table] +
                              ([c(w["fouls_hint"], small)] if doc.blank else [])))
    story.append(Spacer(1, 6))

    conduct = [[c(w["team"], cellbold), c(w["ritual_before"], cellbold), c(w["ritual_after"], cellbold),
                c(w["barra_rating"], cellbold), c(w["barra_incidents"], cellbold)]]
    for side in (doc.home, doc.away):
        rating = side.barra_rating or ("1 ☐  2 ☐  3 ☐  4 ☐  5 ☐" if doc.blank else "")
        conduct.append([c(f"{side.team}" + (f" · {side.barra}" if side.barra else "")),
                        _box(side.ritual_before) if doc.blank else side.ritual_before,
                        _box(side.ritual_after) if doc.blank else side.ritual_after, c(rating),
                        side.barra_incidents])
    conduct_table = _grid_table(conduct, [width * 0.3, width * 0.14, width * 0.14, width * 0.28, width * 0.14])
    notes = [c(f"{w['barra_notes']} ({side.team}): {side.barra_notes}", small)
             for side in (doc.home, doc.away) if side.barra_notes]
    story.append(KeepTogether([c(w["conduct"], styles["h3"]), conduct_table, Spacer(1, 2),
                               c(w["ratings"], small), *notes]))
    story.append(Spacer(1, 6))

    incidents = doc.incidents or ""
    incident_rows = [[c(incidents)]] if incidents else [[""] for _n in range(4)]
    story.append(KeepTogether([c(w["incidents"], styles["h3"]),
                               _grid_table(incident_rows, [width], header_rows=0,
                                           row_heights=None if incidents else [18] * 4)]))
    story.append(Spacer(1, 8))

    # Signatures: the referee and both coaches (the submitted record shows each coach's confirmation).
    main_referee = doc.referees[0][1] if doc.referees else ""
    sign = [[c(w["referee"], cellbold), c(w["coach_of"] % {"team": doc.home.team}, cellbold),
             c(w["coach_of"] % {"team": doc.away.team}, cellbold)],
            [c(f"{w['name']}: {main_referee}"), c(doc.home.confirmation or f"{w['name']}:"),
             c(doc.away.confirmation or f"{w['name']}:")],
            [c(f"{w['signature']}:"), c(f"{w['signature']}:"), c(f"{w['signature']}:")]]
    sign_table = _grid_table(sign, [width / 3] * 3, row_heights=[None, None, 34])
    sign_table.setStyle(TableStyle([("VALIGN", (0, 2), (-1, 2), "TOP")]))
    story.append(KeepTogether([c(w["signatures"], styles["h3"]), sign_table, Spacer(1, 4),
                               c(doc.printed_on, small)]))
    return _build(story, A4, margins=(12 * mm, 12 * mm, 14 * mm, 12 * mm), label=doc.page_label,
                  title=f"{doc.title} · {doc.home.team} – {doc.away.team}", language=doc.language)


# --- Notice-board tables ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintedTable:
    title: str
    columns: tuple[str, ...]
    legend: str
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


@dataclass(frozen=True)
class TablesDoc:
    language: str
    championship: str
    category: str
    organizer: str
    printed_on: str
    empty: str
    standings: PrintedTable
    copa: PrintedTable
    page_label: str


def load_tables(category, *, language: str | None = None, today: datetime.date | None = None) -> TablesDoc:
    """The category's standings and Copa Fair Play as the notice board prints them. `category` must come with its
    championship and organizer."""
    from fairplay.tables_loaders import load_copa
    from leagues.standings import load_category_standings

    language = manual_language(language)
    standings = load_category_standings(category)
    copa = load_copa([category])[category.pk]
    uefa = copa.scheme.preset == "uefa"
    with translation.override(language):
        columns = (
            pgettext("standings column", "#"), _("Team"), pgettext("standings column: points", "Pts"),
            pgettext("standings column: matches played", "P"), pgettext("standings column: won", "W"),
            pgettext("standings column: drawn", "D"), pgettext("standings column: lost", "L"),
            pgettext("standings column: goals for", "GF"), pgettext("standings column: goals against", "GA"),
            pgettext("standings column: goal difference", "GD"), pgettext("standings column: fair-play points", "FP"),
        )
        spelled = (_("Points"), _("Played"), _("Won"), _("Drawn"), _("Lost"), _("Goals for"), _("Goals against"),
                   _("Goal difference"), _("Fair-play points"))
        rows = tuple(
            (str(s.row.position), s.team.name, str(s.row.points), str(s.row.played), str(s.row.won),
             str(s.row.drawn), str(s.row.lost), str(s.row.goals_for), str(s.row.goals_against),
             labels.format_points(s.row.goal_difference), labels.format_number(s.row.fair_play))
            for s in standings
        )
        adjusted = [s for s in standings if s.row.adjustment]
        standings_table = PrintedTable(
            title=_("Standings"), columns=columns, rows=rows,
            legend=" · ".join(f"{short} = {long}" for short, long in zip(columns[2:], spelled, strict=True)),
            note="; ".join(
                _("%(team)s: %(points)s points by office decision") % {
                    "team": s.team.name, "points": labels.format_points(s.row.adjustment)}
                for s in adjusted
            ),
        )
        average = (pgettext("copa column: UEFA mark", "Mark") if uefa
                   else pgettext("copa column: fair-play points per match", "Per match"))
        average_long = (_("Mark out of 10: what the table ranks by") if uefa
                        else _("Fair-play points per match: what the table ranks by"))
        copa_columns = [pgettext("standings column", "#"), _("Team"), average]
        copa_long = [average_long]
        if not uefa:
            copa_columns.append(pgettext("standings column: points", "Pts"))
            copa_long.append(_("Fair-play points"))
        copa_columns += [pgettext("standings column: matches played", "P"),
                         pgettext("copa column: blue cards", "Blue"),
                         pgettext("copa column: yellow and red cards", "Y/R")]
        copa_long += [_("Played"), _("Blue cards received"), _("Yellow and red cards")]
        copa_rows = []
        for row in copa.rows:
            total = row.total
            team = copa.teams[total.team]
            cells = [str(row.position) if total.matches else "–", team.name,
                     labels.format_number(total.average) if total.matches else "–"]
            if not uefa:
                cells.append(labels.format_points(total.points) if total.matches else "–")
            cells += [str(total.matches), str(total.blue_cards), str(total.sanctions)]
            copa_rows.append(tuple(cells))
        copa_table = PrintedTable(
            title=_("Copa Fair Play"), columns=tuple(copa_columns), rows=tuple(copa_rows),
            legend=" · ".join(f"{short} = {long}" for short, long in zip(copa_columns[2:], copa_long, strict=True)),
        )
        championship = category.championship
        return TablesDoc(
            language=language, championship=str(championship), category=category.name,
            organizer=championship.organizer.name,
            printed_on=_("Printed on %(date)s") % {"date": _date(today or _today())},
            empty=_("No teams yet."), standings=standings_table, copa=copa_table,
            page_label=_("Page %(page)s of %(pages)s"),
        )


def _notice_board(doc: TablesDoc, table: PrintedTable) -> bytes:
    pagesize = landscape(A4)
    styles = _styles(14)
    width = pagesize[0] - 30 * mm
    story: list = [
        _p(f"{table.title} · {doc.category}", styles["h1"]),
        _p(f"{doc.championship} · {doc.organizer}", styles["body"]),
        _p(doc.printed_on, styles["italic"]),
        Spacer(1, 6),
    ]
    if not table.rows:
        story.append(_p(doc.empty, styles["body"]))
    else:
        numbers = len(table.columns) - 2
        team_width = width * 0.4
        other = (width - team_width - width * 0.06) / numbers
        widths = [width * 0.06, team_width] + [other] * numbers
        _regular, bold, _italic = fonts.register()
        # Headers wrap rather than spill into the next column ("Por partido").
        header = ParagraphStyle("th", fontName=bold, fontSize=15, leading=17, alignment=TA_CENTER, textColor=INK)
        heads = [Paragraph(escape(column), header) for column in table.columns]
        grid = _grid_table([heads, *[list(r) for r in table.rows]], widths, font_size=15, padding=5, zebra=True)
        grid.setStyle(TableStyle([("ALIGN", (2, 0), (-1, -1), "CENTER"), ("ALIGN", (0, 0), (0, -1), "CENTER"),
                                  ("FONT", (2, 1), (2, -1), bold, 15)]))
        story.append(grid)
    story += [Spacer(1, 8), _p(table.legend, styles["small"])]
    if table.note:
        story.append(_p(table.note, styles["small"]))
    return _build(story, pagesize, label=doc.page_label, title=f"{table.title} · {doc.category}",
                  language=doc.language)


def standings_pdf(doc: TablesDoc) -> bytes:
    """The category's standings for the notice board: A4 landscape, large type, the date printed."""
    return _notice_board(doc, doc.standings)


def copa_pdf(doc: TablesDoc) -> bytes:
    """The category's Copa Fair Play for the notice board: A4 landscape, large type, the date printed."""
    return _notice_board(doc, doc.copa)
