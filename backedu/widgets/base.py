"""What every backedu widget shares: showing and hiding a part, and pressing a button from code.

The convention each widget follows (docs/DEVELOPING.md has the whole list):

- ``Widget(content, *, options)``: the course (``backedu.content.Course``) first, then
  keyword-only options; the notebook's factory passes ``course()``.
- Every user action has a programmatic twin that goes through the same handler as a click, and a
  twin refuses what the page would not offer now (a hidden or disabled button).
- ``page_texts()`` returns every piece of text the widget can put on the page, in any state, as
  HTML or plain text. The reading-level check (``backedu.authoring.readability``) measures these,
  so a widget says itself what it shows.
"""

from __future__ import annotations

from typing import Protocol

import ipywidgets as widgets

from backedu.errors import BackeduError


class ShowsText(Protocol):
    """A page part that can list everything it may show a student."""

    def page_texts(self) -> list[str]: ...


def show(part: widgets.Widget, visible: bool) -> None:
    """Show or hide ``part`` (its layout's ``display``)."""
    part.layout.display = None if visible else "none"


def is_shown(part: widgets.Widget) -> bool:
    return part.layout.display != "none"


def press(
    button: widgets.Button,
    error: type[BackeduError],
    why: str,
    *,
    within: widgets.Widget | None = None,
) -> None:
    """Click ``button`` as a user would; a disabled button, or one hidden itself or in the hidden
    box ``within``, raises ``error`` instead: what the user cannot press, code cannot either."""
    hidden = not is_shown(button) or (within is not None and not is_shown(within))
    if button.disabled or hidden:
        raise error(f"'{button.description}' cannot be pressed now: {why}")
    button.click()


def widget_texts(root: widgets.Widget) -> list[str]:
    """The text a widget tree shows now: HTML and labels, control descriptions, the options of
    menus and lists, and the hints in empty text boxes (never what someone typed)."""
    found: list[str] = []
    pending = [root]
    while pending:
        part = pending.pop(0)
        if isinstance(part, widgets.HTML | widgets.Label):
            found.append(part.value)
        description = getattr(part, "description", "")
        if isinstance(description, str):
            found.append(description)
        if isinstance(part, widgets.Text | widgets.Textarea):
            found.append(part.placeholder)
        found += getattr(part, "_options_labels", ())
        pending += list(getattr(part, "children", ()))
    return [text for text in found if text]
