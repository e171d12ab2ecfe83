"""HTML for the symptom checklist: the emergency panel, the live advice, each sign's "why" and
the note a tick shows. Pure functions from a ``TriageResult`` or a ``Symptom`` to escaped HTML.

Meaning is never carried by colour alone: every level has an icon *and* its name in words
("Emergency: call 999 now"). Icons are hidden from screen readers, which read the words.
"""

from __future__ import annotations

from backedu.content import course
from backedu.content.models import Level, Symptom, SymptomGroup
from backedu.logic.region import Region
from backedu.logic.triage import TriageResult, advice_for, ages_words
from backedu.views import theme
from backedu.views.html import Html, element, join
from backedu.views.pictures import picture
from backedu.views.sources import source_list

__all__ = [
    "LEVEL_ICONS",
    "advice_panel",
    "checklist_intro",
    "checklist_style",
    "emergency_panel",
    "escalation_sentence",
    "group_heading",
    "level_badge",
    "sign_item",
    "sign_label",
    "tick_note",
    "why",
]

# Icons (hidden from screen readers) for each level. DejaVu Sans glyphs, so they show on a plain
# Debian or Windows machine without an emoji font. Colours: ``theme.LEVEL_TONES``.
LEVEL_ICONS: dict[Level | None, str] = {
    None: "☐",
    Level.SELF_CARE: "✔",
    Level.GP: "☎",
    Level.URGENT: "⚑",
    Level.EMERGENCY: "⚠",
}


def level_badge(level: Level | None, region: Region | None = None) -> Html:
    """The level's icon and heading, like "⚠ Emergency: call 999 now"."""
    return join(
        element(
            "span",
            LEVEL_ICONS[level],
            aria_hidden="true",
            style=f"color:{theme.LEVEL_TONES[level].edge};font-size:1.2em",
        ),
        " ",
        element("strong", advice_for(level, region).heading),
    )


def sign_label(symptom: Symptom) -> str:
    """The sign as the checklist lists it: its label, and the ages it is for ("(under 16)")."""
    ages = ages_words(symptom.ages)
    return f"{symptom.label} ({ages.lower()})" if ages else symptom.label


def emergency_panel(result: TriageResult) -> Html:
    """What to do now, and why, when an emergency sign is ticked; empty otherwise.

    ``role="alert"``: screen readers say it at once, interrupting anything else.
    """
    if not result.is_emergency:
        return Html("")
    advice = result.advice
    tone = theme.LEVEL_TONES[Level.EMERGENCY]
    return element(
        "section",
        element(
            "p",
            element(
                "span",
                LEVEL_ICONS[Level.EMERGENCY],
                aria_hidden="true",
                style="font-size:1.6em;margin-right:0.3em",
            ),
            # capitals for the eye only: the words are the level's own, as every page says them
            element("strong", advice.heading, style="text-transform:uppercase"),
            style=f"margin:0 0 0.4em 0;font-size:1.35em;color:{tone.edge}",
        ),
        element("p", element("strong", advice.action)),
        element("p", "You ticked:", style="margin:0.4em 0 0 0"),
        element("ul", *(element("li", sign_item(s)) for s in result.triggers)),
        element(
            "p",
            "If this is about you or someone near you, get help now. Do not finish the lesson "
            "first. This checklist teaches. It does not diagnose.",
        ),
        class_="backedu-emergency-panel",
        role="alert",
        aria_label="Emergency",
        style=(
            f"{theme.tinted(tone, border='5px solid')};border-radius:8px;"
            f"padding:0.7em 1em;margin:0 0 0.8em 0;line-height:1.45;"
            f"box-shadow:0 2px 8px {theme.SHADOW}"
        ),
    )


def advice_panel(result: TriageResult) -> Html:
    """The live advice: the level in words, what to do, which ticks decided it, what to watch.

    A polite live region: screen readers read each change when the student pauses.
    """
    level = result.level
    tone = theme.LEVEL_TONES[level]
    parts = [
        element("p", level_badge(level, result.region), style="margin:0 0 0.3em 0"),
        element("p", result.advice.action, style="margin:0"),
    ]
    if level is Level.EMERGENCY:
        parts.append(element("p", "The red box above says what to do.", style="margin:0.3em 0"))
    if result.triggers:
        why_words = "Why: you ticked" if len(result.selected) == 1 else "Why: the most urgent "
        if len(result.selected) > 1:
            why_words += "signs you ticked" if len(result.triggers) > 1 else "sign you ticked"
        parts += [
            element("p", why_words, style="margin:0.4em 0 0 0"),
            element("ul", *(element("li", sign_item(s)) for s in result.triggers)),
        ]
    if result.watch_for:
        parts += [
            element("p", "Watch for changes:", style="margin:0.4em 0 0 0"),
            element(
                "ul",
                *(element("li", escalation_sentence(s, result.region)) for s in result.watch_for),
            ),
        ]
    return element(
        "section",
        *parts,
        class_=f"backedu-advice-panel backedu-level-{level or 'none'}",
        role="status",
        aria_live="polite",
        aria_atomic="true",
        aria_label="Advice",
        style=(
            f"{theme.tinted(tone, border='2px solid')};border-left-width:8px;border-radius:6px;"
            "padding:0.6em 1em;margin:0.5em 0 0.8em 0"
        ),
    )


def checklist_intro() -> Html:
    """The checklist's title and what it is for: it teaches, it does not diagnose."""
    return element(
        "div",
        element("h2", "Symptom checklist", style="margin:0.2em 0 0.3em 0;font-size:1.3em"),
        element(
            "p",
            element("strong", "This checklist teaches. It does not diagnose."),
            " It cannot tell what is wrong with your own body. Tick the signs in a story, or "
            "any you want to learn about. The box below shows how soon someone with them "
            "should get help, and why. Open ",
            element("q", "Why?"),
            " under a sign to learn more. Nothing you tick is saved or sent anywhere.",
        ),
        class_="backedu-checklist-intro",
    )


def group_heading(group: SymptomGroup) -> Html:
    words = course().words.group(group)
    return element(
        "div",
        element("h3", words.heading, style="margin:0.9em 0 0.2em 0;font-size:1.15em"),
        element("p", words.intro, style="margin:0 0 0.2em 0"),
        class_=f"backedu-group backedu-group-{group}",
    )


def why(symptom: Symptom, region: Region | None = None) -> Html:
    """A "Why?" disclosure: how urgent the sign is on its own, why, and where that comes from.

    ``<details>`` opens with Enter or Space and needs no kernel round trip.
    """
    parts = [
        element("p", level_badge(symptom.level, region), style="margin:0.2em 0"),
        element("p", symptom.explanation, style="margin:0.2em 0"),
    ]
    if symptom.ages is not None:
        parts.append(
            element(
                "p",
                f"This sign is for people aged {ages_words(symptom.ages).lower()}.",
                style="margin:0.2em 0",
            )
        )
    if symptom.points_to:
        parts.append(
            element(
                "p",
                "This is not a sign of a lower back spasm. It may point to ",
                element("strong", symptom.points_to),
                ".",
                style="margin:0.2em 0",
            )
        )
    escalation = escalation_sentence(symptom, region, with_label=False)
    if escalation:
        parts.append(element("p", escalation, style="margin:0.2em 0"))
    if symptom.picture:
        parts.append(picture(symptom.picture, uid=f"why-{symptom.id}", sources=False))
    article = _article_note(symptom)
    if article:
        parts.append(element("p", element("em", article), style="margin:0.2em 0"))
    parts += [
        element("p", "Where this comes from:", style="margin:0.3em 0 0 0"),
        source_list((course().source(s) for s in symptom.sources), style="margin:0.1em 0"),
    ]
    return element(
        "details",
        element(
            "summary",
            "Why?",
            element("span", f" About: {symptom.label}", class_="backedu-sr-only"),
        ),
        element(
            "div", *parts, style=f"padding:0.2em 0 0.4em 0.8em;border-left:3px solid {theme.EDGE}"
        ),
        class_="backedu-why",
    )


def tick_note(symptom: Symptom, region: Region | None = None) -> Html:
    """Shown under a ticked sign: how urgent it is on its own, next to where the student is.

    For an emergency sign it points to the panel at the top, which may be out of view.
    """
    tone = theme.LEVEL_TONES[symptom.level]
    text: list[str] = ["On its own, this means: ", level_badge(symptom.level, region)]
    if symptom.level is Level.EMERGENCY:
        text.append(". The red box at the top of the checklist says what to do.")
    return element(
        "p",
        *text,
        class_=f"backedu-tick-note backedu-level-{symptom.level}",
        style=(
            f"margin:0.1em 0 0.3em 1.7em;padding:0.15em 0.5em;border-left:4px solid {tone.edge};"
            f"background:{tone.fill};color:{theme.INK}"
        ),
    )


def sign_item(symptom: Symptom) -> Html:
    """A sign as every list shows it: its label (and ages), what it may point to, and first aid."""
    parts: list[str] = [sign_label(symptom)]
    if symptom.points_to:
        parts.append(f" (this may be {symptom.points_to})")
    if symptom.first_aid:
        parts += [". ", element("strong", "First aid:"), f" {symptom.first_aid}"]
    return join(*parts)


def escalation_sentence(symptom: Symptom, region: Region | None, *, with_label: bool = True) -> str:
    """Like "Label: if it spreads to both legs, this changes to Emergency: call 999 now."

    Empty for a sign that does not escalate.
    """
    if symptom.escalates_if is None or symptom.escalates_to is None:
        return ""
    condition = symptom.escalates_if.rstrip(".")
    heading = advice_for(symptom.escalates_to, region).heading
    sentence = f"if {condition[0].lower()}{condition[1:]}, this changes to {heading}."
    return f"{symptom.label}: {sentence}" if with_label else sentence[0].upper() + sentence[1:]


def _article_note(symptom: Symptom) -> str | None:
    if not symptom.from_article:
        return None
    words = course().words.group(symptom.group)
    if symptom.level is Level.EMERGENCY and words.article_note_if_emergency:
        return words.article_note_if_emergency
    return words.article_note


def checklist_style() -> Html:
    """The checklist's stylesheet (``theme.CHECKLIST_CSS``), as a ``<style>`` element."""
    return element("style", Html(theme.CHECKLIST_CSS))
