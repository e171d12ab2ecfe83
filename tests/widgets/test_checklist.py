"""SymptomChecklist without a browser: construct it, act through its public twins (or set a box as
the page would), and check its state and what it shows. Views are found by their CSS classes."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import backedu
from backedu.content import course
from backedu.content.models import Level
from backedu.errors import UnknownSymptomError
from backedu.logic.region import ENV_VAR, Region
from backedu.logic.triage import triage
from backedu.views import theme
from backedu.views.triage import sign_label, tick_note
from backedu.widgets.triage import SymptomChecklist
from tests.support.widgets import descendants, one

ALL_IDS = [s.id for s in course().symptoms]
EMERGENCY_IDS = {s.id for s in course().symptoms if s.level is Level.EMERGENCY}
NUMBERS = {Region.UK: "999", Region.US: "911", Region.EU: "112"}


def box(checklist: SymptomChecklist, symptom_id: str) -> widgets.Checkbox:
    return one(checklist, f"backedu-symptom-{symptom_id}")


def shown(widget: widgets.Widget) -> bool:
    return widget.layout.display != "none"


@pytest.fixture
def checklist() -> SymptomChecklist:
    return SymptomChecklist(course(), region=Region.UK)


def test_starts_with_nothing_ticked_and_a_neutral_prompt(checklist: SymptomChecklist) -> None:
    assert checklist.selected == ()
    assert checklist.result.level is None
    assert "Nothing ticked yet" in one(checklist, "backedu-advice").value
    assert not shown(one(checklist, "backedu-emergency"))
    assert "backedu-checklist" in checklist._dom_classes


def test_says_it_teaches_and_does_not_diagnose(checklist: SymptomChecklist) -> None:
    texts = " ".join(w.value for w in descendants(checklist) if isinstance(w, widgets.HTML))
    assert "This checklist teaches. It does not diagnose." in texts


def test_one_box_per_sign_each_labelled_with_its_sign(checklist: SymptomChecklist) -> None:
    boxes = [w for w in descendants(checklist) if isinstance(w, widgets.Checkbox)]
    assert [b.description for b in boxes] == [sign_label(s) for s in course().symptoms]
    for symptom in course().symptoms:
        assert box(checklist, symptom.id).description.startswith(symptom.label)
    # a sign only for some ages says so where it is ticked
    assert box(checklist, "bending-back-sport").description.endswith("(under 16)")
    buttons = [w for w in descendants(checklist) if isinstance(w, widgets.Button)]
    assert [b.description for b in buttons] == ["Untick all"]


def test_every_sign_has_a_why(checklist: SymptomChecklist) -> None:
    whys = [
        w.value
        for w in descendants(checklist)
        if isinstance(w, widgets.HTML) and "<details" in w.value
    ]
    assert len(whys) == len(course().symptoms)
    for symptom, html in zip(course().symptoms, whys, strict=True):
        assert escape(symptom.label) in html and escape(symptom.explanation) in html


def test_tick_self_care_then_red_flag_then_untick(checklist: SymptomChecklist) -> None:
    panel = one(checklist, "backedu-emergency")
    checklist.select(["sudden-tight-pain"])
    assert checklist.result.level is Level.SELF_CARE
    assert "Self-care" in one(checklist, "backedu-advice").value
    assert not shown(panel)

    checklist.toggle("saddle-numbness")
    assert checklist.selected == ("sudden-tight-pain", "saddle-numbness")
    assert checklist.result.is_emergency
    assert shown(panel) and "Emergency: call 999 now" in panel.value
    assert checklist.children[0] is panel, "the emergency panel comes first"

    checklist.toggle("saddle-numbness")
    assert checklist.result.level is Level.SELF_CARE
    assert not shown(panel) and panel.value == ""


def test_a_click_on_the_box_goes_the_same_way_as_toggle(checklist: SymptomChecklist) -> None:
    box(checklist, "chest-pain").value = True  # what the page sends when the box is clicked
    assert checklist.selected == ("chest-pain",)
    assert checklist.result == triage(["chest-pain"], region=Region.UK)
    assert shown(one(checklist, "backedu-emergency"))


def test_each_sign_carries_the_note_its_tick_shows(checklist: SymptomChecklist) -> None:
    # The note is in the page from the start, in the HTML right after its box; the stylesheet
    # shows it only while that box is ticked (tests/browser/test_checklist.py ticks one and
    # sees it), so a tick needs no message from the kernel for it.
    (signs,) = [w for w in checklist.children if isinstance(w, widgets.VBox)]
    items = list(signs.children)
    for symptom in course().symptoms:
        after = items[items.index(box(checklist, symptom.id)) + 1]
        assert tick_note(symptom, Region.UK) in after.value, symptom.id
    assert "red box at the top" in tick_note(course().symptom("both-legs"), Region.UK)
    assert "Urgent: get help today" in tick_note(course().symptom("fever"), Region.UK)
    assert ".backedu-symptom:has(input:checked) + .widget-html .backedu-tick-note" in " ".join(
        theme.CHECKLIST_CSS.split()
    )


def test_clear_unticks_everything_and_hides_the_panel(checklist: SymptomChecklist) -> None:
    checklist.select(["fever", "chest-pain", "worried"])
    checklist.clear()
    assert checklist.selected == ()
    assert checklist.result.level is None
    assert not shown(one(checklist, "backedu-emergency"))


def test_the_untick_all_button_is_the_same_as_clear(checklist: SymptomChecklist) -> None:
    checklist.select(["chest-pain"])
    one(checklist, "backedu-checklist-clear").click()
    assert checklist.selected == ()


def test_select_checks_every_id_before_ticking_any(checklist: SymptomChecklist) -> None:
    with pytest.raises(UnknownSymptomError, match="'no-such-sign'"):
        checklist.select(["fever", "no-such-sign"])
    assert checklist.selected == ()
    with pytest.raises(UnknownSymptomError, match="'nope'"):
        checklist.toggle("nope")
    with pytest.raises(TypeError, match="not one string"):
        checklist.select("fever")


def test_selected_and_result_are_read_only(checklist: SymptomChecklist) -> None:
    with pytest.raises(AttributeError):
        checklist.selected = ("fever",)  # type: ignore[misc]
    with pytest.raises(AttributeError):
        checklist.result = triage([])  # type: ignore[misc]


@pytest.mark.parametrize("region", list(Region), ids=str)
def test_each_region_names_its_number(region: Region) -> None:
    checklist = SymptomChecklist(course(), region=region)
    checklist.select(["one-sided-weakness"])
    panel = one(checklist, "backedu-emergency").value
    assert f"call {NUMBERS[region]} now" in panel
    assert all(n not in panel for r, n in NUMBERS.items() if r is not region)


@pytest.mark.parametrize("region", list(Region), ids=str)
def test_the_lesson_function_reads_the_region_setting(
    region: Region, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, region.value)
    checklist = backedu.symptom_checklist()
    assert isinstance(checklist, SymptomChecklist)
    assert checklist.region is region
    checklist.select(["bladder-bowel-change"])
    assert f"call {NUMBERS[region]} now" in one(checklist, "backedu-emergency").value


def test_lesson_function_is_public() -> None:
    assert "symptom_checklist" in backedu.__all__


def test_an_empty_checklist_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one symptom"):
        SymptomChecklist(course(), symptoms=[])


# ---- nothing can hide the emergency panel ------------------------------------------------

actions = st.lists(
    st.one_of(
        st.tuples(st.just("toggle"), st.sampled_from(ALL_IDS)),
        st.tuples(st.just("click"), st.sampled_from(ALL_IDS)),
        st.tuples(st.just("select"), st.lists(st.sampled_from(ALL_IDS), max_size=4)),
        st.tuples(st.just("clear"), st.none()),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None, database=None)
@given(steps=actions)
def test_emergency_panel_is_first_and_shown_exactly_while_an_emergency_sign_is_ticked(
    steps: list[tuple[str, object]],
) -> None:
    checklist = SymptomChecklist(course(), region=Region.UK)
    panel = one(checklist, "backedu-emergency")
    for action, argument in steps:
        if action == "toggle":
            checklist.toggle(str(argument))
        elif action == "click":
            target = box(checklist, str(argument))
            target.value = not target.value
        elif action == "select":
            checklist.select(list(argument))  # type: ignore[call-overload]
        else:
            checklist.clear()
        emergency = bool(EMERGENCY_IDS & set(checklist.selected))
        assert checklist.result == triage(checklist.selected, region=Region.UK)
        assert checklist.children[0] is panel
        assert shown(panel) is emergency
        assert ("Emergency: call 999 now" in panel.value) is emergency
        assert 'role="alert"' in panel.value or not emergency
