"""The Fair Play Manual: its sections in the reader's language, their text as HTML, and the scoring rules written
from a fair-play scheme, so that the rules people read are the rules the software computes.

Pure functions first (`parse_body`, `render_body`, `scoring_rules`, `scoring_body`, `localize`); then the loaders, the
only functions here that query the database (`sections_for`, `scheme_for_manual`, `category_schemes`,
`manual_entries`); then `manual_seed`, which writes.

The manual's own words (titles, bodies, and the generated scoring rules) exist in Spanish and English as data, not in
the gettext catalogues: they are content the office edits, and a section must read the same in print as on screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from fairplay import manual_content
from fairplay.models import Audience, FairPlayScheme, ManualSection, SchemeMode, SchemePreset, default_scheme
from leagues.cache import public_pages_changed

MINUS = "\u2212"

# --- Language ---------------------------------------------------------------------------------------------------------


def manual_language(language: str | None = None) -> str:
    """"en" for English (any "en-…" too), "es" for anything else: the manual exists in these two."""
    language = language or get_language() or "es"
    return "en" if language.lower().startswith("en") else "es"


# --- Body text -> HTML ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """A paragraph (`kind` "p", `text`) or a list (`kind` "ul", `items`) of a section's body."""

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()


def parse_body(text: str) -> list[Block]:
    """The blocks of a body: paragraphs are separated by blank lines, list items start with "- " (an indented line
    goes on with the item above it); a paragraph's lines are joined with a space."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()):
        paragraph: list[str] = []
        items: list[str] = []

        def flush_paragraph() -> None:
            if paragraph:
                blocks.append(Block("p", text=" ".join(paragraph)))
                paragraph.clear()

        def flush_items() -> None:
            if items:
                blocks.append(Block("ul", items=tuple(items)))
                items.clear()

        for raw in chunk.split("\n"):
            line = raw.strip()
            if not line:
                continue
            if line.startswith("- "):
                flush_paragraph()
                items.append(line[2:].strip())
            elif items and raw[:1].isspace():
                items[-1] = f"{items[-1]} {line}"
            else:
                flush_items()
                paragraph.append(line)
        flush_paragraph()
        flush_items()
    return blocks


def render_body(text: str) -> SafeString:
    """A body as HTML (<p>, <ul><li>), every piece of text escaped."""
    html = []
    for block in parse_body(text):
        if block.kind == "p":
            html.append(f"<p>{escape(block.text)}</p>")
        else:
            html.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>")
    return mark_safe("\n".join(html))


# --- Numbers ----------------------------------------------------------------------------------------------------------


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_number(value: Any, language: str, *, signed: bool = False) -> str:
    """`value` to two decimals at most, no trailing zeros, a decimal comma in Spanish, a real minus sign
    (and a plus sign if `signed` and positive): -0.20 → "−0,2", 2.00 → "2"."""
    number = _decimal(value)
    text = f"{abs(number).normalize():f}"
    if manual_language(language) == "es":
        text = text.replace(".", ",")
    if number < 0:
        return MINUS + text
    return f"+{text}" if signed and number > 0 else text


def format_points(value: Any, language: str, *, signed: bool = True) -> str:
    """"+2 puntos", "−1 punto", "0,5 points"."""
    one = abs(_decimal(value)) == 1
    if manual_language(language) == "es":
        unit = "punto" if one else "puntos"
    else:
        unit = "point" if one else "points"
    return f"{format_number(value, language, signed=signed)} {unit}"


def _formula(terms: list[tuple[int, Any]], language: str) -> str:
    """"1 + 2 × 2 − 10 × 0,2" from (count, weight) pairs; pairs weighing nothing are left out."""
    pieces = []
    for count, weight in terms:
        weight = _decimal(weight)
        if not count or not weight:
            continue
        size = format_number(abs(weight), language)
        piece = size if count == 1 else f"{count} × {size}"
        if not pieces:
            pieces.append(f"{MINUS}{piece}" if weight < 0 else piece)
        else:
            pieces.append(f"{MINUS if weight < 0 else '+'} {piece}")
    return " ".join(pieces) or "0"


def _round_half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


# --- Scoring rules written from a scheme ------------------------------------------------------------------------------

# The youth scheme's weights in the order the rules list them (rewards first), with their wording.
YOUTH_ITEMS = {
    "es": {
        "blue_player": ("Cada tarjeta azul a un jugador o jugadora", "tarjetas azules a jugadores"),
        "blue_coach": ("Cada tarjeta azul a un entrenador o entrenadora", "tarjetas azules a entrenadores"),
        "blue_barra": ("Cada tarjeta azul a la barra", "tarjetas azules a la barra"),
        "ritual_before": ("Ritual de deportividad hecho antes del partido", "ritual antes del partido"),
        "ritual_after": ("Ritual de deportividad hecho después del partido", "ritual después del partido"),
        "barra_rating": ("", "comportamiento de la barra"),
        "foul": ("Cada falta cometida", "faltas"),
        "yellow": ("Cada tarjeta amarilla a un jugador o jugadora", "tarjetas amarillas a jugadores"),
        "second_yellow": ("", "segundas amarillas"),
        "red": ("Cada tarjeta roja directa a un jugador o jugadora", "rojas directas a jugadores"),
        "coach_yellow": (
            "Cada tarjeta amarilla (o segunda amarilla) a un entrenador o entrenadora", "amarillas a entrenadores"
        ),
        "coach_red": ("Cada tarjeta roja a un entrenador o entrenadora", "rojas a entrenadores"),
        "barra_incident": ("Cada incidente de la barra anotado en la planilla", "incidentes de la barra"),
    },
    "en": {
        "blue_player": ("Each blue card to a player", "blue cards to players"),
        "blue_coach": ("Each blue card to a coach", "blue cards to coaches"),
        "blue_barra": ("Each blue card to the barra", "blue cards to the barra"),
        "ritual_before": ("Ritual of sportsmanship done before the match", "the ritual before the match"),
        "ritual_after": ("Ritual of sportsmanship done after the match", "the ritual after the match"),
        "barra_rating": ("", "the barra's behaviour"),
        "foul": ("Each foul committed", "fouls"),
        "yellow": ("Each yellow card to a player", "yellow cards to players"),
        "second_yellow": ("", "second yellow cards"),
        "red": ("Each direct red card to a player", "direct red cards to players"),
        "coach_yellow": ("Each yellow (or second yellow) card to a coach", "yellow cards to coaches"),
        "coach_red": ("Each red card to a coach", "red cards to coaches"),
        "barra_incident": ("Each barra incident recorded on the match sheet", "barra incidents"),
    },
}

TEXT = {
    "es": {
        "subject": (
            "Estas son las reglas de fair play de «{subject}», las mismas con las que el sistema calcula sus tablas."
        ),
        "example_rules": (
            "Estas son reglas de ejemplo: cada campeonato elige su sistema y puede ajustar los valores. Elige un "
            "campeonato para leer las reglas que se le aplican."
        ),
        "youth_intro": (
            "Sistema juvenil de la tarjeta azul. En cada partido, cada equipo suma o resta puntos de fair play así:"
        ),
        "item": "{label}: {points}.",
        "second_yellow": (
            "Cada segunda amarilla a un jugador o jugadora, que se suma a la primera: {points} (la expulsión por "
            "doble amarilla cuesta {total} en total)."
        ),
        "barra_rating": (
            "Comportamiento de la barra, calificado por el árbitro del 1 al 5: {points} por cada nivel por encima de "
            "«aceptable» (3), y lo mismo en contra por cada nivel por debajo. Ejemplar (5): {r5}; respetuosa (4): "
            "{r4}; aceptable (3): 0; irrespetuosa (2): {r2}; insultos o agresión (1): {r1}. Sin calificación: 0."
        ),
        "zero": "En este campeonato no suman ni restan: {names}.",
        "youth_example": (
            "Ejemplo: en un partido, un equipo hace el ritual antes y después; sus jugadores reciben dos tarjetas "
            "azules y su barra una; comete 10 faltas, ve una tarjeta amarilla y su barra es calificada como "
            "respetuosa (4). Ese partido le da {formula} = {total}."
        ),
        "youth_rank": (
            "En la Copa Fair Play, los equipos se ordenan por su promedio de puntos de fair play por partido y, si "
            "empatan, por su total."
        ),
        "fifa_intro": (
            "Puntos de conducta del equipo, el sistema de la FIFA. Solo cuentan las tarjetas amarillas y rojas de los "
            "jugadores y de los oficiales del equipo (entrenadores y cuerpo técnico), y a cada persona se le aplica "
            "una sola deducción por partido, la que corresponde a lo que recibió:"
        ),
        "fifa_yellow": "Una tarjeta amarilla: {points}.",
        "fifa_second_yellow": "Expulsión por doble amarilla: {points}.",
        "fifa_red": "Tarjeta roja directa: {points}.",
        "fifa_yellow_red": "Tarjeta amarilla y luego roja directa: {points}.",
        "fifa_not_counted": (
            "Las tarjetas azules, el ritual, las faltas y el comportamiento de la barra no cambian este puntaje."
        ),
        "fifa_example": (
            "Ejemplo: si en un partido un jugador ve una tarjeta amarilla y otro es expulsado por doble amarilla, el "
            "equipo suma {formula} = {total} en ese partido."
        ),
        "fifa_rank": (
            "Se suman los puntos de todos los partidos del equipo, y el mejor es el total más alto, es decir, el más "
            "cercano a cero. Con este criterio, en el Mundial de 2018 Japón pasó a octavos de final por delante de "
            "Senegal: estaban igualados en puntos, diferencia de goles, goles y enfrentamiento directo, y Japón tenía "
            "−4 contra −6 de Senegal."
        ),
        "uefa_intro": (
            "Evaluación de fair play al estilo de la UEFA. En cada partido, cada equipo obtiene puntos en seis "
            "criterios, cada uno con un máximo:"
        ),
        "uefa_cards": (
            "Tarjetas (máximo 10): se parte de 10; cada tarjeta amarilla vale {yellow}, cada expulsión por doble "
            "amarilla {second_yellow} y cada roja directa {red}. El resultado nunca baja de 0."
        ),
        "uefa_positive": (
            "Juego positivo (buscar el arco rival, jugar con iniciativa, no hacer tiempo): de 1 a 10."
        ),
        "uefa_opponent": "Respeto al rival: de 1 a 5.",
        "uefa_referee": "Respeto al árbitro: de 1 a 5.",
        "uefa_officials": "Comportamiento de los oficiales del equipo (entrenadores y cuerpo técnico): de 1 a 5.",
        "uefa_spectators": (
            "Comportamiento del público: de 1 a 5. Si no se califica, se usa la calificación de la barra en la "
            "planilla de juego; si tampoco la hay, este criterio no cuenta."
        ),
        "uefa_how": (
            "Las calificaciones las pone la oficina de deportes, o la persona que ella designe, después del partido. "
            "Un criterio que no se califica en un partido no cuenta para el máximo de ese partido. La nota del equipo "
            "es 10 × los puntos obtenidos ÷ los puntos posibles, sumando todos sus partidos: una nota sobre 10."
        ),
        "uefa_example": (
            "Ejemplo: en un partido, un equipo ve una tarjeta amarilla (tarjetas: {cards} de 10), recibe 7 en juego "
            "positivo, 4 en respeto al rival, 5 en respeto al árbitro y 4 en comportamiento de sus oficiales, y su "
            "barra tiene 3 en la planilla. Obtiene {earned} de 40 puntos posibles: nota {mark}."
        ),
        "uefa_rank": "En la Copa Fair Play, los equipos se ordenan por su nota: mejor cuanto más alta.",
        "mode_table": (
            "Cómo cuenta: el puntaje de fair play forma una tabla aparte, la Copa Fair Play, y no cambia la tabla de "
            "posiciones del campeonato."
        ),
        "mode_tiebreaker": (
            "Cómo cuenta: el puntaje de fair play forma la tabla de la Copa Fair Play y además sirve para desempatar "
            "en la tabla de posiciones, en el lugar que le da la lista de criterios de desempate del campeonato."
        ),
        "mode_points": (
            "Cómo cuenta: el puntaje de fair play forma la tabla de la Copa Fair Play y además se suma a los puntos de "
            "la tabla de posiciones. El total de fair play del equipo se multiplica por {weight} y se redondea al "
            "entero más cercano; si el resultado es negativo, resta. Por ejemplo, un total de {example} da {result} "
            "en la tabla de posiciones."
        ),
    },
    "en": {
        "subject": (
            "These are the fair-play rules of “{subject}”, the same ones the software calculates its tables with."
        ),
        "example_rules": (
            "These are example rules: each championship chooses its scheme and may adjust the values. Choose a "
            "championship to read the rules that apply to it."
        ),
        "youth_intro": (
            "Youth blue-card scheme. In every match, each team gains or loses fair-play points as follows:"
        ),
        "item": "{label}: {points}.",
        "second_yellow": (
            "Each second yellow card to a player, on top of the first: {points} (a sending-off for two yellows costs "
            "{total} in all)."
        ),
        "barra_rating": (
            "The barra's behaviour, rated by the referee from 1 to 5: {points} for each level above \"acceptable\" "
            "(3), and the same against for each level below. Exemplary (5): {r5}; respectful (4): {r4}; acceptable "
            "(3): 0; disrespectful (2): {r2}; insults or aggression (1): {r1}. Not rated: 0."
        ),
        "zero": "In this championship these neither add nor take away points: {names}.",
        "youth_example": (
            "Example: in a match, a team does the ritual before and after; its players receive two blue cards and its "
            "barra one; it commits 10 fouls, gets one yellow card and its barra is rated respectful (4). That match "
            "gives it {formula} = {total}."
        ),
        "youth_rank": (
            "In the Copa Fair Play, teams are ranked by their average fair-play points per match and, if level, by "
            "their total."
        ),
        "fifa_intro": (
            "Team conduct points, FIFA's scheme. Only the yellow and red cards of players and team officials (coaches "
            "and staff) count, and each person gets a single deduction per match, the one that matches what they "
            "received:"
        ),
        "fifa_yellow": "A yellow card: {points}.",
        "fifa_second_yellow": "Sent off for two yellow cards: {points}.",
        "fifa_red": "A direct red card: {points}.",
        "fifa_yellow_red": "A yellow card and then a direct red card: {points}.",
        "fifa_not_counted": "Blue cards, the ritual, fouls and the barra's behaviour do not change this score.",
        "fifa_example": (
            "Example: if in a match one player gets a yellow card and another is sent off for two yellows, the team "
            "scores {formula} = {total} in that match."
        ),
        "fifa_rank": (
            "The points of all the team's matches are added up, and the best is the highest total, that is, the one "
            "closest to zero. By this criterion Japan went through to the round of 16 of the 2018 World Cup ahead of "
            "Senegal: they were level on points, goal difference, goals and head-to-head, and Japan had −4 against "
            "Senegal's −6."
        ),
        "uefa_intro": (
            "UEFA-style fair-play assessment. In every match, each team earns points on six criteria, each with a "
            "maximum:"
        ),
        "uefa_cards": (
            "Cards (maximum 10): start from 10; each yellow card counts {yellow}, each sending-off for two yellows "
            "{second_yellow} and each direct red {red}. The result never goes below 0."
        ),
        "uefa_positive": "Positive play (going for goal, taking the initiative, not wasting time): from 1 to 10.",
        "uefa_opponent": "Respect for the opponent: from 1 to 5.",
        "uefa_referee": "Respect for the referee: from 1 to 5.",
        "uefa_officials": "Behaviour of the team officials (coaches and staff): from 1 to 5.",
        "uefa_spectators": (
            "Behaviour of the spectators: from 1 to 5. If not rated, the barra's rating on the match sheet is used; if "
            "there is none either, this criterion does not count."
        ),
        "uefa_how": (
            "The ratings are given by the sports office, or someone it appoints, after the match. A criterion not "
            "rated in a match does not count towards that match's maximum. The team's mark is 10 × the points earned "
            "÷ the points possible, adding up all its matches: a mark out of 10."
        ),
        "uefa_example": (
            "Example: in a match, a team gets one yellow card (cards: {cards} out of 10), receives 7 for positive "
            "play, 4 for respect for the opponent, 5 for respect for the referee and 4 for its officials' behaviour, "
            "and its barra has 3 on the match sheet. It earns {earned} of 40 possible points: a mark of {mark}."
        ),
        "uefa_rank": "In the Copa Fair Play, teams are ranked by their mark: the higher, the better.",
        "mode_table": (
            "How it counts: the fair-play score makes a separate table, the Copa Fair Play, and does not change the "
            "championship's standings."
        ),
        "mode_tiebreaker": (
            "How it counts: the fair-play score makes the Copa Fair Play table and also breaks ties in the standings, "
            "at the place the championship's list of tie-breakers gives it."
        ),
        "mode_points": (
            "How it counts: the fair-play score makes the Copa Fair Play table and is also added to the points in the "
            "standings. The team's fair-play total is multiplied by {weight} and rounded to the nearest whole number; "
            "if the result is negative, it takes points away. For example, a total of {example} gives {result} in "
            "the standings."
        ),
    },
}


def _w(scheme: Any, name: str) -> Decimal:
    return _decimal(getattr(scheme, name))


def _youth_rules(scheme: Any, language: str) -> list[str]:
    text, labels = TEXT[language], YOUTH_ITEMS[language]
    lines = [text["youth_intro"]]
    zero = []
    for name, (label, short) in labels.items():
        weight = _w(scheme, name)
        if not weight:
            zero.append(short)
        elif name == "barra_rating":
            lines.append("- " + text["barra_rating"].format(
                points=format_points(weight, language),
                **{f"r{level}": format_points(weight * (level - 3), language) for level in (1, 2, 4, 5)},
            ))
        elif name == "second_yellow":
            lines.append("- " + text["second_yellow"].format(
                points=format_points(weight, language),
                total=format_points(weight + _w(scheme, "yellow"), language, signed=False),
            ))
        else:
            lines.append("- " + text["item"].format(label=label, points=format_points(weight, language)))
    if zero:
        lines.append(text["zero"].format(names=", ".join(zero)))
    terms = [
        (1, _w(scheme, "ritual_before")), (1, _w(scheme, "ritual_after")), (2, _w(scheme, "blue_player")),
        (1, _w(scheme, "blue_barra")), (10, _w(scheme, "foul")), (1, _w(scheme, "yellow")),
        (1, _w(scheme, "barra_rating")),
    ]
    total = sum(count * weight for count, weight in terms)
    lines.append(text["youth_example"].format(
        formula=_formula(terms, language), total=format_points(total, language, signed=False)
    ))
    lines.append(text["youth_rank"])
    return lines


def _fifa_rules(scheme: Any, language: str) -> list[str]:
    text = TEXT[language]
    yellow, second, red = _w(scheme, "yellow"), _w(scheme, "second_yellow"), _w(scheme, "red")
    terms = [(1, yellow), (1, second)]
    return [
        text["fifa_intro"],
        "- " + text["fifa_yellow"].format(points=format_points(yellow, language, signed=False)),
        "- " + text["fifa_second_yellow"].format(points=format_points(second, language, signed=False)),
        "- " + text["fifa_red"].format(points=format_points(red, language, signed=False)),
        "- " + text["fifa_yellow_red"].format(points=format_points(yellow + red, language, signed=False)),
        text["fifa_not_counted"],
        text["fifa_example"].format(
            formula=_formula(terms, language), total=format_points(yellow + second, language, signed=False)
        ),
        text["fifa_rank"],
    ]


def _uefa_rules(scheme: Any, language: str) -> list[str]:
    text = TEXT[language]
    yellow = _w(scheme, "yellow")
    cards = max(Decimal(0), Decimal(10) + yellow)
    earned = cards + 7 + 4 + 5 + 4 + 3
    return [
        text["uefa_intro"],
        "- " + text["uefa_cards"].format(**{
            name: format_number(_w(scheme, name), language, signed=True) for name in ("yellow", "second_yellow", "red")
        }),
        "- " + text["uefa_positive"],
        "- " + text["uefa_opponent"],
        "- " + text["uefa_referee"],
        "- " + text["uefa_officials"],
        "- " + text["uefa_spectators"],
        text["uefa_how"],
        text["uefa_example"].format(
            cards=format_number(cards, language), earned=format_number(earned, language),
            mark=format_number(Decimal(10) * earned / Decimal(40), language),
        ),
        text["uefa_rank"],
    ]


# A plausible fair-play total per preset, for the example of "points added"; the first whose product with the
# weight does not end in exactly .5 is used, so that the example never depends on how halves are rounded.
POINTS_EXAMPLES = {SchemePreset.YOUTH: ("7.4", "6.8", "9.3"), SchemePreset.FIFA: ("-3", "-4", "-7"),
                   SchemePreset.UEFA: ("8.2", "7.6", "9.1")}


def _mode_rule(scheme: Any, language: str) -> str:
    text = TEXT[language]
    if scheme.mode == SchemeMode.TABLE:
        return text["mode_table"]
    if scheme.mode == SchemeMode.POINTS:
        weight = _decimal(scheme.weight)
        candidates = [Decimal(value) for value in POINTS_EXAMPLES.get(scheme.preset, POINTS_EXAMPLES["youth"])]
        example = next((v for v in candidates if abs(v * weight) % 1 != Decimal("0.5")), candidates[0])
        return text["mode_points"].format(
            weight=format_number(weight, language), example=format_number(example, language),
            result=format_points(_round_half_up(example * weight), language, signed=False),
        )
    return text["mode_tiebreaker"]


def scoring_rules(scheme: Any, language: str, *, subject: str | None = None) -> list[str]:
    """The scoring section's rules for `scheme`, one string per paragraph or per list item (items start with "- ").

    `scheme` is anything with the attributes of `fairplay.scoring.Scheme` (a `FairPlayScheme` row does): preset,
    mode, weight and the weights, as numbers or decimals. `subject` names whose rules these are ("Copa Verano 2026");
    without it the rules are presented as an example. Every number comes from the scheme."""
    language = manual_language(language)
    text = TEXT[language]
    lines = [text["subject"].format(subject=subject) if subject else text["example_rules"]]
    if scheme.preset == SchemePreset.FIFA:
        lines += _fifa_rules(scheme, language)
    elif scheme.preset == SchemePreset.UEFA:
        lines += _uefa_rules(scheme, language)
    else:
        lines += _youth_rules(scheme, language)
    lines.append(_mode_rule(scheme, language))
    return lines


def scoring_body(scheme: Any, language: str, *, subject: str | None = None) -> str:
    """`scoring_rules` in the body format: a blank line before each paragraph, a list's items right under the
    paragraph that introduces them."""
    text = ""
    for line in scoring_rules(scheme, language, subject=subject):
        if text:
            text += "\n" if line.startswith("- ") else "\n\n"
        text += line
    return text


# --- Sections in the reader's language --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ManualEntry:
    """A section as read: title and body in one language; for the scoring section, the generated `rules` too."""

    slug: str
    kind: str
    audiences: tuple[str, ...]
    title: str
    body: str
    rules: str = ""
    # (heading, rules) for each category with rules of its own
    rule_sets: tuple[tuple[str, str], ...] = field(default=())

    @property
    def is_scoring(self) -> bool:
        return self.kind == ManualSection.Kind.SCORING

    @property
    def body_html(self) -> SafeString:
        return render_body(self.body)

    @property
    def rules_html(self) -> SafeString:
        return render_body(self.rules)

    @property
    def rule_sets_html(self) -> list[tuple[str, SafeString]]:
        return [(heading, render_body(rules)) for heading, rules in self.rule_sets]

    @property
    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [str(labels[a]) for a in self.audiences if a in labels]


def localize(section: Any, language: str, *, rules: str = "", rule_sets=()) -> ManualEntry:
    """`section` (a `ManualSection` or anything with its attributes) in `language`."""
    suffix = manual_language(language)
    return ManualEntry(
        slug=section.slug, kind=section.kind, audiences=tuple(section.audiences or ()),
        title=getattr(section, f"title_{suffix}"), body=getattr(section, f"body_{suffix}"),
        rules=rules, rule_sets=tuple(rule_sets),
    )


# --- Loaders (the only functions here that query) -------------------------------------------------------------------


def sections_for(audience: str | None = None) -> list[ManualSection]:
    """The manual's sections in order; with `audience`, only those tagged with it. One query."""
    # Filtered here rather than with a JSON lookup, which SQLite lacks; the manual has a dozen sections.
    sections = list(ManualSection.objects.all())
    if audience:
        sections = [s for s in sections if audience in (s.audiences or ())]
    return sections


def scheme_for_manual(championship=None) -> FairPlayScheme:
    """The scheme whose rules the manual shows: the championship's own, else the one it plays under by default;
    with no championship, the youth scheme with its preset values (unsaved)."""
    if championship is None:
        scheme = FairPlayScheme(preset=SchemePreset.YOUTH, mode=SchemeMode.TIEBREAKER)
        scheme.apply_preset()
        return scheme
    return FairPlayScheme.objects.filter(championship=championship).first() or default_scheme(championship)


def category_schemes(championship) -> list[tuple[Any, FairPlayScheme]]:
    """(category, scheme) for the championship's categories that have rules of their own. One query."""
    schemes = FairPlayScheme.objects.filter(category__championship=championship).select_related("category")
    return [(scheme.category, scheme) for scheme in schemes.order_by("category__name")]


def manual_entries(*, audience: str | None = None, language: str | None = None, championship=None) -> list[ManualEntry]:
    """The manual as read, in `language` (default: the active one), optionally only `audience`'s sections, with the
    scoring section's rules written from `championship`'s scheme (the example youth scheme without one) and from
    each of its categories with rules of their own. This is what the page shows and what printed excerpts use."""
    language = manual_language(language)
    sections = sections_for(audience)
    entries = []
    for section in sections:
        if section.kind != ManualSection.Kind.SCORING:
            entries.append(localize(section, language))
            continue
        subject = str(championship) if championship is not None else None
        rules = scoring_body(scheme_for_manual(championship), language, subject=subject)
        rule_sets = []
        if championship is not None:
            for category, scheme in category_schemes(championship):
                name = f"{category.name} · {championship}"
                rule_sets.append((category.name, scoring_body(scheme, language, subject=name)))
        entries.append(localize(section, language, rules=rules, rule_sets=rule_sets))
    return entries


# --- Service ----------------------------------------------------------------------------------------------------------


SECTION_FIELDS = ("order", "kind", "audiences", "title_es", "title_en", "body_es", "body_en")


@transaction.atomic
def manual_seed() -> int:
    """Create the sections of `manual_content` that are missing (by slug); edited sections are left alone.
    Returns how many were created."""
    public_pages_changed()  # the bulk writes below send no signals (leagues/cache.py)
    existing = set(ManualSection.objects.values_list("slug", flat=True))
    missing = [
        ManualSection(slug=data["slug"], **{name: data[name] for name in SECTION_FIELDS})
        for data in manual_content.SECTIONS
        if data["slug"] not in existing
    ]
    ManualSection.objects.bulk_create(missing)
    return len(missing)
