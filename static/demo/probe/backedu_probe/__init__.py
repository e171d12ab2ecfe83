"""Widgets and a notice shaped like backedu's, for proving the static site's mechanisms.

``notice()`` is plain HTML, so the site's build shows it before Python starts in the browser.
``demo()`` needs a kernel: a checkbox whose change is observed and shown as HTML, a button, and
a download carried in a ``data:`` URL (nothing is sent anywhere).
"""

from __future__ import annotations

import base64
import html
import os

__all__ = ["demo", "download_url", "notice"]

_REGIONS = {"uk": "the UK", "us": "the US", "eu": "Europe"}


class Html:
    """Shown as HTML by Jupyter and Voici."""

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup


def notice() -> Html:
    """A static notice that names the region the site was built for."""
    region = os.environ.get("BACKEDU_REGION", "uk")
    where = _REGIONS.get(region, region)
    return Html(
        '<aside class="backedu-probe-notice" aria-label="Probe notice">'
        f"<p><strong>Probe notice.</strong> This site was built for {html.escape(where)}.</p>"
        "</aside>"
    )


def download_url(text: str) -> str:
    """``text`` packed into a ``data:`` URL: the link itself carries the file."""
    payload = base64.b64encode(text.encode()).decode()
    return f"data:text/plain;charset=utf-8;base64,{payload}"


def demo():
    """Checkbox -> observe -> HTML, a counting button, and a download link."""
    import ipywidgets as widgets

    checkbox = widgets.Checkbox(value=False, description="I have read the notice", indent=False)
    status = widgets.HTML('<p role="status">Not ticked yet.</p>')
    button = widgets.Button(description="Count")
    counter = widgets.HTML('<p role="status">Pressed 0 times.</p>')
    link = widgets.HTML()
    presses = [0]

    def on_tick(change: dict) -> None:
        word = "Ticked" if change["new"] else "Not ticked"
        status.value = f'<p role="status">{word}.</p>'
        note = f"Probe note: the box is {'ticked' if change['new'] else 'not ticked'}.\n"
        link.value = (
            f'<a class="backedu-probe-download" download="probe-note.txt" '
            f'href="{download_url(note)}">Download my note</a>'
        )

    def on_press(_button: object) -> None:
        presses[0] += 1
        counter.value = f'<p role="status">Pressed {presses[0]} times.</p>'

    checkbox.observe(on_tick, names="value")
    button.on_click(on_press)
    on_tick({"new": False})
    box = widgets.VBox([checkbox, status, button, counter, link])
    box.add_class("backedu-probe")
    return box
