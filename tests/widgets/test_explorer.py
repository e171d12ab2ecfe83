"""CauseExplorer without a browser: construct it, act through its public twins, check its state
and what it shows."""

from __future__ import annotations

from dataclasses import replace

import pytest

import backedu
from backedu.content import course
from backedu.errors import CauseError
from backedu.logic.causes import Show
from backedu.logic.region import Region
from backedu.widgets.causes import CauseExplorer


@pytest.fixture
def explorer() -> CauseExplorer:
    return CauseExplorer(course(), region=Region.UK)


def card_html(widget: CauseExplorer) -> str:
    return widget._card.value  # the rendered view, read only to check what a student sees


def test_starts_on_all_causes_with_the_first_cause_chosen(explorer: CauseExplorer) -> None:
    assert explorer.show is Show.ALL
    assert explorer.shown == course().causes
    assert explorer.chosen == course().causes[0]
    assert explorer.comparing is None
    assert "backedu-explorer" in explorer._dom_classes
    assert f'data-cause="{course().causes[0].id}"' in card_html(explorer)


def test_lazy_factory_builds_the_explorer_over_the_course() -> None:
    made = backedu.cause_explorer()
    assert isinstance(made, CauseExplorer)
    assert "cause_explorer" in backedu.__all__ and "how_common_chart" in backedu.__all__


@pytest.mark.parametrize("show", list(Show), ids=str)
def test_filter_by_lists_only_matching_causes(explorer: CauseExplorer, show: Show) -> None:
    from backedu.logic.causes import filter_causes

    explorer.filter_by(show.value)
    assert explorer.show is show
    assert explorer.shown == filter_causes(course().causes, show)
    assert explorer.chosen in explorer.shown
    assert [value for _, value in explorer._list.options] == [c.id for c in explorer.shown]


def test_filter_keeps_the_chosen_cause_when_it_is_still_listed(explorer: CauseExplorer) -> None:
    explorer.choose("slipped-disc")
    explorer.filter_by("in-article")
    assert explorer.chosen is not None and explorer.chosen.id == "slipped-disc"


def test_filter_moves_to_the_first_listed_cause_otherwise(explorer: CauseExplorer) -> None:
    explorer.choose("stress")
    explorer.filter_by("myths")
    assert explorer.chosen == explorer.shown[0]
    assert explorer.chosen is not None and explorer.chosen.id == "weak-core"
    assert 'data-cause="weak-core"' in card_html(explorer)


def test_choose_shows_the_card_and_highlights_the_part(explorer: CauseExplorer) -> None:
    explorer.choose("cauda-equina")
    html = card_html(explorer)
    assert explorer.chosen == course().cause("cauda-equina")
    assert 'data-highlight="nerve-bundle"' in html
    assert "Highlighted: Nerve bundle." in html
    assert "Call 999" in html
    assert "Now showing: Squashed nerve bundle" in explorer._status.value
    assert 'role="status"' in explorer._status.value


def test_choose_the_same_way_as_the_list(explorer: CauseExplorer) -> None:
    explorer._list.value = "arthritis"  # what a click in the browser does
    assert explorer.chosen == course().cause("arthritis")
    assert 'data-highlight="joint"' in card_html(explorer)


def test_choose_rejects_unknown_and_hidden_causes(explorer: CauseExplorer) -> None:
    with pytest.raises(CauseError, match="no cause with id 'gout'"):
        explorer.choose("gout")
    explorer.filter_by("myths")
    with pytest.raises(
        CauseError,
        match="'fracture' is not in the list under the filter "
        "'Myths and weak ideas'; call filter_by",
    ):
        explorer.choose("fracture")
    assert explorer.chosen is not None and explorer.chosen.id == "weak-core"


def test_filter_by_rejects_an_unknown_filter(explorer: CauseExplorer) -> None:
    with pytest.raises(CauseError, match="no cause filter 'sometimes'"):
        explorer.filter_by("sometimes")
    assert explorer.show is Show.ALL


def test_compare_puts_two_causes_side_by_side(explorer: CauseExplorer) -> None:
    explorer.compare("slipped-disc", "cauda-equina")
    assert explorer.comparing == (course().cause("slipped-disc"), course().cause("cauda-equina"))
    html = explorer._comparison.value
    assert 'data-causes="slipped-disc cauda-equina"' in html
    assert explorer.chosen == course().causes[0]  # comparing leaves the card alone


def test_compare_rejects_a_cause_with_itself_and_unknown_ids(explorer: CauseExplorer) -> None:
    with pytest.raises(CauseError, match="compare two different causes, not 'stress' with itself"):
        explorer.compare("stress", "stress")
    with pytest.raises(CauseError, match="no cause with id 'gout'"):
        explorer.compare("stress", "gout")
    assert explorer.comparing is None


def test_comparison_prompts_until_two_different_causes_are_picked(
    explorer: CauseExplorer,
) -> None:
    assert "Choose two causes" in explorer._comparison.value
    explorer._first.value = "stress"
    explorer._second.value = "stress"
    assert "Choose two different causes" in explorer._comparison.value
    assert explorer.comparing is None


def test_state_is_read_only(explorer: CauseExplorer) -> None:
    for name in ("show", "shown", "chosen", "comparing"):
        with pytest.raises(AttributeError):
            setattr(explorer, name, None)


def test_region_changes_the_advice() -> None:
    widget = CauseExplorer(course(), region=Region.US)
    widget.choose("cauda-equina")
    assert "Call 911" in card_html(widget) and "Call 999" not in card_html(widget)


def test_every_control_is_labelled(explorer: CauseExplorer) -> None:
    controls = [explorer._show, explorer._list, explorer._first, explorer._second]
    assert [c.description for c in controls] == ["Show", "Causes", "Compare", "with"]


def test_an_explorer_needs_causes() -> None:
    empty = replace(course(), causes=())
    with pytest.raises(CauseError, match="needs at least one cause"):
        CauseExplorer(empty)
