"""Tiny helpers for building safe HTML: every piece of text is escaped on the way in."""

from __future__ import annotations

import base64
from html import escape


class Html(str):
    """A string of trusted, already-escaped HTML that Jupyter and Voilà display as HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def text(value: object) -> Html:
    """Escape ``value`` for use as HTML text or an attribute value."""
    return Html(escape(str(value), quote=True))


def element(tag: str, *children: str, **attributes: object) -> Html:
    """``<tag attr="...">children</tag>``. Plain ``str`` children are escaped; ``Html`` is kept.

    Attribute names use ``_`` for ``-`` (``aria_live`` -> ``aria-live``); ``class_`` -> ``class``.
    ``None`` and ``False`` attributes are left out.
    """
    attrs = "".join(
        f' {name.rstrip("_").replace("_", "-")}="{text(value)}"'
        for name, value in attributes.items()
        if value is not None and value is not False
    )
    body = "".join(child if isinstance(child, Html) else text(child) for child in children)
    return Html(f"<{tag}{attrs}>{body}</{tag}>")


def join(*parts: str) -> Html:
    """Concatenate HTML pieces, escaping any plain strings."""
    return Html("".join(part if isinstance(part, Html) else text(part) for part in parts))


def data_url(content: str, media_type: str) -> str:
    """``content`` packed into a ``data:`` URL: the link itself carries the file, so a download
    is made in the page and sent nowhere."""
    payload = base64.b64encode(content.encode("utf-8")).decode("ascii")
    return f"data:{media_type};charset=utf-8;base64,{payload}"
