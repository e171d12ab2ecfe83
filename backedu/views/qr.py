"""QR codes of the address students open: SVG for the dashboard, block characters for the
teacher's terminal. segno (pure Python) is imported only when a code is drawn."""

from __future__ import annotations

import io

from backedu.views import theme


def qr_terminal(url: str) -> str:
    """A QR code of ``url`` drawn with block characters, for the teacher's terminal."""
    import segno  # only `backedu class` and the dashboard draw QR codes

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


def qr_svg(url: str, *, scale: int = 5) -> str:
    """A QR code of ``url`` as inline SVG (black on white, so phones read it off a projector)."""
    import segno

    return str(
        segno.make(url, error="m").svg_inline(scale=scale, dark=theme.BLACK, light=theme.WHITE)
    )
