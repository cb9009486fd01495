"""The awards' life: proposed from the data, reviewed by the office (exclusions, additions), issued as certificates.

Proposal rules (per category unless said otherwise):
- Fair Play champion / runner-up: positions 1 and 2 of the Copa Fair Play among teams that played; teams sharing a
  position all receive it (two tied champions leave no runner-up, as positions go 1, 1, 3). The whole championship
  also gets a champion and runner-up over every category's teams, when all categories use the same fair-play preset
  (otherwise the scores are not comparable and nothing is proposed).
- Most blue cards: the players placed in the first `BLUE_CARD_PLACES` by blue cards received (at least one); a tie
  at the cut brings in every tied player.
- Coach: the coach(es) with the most blue cards (at least one), named on the cards.
- Barra segura: among barras that signed the safe-bar commitment, the one(s) whose barra received the most blue cards
  (at least one). A barra without the commitment is never proposed.
- Champion: position 1 of the standings (teams sharing it all receive it), once a match has been played.
- Participation: every player on a roster of the category.
- The whole championship also gets its own most-blue-cards players, coach award and barra segura award, over
  every category's teams, when it has more than one category.
- Referee (whole championship): every referee appointed to at least one played match of the championship in which a
  blue card was shown — the blue-card method applied on the field, not only taught.

Every tie is written in the award's note, for the office to decide.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from certificates.models import Award, AwardKind, Certificate, CertificateSettings
from certificates.snapshot import CertificateData, Signatory
from fairplay.models import Card, Colour, Recipient
from fairplay.scoring import copa_table
from fairplay.tables_loaders import blue_cards_per_person, load_copa
from leagues.models import Match, RosterEntry
from leagues.standings import load_standings
from referees.models import Assignment

BLUE_CARD_PLACES = 3

# The title each certificate prints, in the certificate's language (not the office's).
AWARD_TITLES = {
    AwardKind.FAIR_PLAY_CHAMPION: _("Fair Play Champion"),
    AwardKind.FAIR_PLAY_RUNNER_UP: _("Fair Play Runner-up"),
    AwardKind.BLUE_CARDS_PLAYER: _("Most Blue Cards"),
    AwardKind.COACH: _("Fair Play Coach"),
    AwardKind.BARRA_SEGURA: _("Barra Segura Award"),
    AwardKind.SPORTS_CHAMPION: _("Champion"),
    AwardKind.PARTICIPATION: _("Certificate of Participation"),
    AwardKind.REFEREE: _("Blue Card Referee"),
}

# --- Verification codes ----------------------------------------------------------------------------------------------

# No 0/O, 1/I/L: codes are typed from paper. 31 symbols (a prime), 10 random ones: about 50 bits, then a check
# character.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_RANDOM_LENGTH = 10


def _check_character(body: str) -> str:
    # Weighted sum modulo 31, a prime the size of the alphabet: every single changed character and every swap of two
    # neighbours changes the sum, so an altered code is refused without looking it up.
    total = sum((index + 1) * CODE_ALPHABET.index(char) for index, char in enumerate(body))
    return CODE_ALPHABET[total % len(CODE_ALPHABET)]


def code_new() -> str:
    body = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_RANDOM_LENGTH))
    return body + _check_character(body)


def code_normalize(code: str) -> str | None:
    """The code as stored, or None when it cannot be one (wrong length, letters, or check character)."""
    code = code.strip().replace("-", "").replace(" ", "").upper()
    if len(code) != CODE_RANDOM_LENGTH + 1 or any(char not in CODE_ALPHABET for char in code):
        return None
    return code if _check_character(code[:-1]) == code[-1] else None


# --- Proposal --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Proposal:
    kind: str
    category: int | None
    recipient: dict  # {"team": pk, "player": pk, ...}
    position: int | None = None
    score: str = ""
    note: str = ""


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _tie_note(count: int) -> str:
    if count < 2:
        return ""
    return ngettext(
        "Tied with %(count)d other: the office decides.", "Tied with %(count)d others: the office decides.", count - 1
    ) % {"count": count - 1}


def _ranked(items: list, key, places: int) -> list[tuple[int, object, int]]:
    """(position, item, how many share it) for the items placed in the first `places`, best first; `key` is what
    they are ranked by (higher is better). A tie at the cut keeps every tied item."""
    items = sorted(items, key=key, reverse=True)
    out, position = [], 0
    for index, item in enumerate(items):
        if index == 0 or key(item) != key(items[index - 1]):
            position = index + 1
        if position > places:
            break
        out.append((position, item))
    shared = defaultdict(int)
    for position, _item in out:
        shared[position] += 1
    return [(position, item, shared[position]) for position, item in out]


def _copa_proposals(rows, category_id) -> list[_Proposal]:
    proposals = []
    played = [row for row in rows if row.total.matches]
    for kind, wanted in ((AwardKind.FAIR_PLAY_CHAMPION, 1), (AwardKind.FAIR_PLAY_RUNNER_UP, 2)):
        winners = [row for row in played if row.position == wanted]
        proposals += [
            _Proposal(kind, category_id, {"team": row.total.team}, row.position, _number(row.total.average),
                      _tie_note(len(winners)))
            for row in winners
        ]
    return proposals


def _proposals(championship) -> list[_Proposal]:
    categories = list(championship.categories.select_related("championship"))
    ids = [category.pk for category in categories]
    proposals: list[_Proposal] = []
    copas = load_copa(categories)
    standings = load_standings(categories)
    people = blue_cards_per_person(ids)
    barra_cards = dict(
        Card.objects.filter(
            match__category_id__in=ids, match__status=Match.Status.PLAYED, colour=Colour.BLUE,
            recipient=Recipient.BARRA,
        ).values("team_id").annotate(n=Count("pk")).order_by().values_list("team_id", "n")
    )
    for category in categories:
        copa = copas[category.pk]
        proposals += _copa_proposals(copa.rows, category.pk)

        champions = [s for s in standings[category.pk] if s.row.position == 1 and s.row.played]
        proposals += [
            _Proposal(AwardKind.SPORTS_CHAMPION, category.pk, {"team": s.team.pk}, 1, str(s.row.points),
                      _tie_note(len(champions)))
            for s in champions
        ]

        proposals += _people_proposals(category.pk, copa.teams.values(), people, barra_cards)

    for team_id, player_id, category_id in (
        RosterEntry.objects.filter(team__category_id__in=ids)
        .order_by("team__category_id", "team__name", "shirt_number", "pk")
        .values_list("team_id", "player_id", "team__category_id")
    ):
        proposals.append(_Proposal(AwardKind.PARTICIPATION, category_id, {"player": player_id, "team": team_id}))

    # The whole championship's players, coaches and barras, over every category's teams (with one category, its own
    # awards already are the championship's: a child would get two certificates for one thing).
    if len(categories) > 1:
        proposals += _people_proposals(
            None, [team for copa in copas.values() for team in copa.teams.values()], people, barra_cards
        )

    if len({copa.scheme.preset for copa in copas.values()}) == 1:
        totals = [total for copa in copas.values() for total in copa.totals.values()]
        proposals += _copa_proposals(copa_table(totals), None)

    referees = (
        Assignment.objects.filter(
            match__category__championship=championship, match__status=Match.Status.PLAYED,
            match__cards__colour=Colour.BLUE,
        )
        .values("referee_id")
        .annotate(matches=Count("match", distinct=True))
        .order_by("referee__surnames", "referee__given_names", "referee_id")
        .values_list("referee_id", "matches")
    )
    proposals += [
        _Proposal(AwardKind.REFEREE, None, {"referee": referee_id}, None, str(matches))
        for referee_id, matches in referees
    ]
    return proposals


def _people_proposals(category_id, teams, people, barra_cards) -> list[_Proposal]:
    """The most blue cards (players), the coach award and the barra segura award among `teams`: one category's, or
    (`category_id` None) the whole championship's."""
    teams = list(teams)
    team_ids = {team.pk for team in teams}
    proposals: list[_Proposal] = []
    players = [p for p in people if p.recipient == Recipient.PLAYER and p.team in team_ids and p.blue_cards]
    proposals += [
        _Proposal(AwardKind.BLUE_CARDS_PLAYER, category_id, {"player": p.person, "team": p.team}, position,
                  str(p.blue_cards), _tie_note(shared))
        for position, p, shared in _ranked(players, lambda p: p.blue_cards, BLUE_CARD_PLACES)
    ]
    coaches = [
        p for p in people
        if p.recipient == Recipient.COACH and p.person is not None and p.team in team_ids and p.blue_cards
    ]
    # A coach of two teams counts once per team: the award names the team it was earned with.
    proposals += [
        _Proposal(AwardKind.COACH, category_id, {"coach": p.person, "team": p.team}, position,
                  str(p.blue_cards), _tie_note(shared))
        for position, p, shared in _ranked(coaches, lambda p: p.blue_cards, 1)
    ]
    safe = [
        team.barra for team in teams
        if hasattr(team, "barra") and team.barra.is_safe_bar and barra_cards.get(team.pk)
    ]
    proposals += [
        _Proposal(AwardKind.BARRA_SEGURA, category_id, {"barra": barra.pk, "team": barra.team_id}, position,
                  str(barra_cards[barra.team_id]), _tie_note(shared))
        for position, barra, shared in _ranked(safe, lambda b: barra_cards[b.team_id], 1)
    ]
    return proposals


def _award_for(championship, proposal: _Proposal) -> Award:
    award = Award(
        championship=championship, category_id=proposal.category, kind=proposal.kind, position=proposal.position,
        score=proposal.score, note=proposal.note, **{f"{field}_id": pk for field, pk in proposal.recipient.items()},
    )
    award.key = award.compute_key()
    return award


@transaction.atomic
def awards_propose(*, championship) -> list[Award]:
    """Proposes the championship's awards from its data as it stands; returns the awards it created.

    Proposals it made before and still holds are refreshed (position, score, note); those the data no longer supports
    are removed. Issued and excluded awards and the office's additions are never touched, and nothing is proposed
    twice (an award's key is unique per championship)."""
    # of=self, no ordering: PostgreSQL cannot lock the nullable side of the join that the default ordering adds.
    awards = Award.objects.select_for_update(of=("self",)).filter(championship=championship).order_by()
    existing = {award.key: award for award in awards}
    created, wanted = [], set()
    for proposal in _proposals(championship):
        award = _award_for(championship, proposal)
        if award.key in wanted:
            continue
        wanted.add(award.key)
        old = existing.get(award.key)
        if old is None:
            created.append(award)
        elif old.status == Award.Status.PROPOSED and not old.added:
            old.position, old.score, old.note = award.position, award.score, award.note
            old.save(update_fields=["position", "score", "note"])
    Award.objects.bulk_create(created)
    stale = [
        award.pk for key, award in existing.items()
        if key not in wanted and award.status == Award.Status.PROPOSED and not award.added
    ]
    Award.objects.filter(pk__in=stale).delete()
    return created


@transaction.atomic
def award_exclude(*, award: Award) -> Award:
    """Leaves an award out of the issue; a new proposal run keeps it out. An issued award cannot be excluded."""
    if award.status == Award.Status.ISSUED:
        raise ValidationError(_("An issued certificate cannot be excluded."))
    award.status = Award.Status.EXCLUDED
    award.save(update_fields=["status"])
    return award


@transaction.atomic
def award_restore(*, award: Award) -> Award:
    """Puts an excluded award back in the proposal."""
    if award.status == Award.Status.EXCLUDED:
        award.status = Award.Status.PROPOSED
        award.save(update_fields=["status"])
    return award


@transaction.atomic
def award_add(
    *, championship, kind: str, category=None, team=None, player=None, coach=None, barra=None, referee=None,
    note: str = "",
) -> Award:
    """The office's own award (a tie decided its way, a recognition the data does not show); kept by new proposal
    runs. An award that already exists for the same recipient is returned as it is."""
    if team is None and barra is not None:
        team = barra.team
    award = Award(
        championship=championship, category=category, kind=kind, team=team, player=player, coach=coach,
        barra=barra, referee=referee, note=note, added=True,
    )
    award.key = award.compute_key()
    existing = Award.objects.filter(championship=championship, key=award.key).first()
    if existing is not None:
        return existing
    award.full_clean(exclude=["key"])
    award.save()
    return award


# --- Issue -----------------------------------------------------------------------------------------------------------


def _recipient_name(award: Award) -> str:
    if award.player_id:
        return award.player.display_name  # a minor: never more than the display name, on paper as on the page
    if award.coach_id:
        return str(award.coach)
    if award.barra_id:
        return award.barra.name
    if award.referee_id:
        return str(award.referee)
    return award.team.name


def _snapshot(award: Award, *, code: str, language: str, base_url: str, settings, date: str) -> CertificateData:
    championship = award.championship
    signatories = ()
    logo_path = ""
    if settings is not None:
        signatories = tuple(
            Signatory(name, role)
            for name, role in (
                (settings.signatory_1_name, settings.signatory_1_role),
                (settings.signatory_2_name, settings.signatory_2_role),
            )
            if name
        )
        if settings.logo:
            try:
                logo_path = settings.logo.path
            except (NotImplementedError, ValueError):  # a storage without local files
                logo_path = ""
    with translation.override(language):
        title = str(AWARD_TITLES[award.kind])
        verify_path = reverse("certificates:verify", args=[code])
    return CertificateData(
        code=code,
        verify_url=base_url.rstrip("/") + verify_path,
        language=language,
        kind=award.kind,
        award_title=title,
        recipient_name=_recipient_name(award),
        team=award.team.name if award.team_id else "",
        category=award.category.name if award.category_id else "",
        championship=str(championship),
        organizer=championship.organizer.name,
        date=date,
        signatories=signatories,
        logo_path=logo_path,
    )


def _unused_code() -> str:
    while True:
        code = code_new()
        if not Certificate.objects.filter(code=code).exists():
            return code


@transaction.atomic
def awards_issue(
    *, championship, user, language: str, base_url: str, awards: Iterable[Award] | None = None
) -> list[Certificate]:
    """Issues the championship's proposed awards (or only `awards` among them): each gets a certificate with a new
    verification code and a snapshot of what it prints, taken from the data now. Awards already issued or excluded
    are skipped, so a rerun issues nothing twice. `base_url` is the site's address, for the QR code."""
    queryset = (
        Award.objects.select_for_update(of=("self",))
        .filter(championship=championship, status=Award.Status.PROPOSED)
        .select_related("championship__organizer", "category", "team", "player", "coach", "barra", "referee")
    )
    if awards is not None:
        queryset = queryset.filter(pk__in=[award.pk for award in awards])
    settings = CertificateSettings.objects.filter(championship=championship).first()
    date = timezone.localdate().isoformat()
    issued = []
    for award in queryset:
        code = _unused_code()
        data = _snapshot(award, code=code, language=language, base_url=base_url, settings=settings, date=date)
        issued.append(
            Certificate.objects.create(
                award=award, code=code, snapshot=data.to_json(), language=language, issued_by=user
            )
        )
        award.status = Award.Status.ISSUED
        award.save(update_fields=["status"])
    return issued


def certificate_data(certificate: Certificate) -> CertificateData:
    """What the certificate prints, from its stored snapshot only: a reprint matches the original."""
    return CertificateData.from_json(certificate.snapshot)
