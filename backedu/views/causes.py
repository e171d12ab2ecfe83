"""HTML for the cause explorer and the lesson: a cause's card, two causes side by side, and the
"out of 100 people" picture. Pure functions from content to escaped HTML (see ``html.py``).

Every fact shown by colour or position is also given in words: the level as a label, the
highlighted part in the caption, the picture's numbers as a list.
"""

from __future__ import annotations

from collections.abc import Sequence

from backedu.content import course
from backedu.content.models import Cause, CauseFilter, Course, Level, Share
from backedu.logic.causes import (
    cause_advice,
    diagram_caption,
    differs_from_article,
    figure_words,
    icon_groups,
    share_of,
    share_sentence,
    summary_line,
    symptoms_of,
)
from backedu.logic.claims import verdict_name
from backedu.logic.region import Region
from backedu.logic.triage import advice_for
from backedu.views import theme
from backedu.views.html import Html, element, icon, join
from backedu.views.sources import sources_line
from backedu.views.spine import spine_diagram

_ARTICLE_STYLE = (
    f"flex:1 1 14em;border:1px dashed {theme.LINE};border-radius:6px;padding:0.4em 0.7em;"
    f"background:{theme.FAINT}"
)
_EVIDENCE_STYLE = (
    f"flex:1 1 14em;border:2px solid {theme.INFO.edge};border-radius:6px;padding:0.4em 0.7em;"
    f"background:{theme.INFO.fill}"
)


def _advice_style(level: Level) -> str:
    # Urgent and emergency advice gets a heavy border and a warning sign, never colour alone.
    tone = theme.LEVEL_TONES[level]
    if level in (Level.URGENT, Level.EMERGENCY):
        return f"border:3px solid {tone.edge};padding:0.3em 0.6em;background:{tone.fill}"
    return f"border-left:4px solid {tone.edge};padding:0.2em 0.6em;background:{tone.fill}"


def cause_card(
    cause: Cause, *, content: Course | None = None, region: Region | None = None, uid: str = "card"
) -> Html:
    """Everything about one cause: what it is, who gets it, how common, what to do, the evidence,
    what the article says, its sources, and the diagram with the part involved highlighted."""
    content = content or course()
    facts = element(
        "dl",
        *_fact("How it hurts", cause.how_it_hurts),
        *_fact("Who is at risk", cause.at_risk),
        *_fact("Can you change it?", _modifiable(cause, content) + "."),
        *_fact("How common is it?", _how_common_text(cause, content)),
        *_fact("Signs that can go with it", _symptom_list(cause, content, region)),
        style="margin:0.5em 0",
    )
    body = element(
        "div",
        element("h3", cause.name, style="margin:0 0 0.3em 0;font-size:1.25em"),
        _badges(cause, content, region),
        facts,
        _advice(cause, content, region),
        _article_and_evidence(cause),
        _sources(cause, content),
        style="flex:1 1 22em;min-width:0",
    )
    picture = element(
        "figure",
        spine_diagram(cause.structure, uid=f"{uid}-{cause.id}"),
        element("figcaption", diagram_caption(cause, content), style="margin-top:0.3em"),
        style="flex:1 1 18em;max-width:30em;margin:0",
        class_="backedu-cause-figure",
    )
    return element(
        "article",
        element("div", body, picture, style="display:flex;flex-wrap:wrap;gap:1em"),
        class_="backedu-cause-card",
        aria_label=f"Cause: {cause.name}",
        data_cause=cause.id,
        style=theme.CARD,
    )


def _fact(term: str, value: str) -> tuple[Html, Html]:
    return (
        # float and width reset: the page's notebook CSS lays dt/dd out as narrow columns
        element("dt", term, style="font-weight:bold;margin-top:0.4em;float:none;width:auto"),
        element("dd", value, style="margin:0 0 0 1em;float:none;width:auto"),
    )


def _modifiable(cause: Cause, content: Course) -> str:
    return content.words.modifiable_of(cause.modifiable).name


def _commonness(cause: Cause, content: Course) -> str:
    return content.words.commonness_of(cause.how_common).name


def _badges(cause: Cause, content: Course, region: Region | None) -> Html:
    badges = [
        f"How common: {_commonness(cause, content)}",
        f"What to do: {advice_for(cause.level, region).name}",
    ]
    if cause.article_says is not None:
        badges.append(content.words.cause_filter(CauseFilter.IN_ARTICLE).name)
    return element(
        "p",
        *(element("span", badge, style=theme.BADGE) for badge in badges),
        style="margin:0.2em 0",
    )


def _how_common_text(cause: Cause, content: Course) -> Html:
    words = _commonness(cause, content) + "."
    share = share_of(cause, content.out_of_100)
    if share is None:
        return join(words)
    return join(
        words,
        f" Out of 100 people with low back pain, {figure_words(share)} have "
        f"{share.label[0].lower()}{share.label[1:]}.",
    )


def _symptom_list(cause: Cause, content: Course, region: Region | None) -> Html:
    symptoms = symptoms_of(cause, content.symptoms)
    if not symptoms:
        return join("None on our checklist.")
    return element(
        "ul",
        *(
            element(
                "li",
                symptom.label,
                " ",
                element("em", f"({advice_for(symptom.level, region).name})"),
            )
            for symptom in symptoms
        ),
        style="margin:0.2em 0;padding-left:1.2em",
    )


def _advice(cause: Cause, content: Course, region: Region | None) -> Html:
    warning = cause.level in (Level.URGENT, Level.EMERGENCY)
    advice = cause_advice(cause, region, content)
    heading = element(
        "strong",
        *((icon("⚠"), " ") if warning else ()),
        f"What to do ({advice.name}): ",
    )
    return element(
        "p",
        heading,
        advice.action,
        class_="backedu-cause-advice",
        data_level=cause.level.value,
        style=_advice_style(cause.level) + ";margin:0.6em 0",
    )


def _article_and_evidence(cause: Cause) -> Html:
    evidence_box = element(
        "div",
        element("p", element("strong", "The evidence says"), style="margin:0"),
        element("p", cause.evidence_note, style="margin:0.2em 0"),
        style=_EVIDENCE_STYLE,
    )
    if cause.article_says is None or cause.article_verdict is None:
        return element("div", evidence_box, style="display:flex;margin:0.6em 0")
    heading = (
        "The article and the evidence do not agree"
        if differs_from_article(cause)
        else "The article and the evidence agree"
    )
    article_box = element(
        "div",
        element("p", element("strong", "The article says"), style="margin:0"),
        element("blockquote", cause.article_says, style="margin:0.2em 0;font-style:italic"),
        style=_ARTICLE_STYLE,
    )
    return element(
        "section",
        element(
            "h4",
            f"{heading}. Verdict: {verdict_name(cause.article_verdict)}.",
            style="margin:0.6em 0 0.3em 0;font-size:1em",
        ),
        element("div", article_box, evidence_box, style="display:flex;flex-wrap:wrap;gap:0.6em"),
        class_="backedu-article-vs-evidence",
        data_differs="true" if differs_from_article(cause) else "false",
        aria_label="The article and the evidence",
    )


def _sources(cause: Cause, content: Course) -> Html:
    return sources_line(
        (content.source(source_id) for source_id in cause.sources),
        style="font-size:0.9em;margin:0.4em 0 0",
    )


# ---- the explorer's own lines --------------------------------------------------------------

NO_CAUSES = element("p", "Pick another filter to see some causes.")
CHOOSE_TWO = element(
    "p", "Choose two causes in the menus above to see them side by side.", role="status"
)
CHOOSE_DIFFERENT = element("p", "Choose two different causes to compare.", role="status")


def explorer_status(shown: Sequence[Cause], total: int, chosen: Cause | None) -> Html:
    """How many causes the filter shows and how common they are, and which card is open."""
    line = summary_line(shown, total)
    if chosen is not None:
        line += f" Now showing: {chosen.name}."
    return element("p", line, role="status", style="margin:0.3em 0;line-height:1.45")


def compare_heading() -> Html:
    return element("h3", "Compare two causes side by side", style="margin:0.8em 0 0.2em 0")


# ---- two causes side by side --------------------------------------------------------------


def comparison(
    first: Cause, second: Cause, *, content: Course | None = None, region: Region | None = None
) -> Html:
    """Two causes in a table, one column each, with both diagrams."""
    content = content or course()
    rows: list[tuple[str, Html | str, Html | str]] = [
        ("How it hurts", first.how_it_hurts, second.how_it_hurts),
        ("Who is at risk", first.at_risk, second.at_risk),
        (
            "Can you change it?",
            _modifiable(first, content),
            _modifiable(second, content),
        ),
        ("How common is it?", _how_common_text(first, content), _how_common_text(second, content)),
        (
            "What to do",
            _short_advice(first, content, region),
            _short_advice(second, content, region),
        ),
        ("Part of the back", diagram_caption(first, content), diagram_caption(second, content)),
        ("Picture", _small_diagram(first, "a"), _small_diagram(second, "b")),
        ("The evidence says", first.evidence_note, second.evidence_note),
        ("The article says", _article_cell(first), _article_cell(second)),
    ]
    cell = f"border:1px solid {theme.EDGE};padding:0.4em 0.6em;vertical-align:top;text-align:left"
    head = element(
        "tr",
        element("td", "", style=cell),
        element("th", first.name, scope="col", style=cell + ";width:42%"),
        element("th", second.name, scope="col", style=cell + ";width:42%"),
    )
    body = [
        element(
            "tr",
            element("th", label, scope="row", style=cell + f";background:{theme.GREY}"),
            element("td", a, style=cell),
            element("td", b, style=cell),
        )
        for label, a, b in rows
    ]
    return element(
        "table",
        element(
            "caption",
            f"{first.name} compared with {second.name}",
            style="text-align:left;font-weight:bold;padding:0.3em 0",
        ),
        element("thead", head),
        element("tbody", *body),
        class_="backedu-cause-comparison",
        data_causes=f"{first.id} {second.id}",
        style=f"border-collapse:collapse;width:100%;color:{theme.INK};background:{theme.PAPER};"
        "line-height:1.4",
    )


def _short_advice(cause: Cause, content: Course, region: Region | None) -> Html:
    advice = cause_advice(cause, region, content)
    return join(element("strong", f"{advice.name}. "), advice.action)


def _small_diagram(cause: Cause, side: str) -> Html:
    return element(
        "div",
        spine_diagram(cause.structure, uid=f"compare-{side}-{cause.id}"),
        style="max-width:18em",
    )


def _article_cell(cause: Cause) -> Html:
    if cause.article_says is None or cause.article_verdict is None:
        return join("The article does not name this cause.")
    return join(
        element("q", cause.article_says),
        " ",
        element("strong", f"Verdict: {verdict_name(cause.article_verdict)}."),
    )


# ---- out of 100 people --------------------------------------------------------------------

# One shape per group (solid figure, outlined figure, figure in a ring, crossed figure), so the
# groups can be told apart without colour; the colours are ``theme.CHART_FIGURES``.
_SHAPES = ("solid", "outline", "ringed", "cross")
_CELL = 26  # px per icon in the 10 x 10 grid


def _person(x: float, y: float, look: int, *, scale: float = 1.0) -> Html:
    kind = _SHAPES[look]
    fill, stroke = theme.CHART_FIGURES[look]
    s = scale
    head = element(
        "circle",
        cx=f"{x:g}",
        cy=f"{y - 6 * s:g}",
        r=f"{4 * s:g}",
        fill=fill,
        stroke=stroke,
        stroke_width=f"{1.8 * s:g}",
    )
    body = element(
        "path",
        d=f"M{x - 7 * s:g},{y + 10 * s:g} v-6 a{7 * s:g},{6 * s:g} 0 0 1 {14 * s:g},0 v6 z",
        fill=fill,
        stroke=stroke,
        stroke_width=f"{1.8 * s:g}",
    )
    extra: list[Html] = []
    if kind == "ringed":
        extra.append(
            element(
                "circle",
                cx=f"{x:g}",
                cy=f"{y:g}",
                r=f"{12 * s:g}",
                fill="none",
                stroke=stroke,
                stroke_width=f"{2 * s:g}",
            )
        )
    if kind == "cross":
        extra.append(
            element(
                "path",
                d=f"M{x - 9 * s:g},{y - 11 * s:g} L{x + 9 * s:g},{y + 11 * s:g}",
                stroke=theme.INK,
                stroke_width=f"{1.5 * s:g}",
            )
        )
    return join(head, body, *extra)


def how_common_chart(shares: Sequence[Share] | None = None) -> Html:
    """100 people with low back pain as an icon array, with the numbers also written out."""
    content = course()
    shares = tuple(content.out_of_100 if shares is None else shares)
    if len(shares) > len(_SHAPES):
        raise ValueError(f"how_common_chart draws at most {len(_SHAPES)} groups, not {len(shares)}")
    groups = icon_groups(shares)
    icons = [
        _person(_CELL * (i % 10) + _CELL / 2, _CELL * (i // 10) + _CELL / 2 + 1, look)
        for i, look in enumerate(groups)
    ]
    size = _CELL * 10
    alt = "100 people with low back pain. " + " ".join(share_sentence(s) for s in shares)
    picture = element(
        "svg",
        element("title", alt),
        *icons,
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {size} {size + 4}",
        width=str(size),
        style="max-width:100%;height:auto;flex:0 0 auto",
        role="img",
        aria_label=alt,
        focusable="false",
    )
    items = []
    for look, share in enumerate(shares):
        key = element(
            "svg",
            _person(14, 15, look, scale=0.9),
            xmlns="http://www.w3.org/2000/svg",
            viewBox="0 0 28 30",
            width="28",
            height="30",
            aria_hidden="true",
            focusable="false",
            style="vertical-align:middle;margin-right:0.4em;flex:0 0 auto",
        )
        note = element("span", f" {share.note}", style="font-size:0.95em") if share.note else ""
        items.append(
            element(
                "li",
                key,
                element(
                    "span",
                    element("strong", figure_words(share).capitalize() + " out of 100: "),
                    share.label,
                    ".",
                    note,
                ),
                data_share=share.id,
                style="display:flex;align-items:flex-start;margin:0.5em 0",
            )
        )
    source_ids = dict.fromkeys(s for share in shares for s in share.sources)
    sources = sources_line((content.source(sid) for sid in source_ids), style="font-size:0.9em")
    return element(
        "figure",
        element(
            "figcaption",
            "Out of 100 people with low back pain",
            style="font-weight:bold;font-size:1.15em;margin-bottom:0.4em",
        ),
        element(
            "div",
            picture,
            element("ul", *items, style="list-style:none;padding:0;margin:0;flex:1 1 16em"),
            style="display:flex;flex-wrap:wrap;gap:1.5em;align-items:flex-start",
        ),
        sources,
        class_="backedu-how-common",
        style=theme.CARD + ";margin:0.5em 0",
    )
