"""The article's prevention tips set against the evidence, as a page part (pure HTML, no widgets).

Tips are grouped by verdict, best first, so a student sees at a glance what is worth doing. Each
verdict is shown in words and with an icon, never by colour alone.
"""

from __future__ import annotations

from backedu.content import course
from backedu.content.models import Tip, TipVerdict
from backedu.views.html import Html, element

# verdict -> (group heading, icon, label, border colour)
_VERDICTS: dict[TipVerdict, tuple[str, str, str, str]] = {
    TipVerdict.HELPS: ("Tips that help", "✔", "Helps", "#1b5e20"),
    TipVerdict.UNPROVEN: ("Tips with no good proof", "?", "Unproven", "#6b4e00"),
    TipVerdict.NOT_RECOMMENDED: ("Tips to skip", "✘", "Not advised", "#8a1c1c"),
}
_CARD_STYLE = (
    "border:1px solid #7a7a7a;border-left:6px solid {colour};border-radius:6px;"
    "background:#ffffff;color:#1a1a1a;padding:0.5em 1em;margin:0.5em 0"
)


def prevention_tips() -> Html:
    """Every prevention tip from the article: what it says, the verdict, why, and the sources."""
    groups = []
    for verdict, (heading, _, _, _) in _VERDICTS.items():
        tips = [tip for tip in course().tips if tip.verdict is verdict]
        if tips:
            groups.append(element("h3", heading))
            groups.extend(_card(tip) for tip in tips)
    return element(
        "section",
        *groups,
        class_="backedu-prevention-tips",
        aria_label="The article's prevention tips and what the evidence says",
    )


def _card(tip: Tip) -> Html:
    _, icon, label, colour = _VERDICTS[tip.verdict]
    parts = [
        element("h4", tip.name, style="margin:0.25em 0"),
        element(
            "p",
            element("span", icon, aria_hidden="true"),
            " ",
            element("strong", f"Evidence: {label}"),
            class_="backedu-tip-verdict",
        ),
        element("p", element("strong", "The article says: "), tip.article_says),
        element("p", element("strong", "Why: "), tip.why),
    ]
    if tip.instead is not None:
        parts.append(element("p", element("strong", "Do this instead: "), tip.instead))
    links = []
    for source_id in tip.sources:
        source = course().source(source_id)
        links.append(element("li", element("a", source.title, href=str(source.url))))
    parts.append(element("p", element("strong", "Sources:"), style="margin-bottom:0"))
    parts.append(element("ul", *links, style="margin-top:0"))
    return element(
        "article",
        *parts,
        class_="backedu-tip",
        style=_CARD_STYLE.format(colour=colour),
    )
