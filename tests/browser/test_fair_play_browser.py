"""A parent on a phone, with no login: from the championship to the Copa Fair Play and their team's every point."""

from playwright.sync_api import expect

from fairplay.models import FairPlayScheme, MatchConduct
from tests.factories import (
    make_card,
    make_category,
    make_championship,
    make_match,
    make_roster_entry,
    make_team,
)


def test_a_parent_finds_the_copa_opens_their_team_and_reads_each_point(live_server, transactional_db, phone):
    championship = make_championship(status="in_progress")
    scheme = FairPlayScheme(championship=championship)
    scheme.apply_preset()
    scheme.save()
    category = make_category(championship=championship, name="Sub-10 Mixto")
    ours, theirs = make_team(category=category, name="Halcones"), make_team(category=category, name="Cóndores")
    match = make_match(category=category, home=ours, away=theirs, home_goals=2, away_goals=1, round=1)
    child = make_roster_entry(team=ours).player
    make_card(match=match, team=ours, player=child, colour="blue", reason_code="helped_opponent")
    make_card(match=match, team=ours, recipient="barra", colour="blue", reason_code="barra_encouragement")
    make_card(match=match, team=theirs, colour="yellow")
    MatchConduct.objects.create(match=match, team=ours, fouls=5, ritual_before=True, ritual_after=True, barra_rating=4)

    phone.goto(live_server.url + championship.get_absolute_url())
    phone.locator(f'a[href="{category.get_absolute_url()}"]').first.click()
    phone.locator('nav.tabs a[href$="/fair-play/"]').click()
    rows = phone.locator("table tbody tr")
    expect(rows.first).to_contain_text("Halcones")  # 2 + 3 + 1 + 1 + 1 − 1 = 7 points: first
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways page scroll on a phone

    rows.first.locator("a", has_text="Halcones").click()
    match_card = phone.locator(f"#match-{match.pk}")
    expect(match_card).to_be_visible()
    lines = match_card.locator(".fp-line:not(.fp-line--total) .fp-line__points").all_inner_texts()
    assert sorted(lines) == sorted(["+2", "+3", "+1", "+1", "+1", "−1"]), lines
    expect(match_card.locator(".fp-line--total .fp-line__points")).to_have_text("+7")
    expect(match_card.locator(".fp-blue")).to_contain_text(child.display_name)
    expect(phone.locator("body")).not_to_contain_text(child.surnames)
