"""Looking inside a widget tree without a browser: its parts, and what it sends to the page.

``descendants`` walks the parts a widget shows (its children, and theirs). ``page_states`` is what
Jupyter sends the page for the whole tree: the state of every widget it refers to (children,
layout, style, any other part), each once. Tests that prove something never reaches the page (an
answer key, a verdict, a student's words) read ``page_text`` (every string in those states, keys
included) or ``page_json`` (the states as the JSON sent, to look for a key or a key-value pair).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import ipywidgets as widgets


def descendants(root: widgets.Widget) -> Iterator[widgets.Widget]:
    """``root`` and every widget below it, parents before their children."""
    yield root
    for child in getattr(root, "children", ()):
        yield from descendants(child)


def by_class(root: widgets.Widget, css_class: str) -> list[widgets.Widget]:
    """The widgets under ``root`` (and itself) that carry ``css_class``."""
    return [w for w in descendants(root) if css_class in getattr(w, "_dom_classes", ())]


def one(root: widgets.Widget, css_class: str) -> widgets.Widget:
    """The one widget under ``root`` that carries ``css_class``."""
    (found,) = by_class(root, css_class)
    return found


def page_states(root: widgets.Widget) -> list[dict[str, Any]]:
    """The state of ``root`` and of every widget it refers to, as sent to the page."""
    states: list[dict[str, Any]] = []
    seen: set[int] = set()
    pending: list[widgets.Widget] = [root]
    while pending:
        widget = pending.pop()
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        states.append(widget.get_state())
        for name in widget.keys:
            value = getattr(widget, name)
            parts = value if isinstance(value, list | tuple) else [value]
            pending += [part for part in parts if isinstance(part, widgets.Widget)]
    return states


def page_json(root: widgets.Widget) -> str:
    """Everything the widget tree sends to the page, as one JSON string."""
    return json.dumps(page_states(root), ensure_ascii=False, default=str)


def page_text(root: widgets.Widget) -> str:
    """Every string the widget tree sends to the page (keys and values), one per line."""
    strings: list[str] = []

    def collect(value: Any) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                strings.append(str(key))
                collect(item)
        elif isinstance(value, list | tuple):
            for item in value:
                collect(item)

    collect(page_states(root))
    return "\n".join(strings)
