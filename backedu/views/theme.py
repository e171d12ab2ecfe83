"""The look of every page, in one place: colours, the inline styles views share, and stylesheets.

No other module writes a colour: a test fails on any colour literal outside this file. Styles are
inline strings because they survive every front end (Jupyter, Voilà, a saved or printed page).

Colours are chosen for contrast on their backgrounds (WCAG AA for text, 3:1 for shapes), and no
meaning rests on a colour alone: every level, verdict and result also has an icon and words.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template

from backedu.content.models import Level

# --- colours ----------------------------------------------------------------------------------
INK = "#1a1a1a"  # text
PAPER = "#ffffff"  # cards and pictures
SOFT = "#f6f8fa"  # a neutral box behind text
GREY = "#f2f2f2"  # badges and table headings
FAINT = "#fafafa"  # what the article says, beside the evidence
EDGE = "#7a7a7a"  # borders of boxes and cards
LINE = "#595959"  # outlines of badges, drawings and the neutral tone
RULE = "#bbbbbb"  # lines between table rows
QUOTE = "#555555"  # the bar beside a quote, placeholder text
TRACK = "#d9d9d9"  # the empty part of a bar
LINK = "#0d47a1"
BLACK = "#000000"  # print and QR codes
WHITE = PAPER  # the light parts of QR codes and print
SHADOW = "rgba(0,0,0,0.25)"


@dataclass(frozen=True, slots=True)
class Tone:
    """Two colours that go together: ``edge`` for borders, icons and headings, ``fill`` behind
    text in ``INK``."""

    edge: str
    fill: str


NEUTRAL = Tone(LINE, SOFT)
INFO = Tone("#1f4e79", "#eef4fa")
SUCCESS = Tone("#1b5e20", "#e8f5e9")
CAUTION = Tone("#7a4f01", "#fff8e1")
URGENT = Tone("#8a4b00", "#fff4e5")
DANGER = Tone("#8a1c1c", "#fdecea")

# How soon to get help looks the same on every page that shows it (None: nothing ticked yet).
LEVEL_TONES: dict[Level | None, Tone] = {
    None: NEUTRAL,
    Level.SELF_CARE: SUCCESS,
    Level.GP: INFO,
    Level.URGENT: URGENT,
    Level.EMERGENCY: DANGER,
}

# The "out of 100 people" picture: fill and outline of each group's figure. Shapes differ too
# (solid, outline, ringed, crossed), so the groups can be told apart without colour.
_CHART_BLUE = "#4a6f96"
CHART_FIGURES: tuple[tuple[str, str], ...] = (
    (_CHART_BLUE, _CHART_BLUE),
    (WHITE, "#b35900"),
    (DANGER.edge, DANGER.edge),
    (LINE, LINE),
)

# The spine diagram: each part's own colour, and the highlight (orange, 3.6:1 on white: enough
# for a shape, WCAG 1.4.11 asks 3:1). The highlighted part is also striped and outlined.
SPINE_MUSCLE = "#e6c3bd"
SPINE_MUSCLE_FIBRE = "#b08a84"
SPINE_BONE = "#ebe5d6"
SPINE_DISC = "#bcd3e6"
SPINE_JOINT = "#d6d6d6"
SPINE_NERVE_ROOT = "#d9b93b"
SPINE_NERVE_BUNDLE = "#f1e2a0"
SPINE_NERVE_STRAND = "#8c7415"
SPINE_HIGHLIGHT = "#d95f02"

# The pictures of the lessons (views/pictures.py): people are a light fill with a dark outline,
# things (a mat, pillows, a saddle) another light fill; arrows show which way to move. Meaning is
# in the caption and the text alternative too, never in a colour.
FIGURE = "#dde6ef"
PROP = "#efe6cf"
ARROW = INFO.edge

# --- shared inline styles ---------------------------------------------------------------------
LINK_STYLE = "text-decoration:underline"  # not by colour alone (WCAG 1.4.1)
BOX = (
    f"border:1px solid {EDGE};border-radius:6px;background:{SOFT};color:{INK};"
    "padding:0.6em 1em;margin:0.5em 0"
)
ALERT = (
    f"border:3px solid {DANGER.edge};border-radius:6px;background:{DANGER.fill};color:{INK};"
    "padding:0.6em 1em;margin:0.5em 0"
)
NOTICE = (
    f"border:3px solid {DANGER.edge};border-radius:6px;background:{DANGER.fill};color:{INK};"
    "padding:0.75em 1em;margin:0.5em 0 1em 0;font-size:1.05em;line-height:1.5"
)
CARD = (
    f"border:1px solid {EDGE};border-radius:8px;background:{PAPER};color:{INK};"
    "padding:0.75em 1em;margin:0.25em 0;line-height:1.45"
)
BADGE = (
    f"display:inline-block;border:1px solid {LINE};border-radius:999px;padding:0.1em 0.7em;"
    f"margin:0 0.4em 0.3em 0;background:{GREY};color:{INK};font-size:0.95em"
)
CELL = f"border-top:1px solid {RULE};padding:0.35em 0.6em;vertical-align:top;text-align:left"
TABLE = "border-collapse:collapse;margin:0.5em 0"
QUOTE_STYLE = (
    f"border-left:4px solid {QUOTE};margin:0.5em 0;padding:0.25em 1em;font-size:1.1em;"
    f"background:{PAPER};color:{INK}"
)


def flagged(tone: Tone) -> str:
    """Feedback with a thick bar on the left in ``tone``: right, wrong, fits, a problem."""
    return f"border-left:6px solid {tone.edge};background:{tone.fill};color:{INK};padding:0.5em 1em"


def framed(tone: Tone, width: int = 2) -> str:
    """A white card with a ``width`` px border in ``tone``."""
    return (
        f"border:{width}px solid {tone.edge};border-radius:6px;background:{PAPER};color:{INK};"
        "padding:0.75em 1em;margin:0.5em 0"
    )


def tinted(tone: Tone, *, border: str) -> str:
    """A box in ``tone`` with the given border (like ``"2px solid"`` or ``"3px solid"``)."""
    return f"border:{border} {tone.edge};background:{tone.fill};color:{INK}"


# --- stylesheets ------------------------------------------------------------------------------
# Stylesheets name colours as $ink, $link...: string.Template leaves the CSS braces alone.
_COLOURS = {
    "ink": INK,
    "link": LINK,
    "focus": INFO.edge,
    "quote": QUOTE,
    "black": BLACK,
    "white": WHITE,
}


def _css(text: str) -> str:
    return Template(text).substitute(_COLOURS)


# The symptom checklist beyond its inline styles: checkbox labels that wrap instead of being cut
# off, text only screen readers read, and a visible focus ring.
# The emergency panel is sticky: while a red flag is ticked it stays in view as the student
# scrolls through the list. Sticky needs every box between it and the page's scroller to let
# content overflow, so the output area that holds the checklist (and only that one, via :has)
# is told to. Focused controls keep clear of the panel (scroll-margin-top), so Shift+Tab never
# hides the focus behind it.
CHECKLIST_CSS = _css(
    """
.backedu-checklist { max-width: 52em; color: $ink; overflow: visible; }
.jp-OutputArea:has(.backedu-checklist), .jp-OutputArea-child:has(.backedu-checklist),
.jp-OutputArea-output:has(.backedu-checklist) { overflow: visible; }
.backedu-checklist .backedu-emergency { position: sticky; top: 0; z-index: 10; }
.backedu-checklist input, .backedu-checklist summary, .backedu-checklist button {
  scroll-margin-top: 18em; }
.backedu-checklist .widget-checkbox { width: auto; height: auto; margin: 0.35em 0 0 0; }
.backedu-checklist .widget-checkbox .widget-label-basic {
  white-space: normal; overflow: visible; text-overflow: clip; line-height: 1.4;
  display: flex; align-items: flex-start; gap: 0.5em; font-size: 1.1em; cursor: pointer; }
.backedu-checklist .widget-checkbox input[type=checkbox] {
  width: 18px; height: 18px; margin: 1px 0 0 0; flex: none; }
.backedu-checklist .widget-html, .backedu-checklist .widget-html-content {
  height: auto; line-height: 1.45; }
.backedu-checklist .backedu-tick-note { display: none; }
.backedu-checklist .backedu-symptom:has(input:checked) + .widget-html .backedu-tick-note {
  display: block; }
.backedu-checklist a { color: $link; text-decoration: underline; }
.backedu-checklist :focus-visible { outline: 3px solid $focus; outline-offset: 2px; }
.backedu-checklist details.backedu-why { margin: 0 0 0 1.9em; }
.backedu-checklist details.backedu-why summary { cursor: pointer; color: $focus;
  text-decoration: underline; width: fit-content; }
.backedu-checklist .backedu-sr-only { position: absolute; width: 1px; height: 1px;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
"""
)

# The appointment planner: labels above their boxes, full width, so long questions are never
# cut off.
PLANNER_CSS = (
    ".backedu-planner .backedu-planner-answer{flex-direction:column;align-items:stretch;"
    "width:100%;max-width:40em;height:auto}"
    ".backedu-planner .backedu-planner-answer .widget-label{width:auto;max-width:none;"
    "font-weight:bold;margin:0.25em 0;white-space:normal;text-align:left}"
    ".backedu-planner .backedu-planner-answer textarea,"
    ".backedu-planner .backedu-planner-answer select{width:100%}"
    ".backedu-planner .backedu-planner-answer select{height:2.2em;flex:none}"
    f".backedu-planner .backedu-planner-answer textarea::placeholder{{color:{QUOTE}}}"
)

# Printed worksheets (A4): black on white, boxes to tick, lines to write on.
PRINT_CSS = _css("""
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 11pt;
       line-height: 1.4; color: $black; background: $white; margin: 0; }
h1 { font-size: 17pt; margin: 0 0 1mm 0; }
h2 { font-size: 13pt; margin: 5mm 0 2mm 0; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 0 0 1.5mm 0; break-after: avoid; }
p { margin: 1mm 0; }
.subtitle { font-size: 10pt; margin: 0 0 2mm 0; }
.name-line { margin: 3mm 0; font-size: 10.5pt; }
.safety { border: 2px solid $black; padding: 2mm 3mm; margin: 2mm 0 4mm 0; font-size: 10pt; }
.how { margin: 0 0 3mm 0; }
.box { display: inline-block; width: 4.2mm; height: 4.2mm; border: 1.2px solid $black;
       vertical-align: -0.8mm; margin-right: 1.5mm; background: $white; }
.item { break-inside: avoid; margin: 0 0 4mm 0; }
.item ol { list-style: none; padding-left: 0; margin: 1mm 0 0 0; }
.item ol li { margin: 1mm 0; }
.rating { display: inline-block; margin-right: 8mm; }
.letter { font-weight: bold; display: inline-block; width: 6mm; }
.lines { border-bottom: 1px solid $quote; height: 7mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid $black; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.tick { text-align: center; width: 19mm; }
th.tick { text-align: center; font-size: 9.5pt; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
.card { border: 1.5px dashed $black; padding: 3mm; break-inside: avoid; font-size: 10pt; }
.card h3 { font-size: 11.5pt; }
.card dl { margin: 0; }
.card dt { font-weight: bold; margin-top: 1.2mm; }
.card dd { margin: 0; }
.key-answer { font-weight: bold; display: block; }
table.key { table-layout: fixed; }
table.key th:first-child { width: 9mm; }
table.key th:nth-child(2) { width: 44%; }
.teacher { border: 2px solid $black; padding: 1mm 3mm; display: inline-block; font-weight: bold; }
footer { margin-top: 6mm; font-size: 8.5pt; border-top: 1px solid $quote; padding-top: 1mm; }
@media screen { body { max-width: 190mm; margin: 8mm auto; } }
""")
