"""The article's prevention tips set against the evidence, as a page part (pure HTML, no widgets).

Tips are grouped by verdict, best first, so a student sees at a glance what is worth doing. Each
verdict is shown in words and with an icon, never by colour alone.
"""

from __future__ import annotations

from backedu.content import course
from backedu.content.models import Tip, TipVerdict
from backedu.views import theme
from backedu.views.html import Html, element, icon
from backedu.views.sources import source_list

# verdict -> (icon, tone); the words are the content's tip_verdicts
_VERDICTS: dict[TipVerdict, tuple[str, theme.Tone]] = {
    TipVerdict.HELPS: ("✔", theme.SUCCESS),
    TipVerdict.UNPROVEN: ("?", theme.CAUTION),
    TipVerdict.NOT_RECOMMENDED: ("✘", theme.DANGER),
}


def prevention_tips() -> Html:
    """Every prevention tip from the article: what it says, the verdict, why, and the sources."""
    groups = []
    for verdict in _VERDICTS:
        tips = [tip for tip in course().tips if tip.verdict is verdict]
        if tips:
            groups.append(element("h3", course().words.tip_verdict(verdict).heading))
            groups.extend(_card(tip) for tip in tips)
    return element(
        "section",
        *groups,
        class_="backedu-prevention-tips",
        aria_label="The article's prevention tips and what the evidence says",
    )


def _card(tip: Tip) -> Html:
    sign, tone = _VERDICTS[tip.verdict]
    label = course().words.tip_verdict(tip.verdict).name
    parts = [
        element("h4", tip.name, style="margin:0.25em 0"),
        element(
            "p",
            icon(sign),
            " ",
            element("strong", f"Evidence: {label}"),
            class_="backedu-tip-verdict",
        ),
        element("p", element("strong", "The article says: "), tip.article_says),
        element("p", element("strong", "Why: "), tip.why),
    ]
    if tip.instead is not None:
        parts.append(element("p", element("strong", "Do this instead: "), tip.instead))
    parts.append(element("p", element("strong", "Sources:"), style="margin-bottom:0"))
    parts.append(source_list((course().source(s) for s in tip.sources), style="margin-top:0"))
    return element(
        "article",
        *parts,
        class_="backedu-tip",
        style=(
            f"border:1px solid {theme.EDGE};border-left:6px solid {tone.edge};border-radius:6px;"
            f"background:{theme.PAPER};color:{theme.INK};padding:0.5em 1em;margin:0.5em 0"
        ),
    )
