"""Where a fact comes from: links to the sources, in the one shape every page uses.

Links open in a new tab (Voilà does that for output links anyway) and are underlined, so they
are told apart from text by more than colour.
"""

from __future__ import annotations

from collections.abc import Iterable

from backedu.content.models import Source
from backedu.views import theme
from backedu.views.html import Html, element, join


def source_link(source: Source) -> Html:
    return element(
        "a",
        source.title,
        href=source.url,
        target="_blank",
        rel="noopener",
        style=theme.LINK_STYLE,
    )


def source_list(sources: Iterable[Source], **attributes: object) -> Html:
    """A list of the sources, each with its publisher."""
    return element(
        "ul",
        *(element("li", source_link(source), f", {source.publisher}") for source in sources),
        **attributes,
    )


def sources_line(sources: Iterable[Source], **attributes: object) -> Html:
    """ "Sources: title (publisher); title (publisher)" in one paragraph."""
    links: list[str] = []
    for index, source in enumerate(sources):
        links += ["; " if index else "", source_link(source), f" ({source.publisher})"]
    return element("p", element("strong", "Sources: "), join(*links), **attributes)
