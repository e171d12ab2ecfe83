"""The explorer's HTML: the lower-back diagram, a cause's card, the comparison table and the
"out of 100 people" chart. Parsed as XML, so a broken tag fails, and read as a student would."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from backedu.authoring.readability import TARGET_GRADE, grade
from backedu.content import course
from backedu.content.models import Cause, Share, Structure
from backedu.logic.region import Region
from backedu.views.causes import cause_card, comparison, how_common_chart
from backedu.views.spine import alt_text, part_name, spine_diagram
from tests.support.models import validated

SVG = "{http://www.w3.org/2000/svg}"


def parse(html: str) -> ET.Element:
    return ET.fromstring(html)


def text_of(node: ET.Element) -> str:
    return " ".join(" ".join(node.itertext()).split())


# ---- the diagram --------------------------------------------------------------------------


@pytest.mark.parametrize("structure", list(Structure), ids=str)
def test_diagram_highlights_exactly_the_chosen_part(structure: Structure) -> None:
    svg = parse(spine_diagram(structure, uid="t"))
    parts = {g.get("data-part"): g for g in svg.iter(f"{SVG}g") if g.get("data-part")}
    assert set(parts) == {s.value for s in Structure} - {"none", "outside"}  # every part drawn
    highlighted = [name for name, g in parts.items() if g.get("data-highlighted") == "true"]
    assert highlighted == (
        [] if structure in (Structure.NONE, Structure.OUTSIDE) else [structure.value]
    )
    assert svg.get("data-highlight") == structure.value


@pytest.mark.parametrize("structure", list(Structure), ids=str)
def test_diagram_has_a_text_alternative_naming_the_highlight(structure: Structure) -> None:
    svg = parse(spine_diagram(structure, uid="t"))
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    assert title is not None and title.text == svg.get("aria-label") == alt_text(structure)
    if structure in (Structure.NONE, Structure.OUTSIDE):
        assert "No part is highlighted." in title.text
    else:
        assert f"The {part_name(structure).lower()} is highlighted." in title.text


def test_highlight_is_not_colour_alone() -> None:
    """Striped fill, thick dark outline, and a boxed bold label: three cues besides colour."""
    svg = spine_diagram(Structure.DISC, uid="t")
    disc = next(g for g in parse(svg).iter(f"{SVG}g") if g.get("data-part") == "disc")
    shapes = list(disc)
    assert shapes and all(s.get("fill") == "url(#backedu-hatch-t)" for s in shapes)
    assert all(s.get("stroke-width") == "3" for s in shapes)
    bold = [t.text for t in parse(svg).iter(f"{SVG}text") if t.get("font-weight") == "bold"]
    assert bold == ["Disc"]
    plain = spine_diagram(Structure.NONE, uid="t")
    assert "url(#" not in plain.split("</defs>", 1)[1]


def test_diagram_ids_are_unique_per_uid() -> None:
    first, second = spine_diagram(Structure.DISC, uid="a"), spine_diagram(Structure.DISC, uid="b")
    assert 'id="backedu-hatch-a"' in first and 'id="backedu-hatch-b"' in second


# ---- the card -----------------------------------------------------------------------------


def card(cause_id: str, region: Region | None = Region.UK) -> ET.Element:
    return parse(cause_card(course().cause(cause_id), region=region))


def test_card_shows_every_field_of_the_cause() -> None:
    cause = course().cause("slipped-disc")
    node = card("slipped-disc")
    words = text_of(node)
    for expected in (
        cause.name,
        cause.how_it_hurts,
        cause.at_risk,
        "No, this is not something you can change.",
        "Less common. Out of 100 people with low back pain, about 5 to 10 have pain from a "
        "pressed nerve root",
        "Shooting pain or tingling down one leg",
        "What to do (See a GP): Book an appointment with your GP",
        cause.evidence_note,
        "Highlighted: Disc.",
    ):
        assert expected in words
    assert node.get("aria-label") == f"Cause: {cause.name}"
    links = {a.get("href") for a in node.iter("a")}
    assert "https://www.nhs.uk/conditions/sciatica/" in links


def test_card_sets_the_article_against_the_evidence_where_they_differ() -> None:
    box = next(card("dehydration").iter("section"))
    assert box.get("data-differs") == "true"
    words = text_of(box)
    assert "The article and the evidence do not agree. Verdict: No good evidence for it." in words
    assert "The article says" in words and "The evidence says" in words
    agreeing = next(card("muscle-strain").iter("section"))
    assert agreeing.get("data-differs") == "false"
    assert "The article and the evidence agree" in text_of(agreeing)


def test_card_without_an_article_claim_shows_the_evidence_only() -> None:
    node = card("stress")
    assert not list(node.iter("section"))
    assert "The evidence says" in text_of(node)
    assert "The article says" not in text_of(node)


@pytest.mark.parametrize(
    ("region", "expected"),
    [(Region.UK, "Call 999"), (Region.US, "Call 911"), (Region.EU, "Call 112")],
    ids=str,
)
def test_emergency_card_gives_the_regions_number_with_a_warning_sign(
    region: Region, expected: str
) -> None:
    advice = next(
        p
        for p in card("cauda-equina", region).iter("p")
        if p.get("class") == "backedu-cause-advice"
    )
    assert advice.get("data-level") == "emergency"
    assert text_of(advice).startswith("⚠ What to do (Emergency):")
    assert expected in text_of(advice)
    assert "border:3px solid" in (advice.get("style") or "")


def test_card_escapes_content_text() -> None:
    tricky = replace(course().cause("stress"), name="<script>x</script> & co")
    html = cause_card(tricky, region=Region.UK)
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt; &amp; co" in html


# ---- the comparison -----------------------------------------------------------------------


def test_comparison_puts_two_causes_in_labelled_columns() -> None:
    first, second = course().cause("slipped-disc"), course().cause("cauda-equina")
    table = parse(comparison(first, second, region=Region.UK))
    headers = [text_of(th) for th in table.iter("th") if th.get("scope") == "col"]
    assert headers == [first.name, second.name]
    rows = {text_of(tr[0]): tr for tr in table.find("tbody")}  # type: ignore[union-attr]
    assert set(rows) >= {"How it hurts", "What to do", "Part of the back", "The article says"}
    assert "See a GP." in text_of(rows["What to do"][1])
    assert "Emergency." in text_of(rows["What to do"][2])
    assert "The article does not name this cause." in text_of(rows["The article says"][2])
    highlights = [svg.get("data-highlight") for svg in table.iter(f"{SVG}svg")]
    assert highlights == ["disc", "nerve-bundle"]


# ---- out of 100 people --------------------------------------------------------------------


def test_chart_draws_100_people_and_writes_the_numbers() -> None:
    figure = parse(how_common_chart())
    picture = next(figure.iter(f"{SVG}svg"))
    heads = [c for c in picture.iter(f"{SVG}circle") if c.get("r") == "4"]
    assert len(heads) == 100
    assert picture.get("role") == "img"
    items = {li.get("data-share"): text_of(li) for li in figure.iter("li")}
    assert items["no-single-cause"].startswith("About 90 to 95 out of 100: No single cause")
    assert items["serious-cause"].startswith("Fewer than 1 out of 100: A serious cause")
    assert "We draw 1 so that you can see it." in items["serious-cause"]
    assert "About 90 to 95 out of 100" in (picture.get("aria-label") or "")
    source_url = str(course().source("non-specific-share").url)
    assert any(a.get("href") == source_url for a in figure.iter("a"))


def test_chart_groups_differ_in_shape_not_only_colour() -> None:
    picture = next(parse(how_common_chart()).iter(f"{SVG}svg"))
    rings = [c for c in picture.iter(f"{SVG}circle") if c.get("r") == "12"]
    assert len(rings) == 1  # the one serious-cause person is ringed
    outlined = [
        c for c in picture.iter(f"{SVG}circle") if c.get("r") == "4" and c.get("fill") == "#ffffff"
    ]
    assert len(outlined) == 9  # nerve-root people are drawn in outline


def _share(share_id: str, drawn: int) -> Share:
    return validated(
        Share, id=share_id, label=share_id, low=0, high=100, drawn=drawn, sources=["nhs-back-pain"]
    )


def test_chart_refuses_more_groups_than_it_can_tell_apart() -> None:
    shares = [_share(f"g{i}", 20) for i in range(5)]
    with pytest.raises(ValueError, match="draws at most 4 groups, not 5"):
        how_common_chart(shares)


def test_chart_and_cards_read_at_grade_seven_or_below() -> None:
    def words(html: str) -> list[str]:
        node = parse(html)
        for svg in list(node.iter(f"{SVG}svg")):  # the picture's labels are not sentences
            svg.clear()
        return [t for t in (s.strip() for s in node.itertext()) if t]

    texts = words(how_common_chart())
    causes: tuple[Cause, ...] = course().causes
    for cause in causes:
        texts += words(cause_card(cause, region=Region.UK))
    assert grade(texts) <= TARGET_GRADE
