"""A simple picture of the lower back as inline SVG, with one part highlighted.

The project's own drawing (no image files, no network): three back bones seen from behind, the
discs between them, the small joints, the nerve bundle inside the spine, the nerve roots leaving
it, and the muscles on each side. The highlighted part is shown by more than colour: a striped
fill, a thick dark outline and a boxed, bold label; and the SVG's text alternative names it.
"""

from __future__ import annotations

from backedu.content import course
from backedu.content.models import Structure
from backedu.views import theme
from backedu.views.html import Html, element

WIDTH, HEIGHT = 560, 300
_CX = 280  # the middle of the spine

# Vertebrae: top y of each bone; discs sit in the gaps below them.
_BONE_W, _BONE_H, _DISC_H = 116, 56, 20
_BONE_TOPS = (18, 96, 174)
_DISC_TOPS = tuple(top + _BONE_H + 1 for top in _BONE_TOPS)  # 75, 153, 231

_INK = theme.INK
_LINE = theme.LINE
_PLAIN: dict[Structure, str] = {
    Structure.MUSCLE: theme.SPINE_MUSCLE,
    Structure.VERTEBRA: theme.SPINE_BONE,
    Structure.DISC: theme.SPINE_DISC,
    Structure.JOINT: theme.SPINE_JOINT,
    Structure.NERVE_ROOT: theme.SPINE_NERVE_ROOT,
    Structure.NERVE_BUNDLE: theme.SPINE_NERVE_BUNDLE,
}
_HIGHLIGHT = theme.SPINE_HIGHLIGHT


def part_name(structure: Structure) -> str:
    """The part's name, as the content words it ("Nerve root")."""
    return course().words.structure(structure).name


_BASE_TEXT = (
    "Diagram of the lower back, seen from behind: three back bones (vertebrae) with a disc "
    "below each one, small joints at their sides, the nerve bundle running down the middle, "
    "nerve roots branching off it to the sides, and the back muscles on each side."
)


def alt_text(structure: Structure) -> str:
    """What the picture shows, for people who cannot see it."""
    if structure not in _PLAIN:
        return f"{_BASE_TEXT} No part is highlighted."
    return f"{_BASE_TEXT} The {part_name(structure).lower()} is highlighted."


def spine_diagram(structure: Structure, *, uid: str) -> Html:
    """The lower back with ``structure`` highlighted (nothing for ``NONE`` and ``OUTSIDE``).

    ``uid`` makes the SVG's internal ids unique when several diagrams share a page.
    """
    hatch = f"backedu-hatch-{uid}"
    parts = [
        element("title", alt_text(structure)),
        element(
            "defs",
            element(
                "pattern",
                element("rect", width="8", height="8", fill=_HIGHLIGHT),
                element("path", d="M0,8 L8,0", stroke=theme.WHITE, stroke_width="2.5"),
                id=hatch,
                width="8",
                height="8",
                patternUnits="userSpaceOnUse",
            ),
        ),
        _muscles(structure is Structure.MUSCLE, hatch),
        _bones(structure is Structure.VERTEBRA, hatch),
        _discs(structure is Structure.DISC, hatch),
        _joints(structure is Structure.JOINT, hatch),
        _nerve_bundle(structure is Structure.NERVE_BUNDLE, hatch),
        _nerve_roots(structure is Structure.NERVE_ROOT),
        _labels(structure),
    ]
    return element(
        "svg",
        *parts,
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {WIDTH} {HEIGHT}",
        width="100%",
        style=f"max-width:{WIDTH}px;height:auto;display:block;background:{theme.PAPER}",
        role="img",
        aria_label=alt_text(structure),
        focusable="false",
        class_="backedu-spine-diagram",
        data_highlight=structure.value,
    )


def _shape_style(on: bool, plain: str, hatch: str) -> dict[str, str]:
    if on:
        return {"fill": f"url(#{hatch})", "stroke": _INK, "stroke_width": "3"}
    return {"fill": plain, "stroke": _LINE, "stroke_width": "1.2"}


def _group(structure: Structure, on: bool, *children: str) -> Html:
    return element(
        "g", *children, data_part=structure.value, data_highlighted="true" if on else None
    )


def _muscles(on: bool, hatch: str) -> Html:
    style = _shape_style(on, _PLAIN[Structure.MUSCLE], hatch)
    shapes = []
    for x in (_CX - 168, _CX + 92):  # one column of muscle on each side of the spine
        shapes.append(element("rect", x=str(x), y="10", width="76", height="276", rx="30", **style))
        # fibre lines make it read as muscle, and as more than a coloured block
        shapes += [
            element(
                "path",
                d=f"M{x + dx},30 L{x + dx},266",
                stroke=_INK if on else theme.SPINE_MUSCLE_FIBRE,
                stroke_width="1",
                fill="none",
            )
            for dx in (22, 38, 54)
        ]
    return _group(Structure.MUSCLE, on, *shapes)


def _bones(on: bool, hatch: str) -> Html:
    style = _shape_style(on, _PLAIN[Structure.VERTEBRA], hatch)
    x = _CX - _BONE_W // 2
    shapes = [
        element(
            "rect",
            x=str(x),
            y=str(top),
            width=str(_BONE_W),
            height=str(_BONE_H),
            rx="10",
            **style,
        )
        for top in _BONE_TOPS
    ]
    return _group(Structure.VERTEBRA, on, *shapes)


def _discs(on: bool, hatch: str) -> Html:
    style = _shape_style(on, _PLAIN[Structure.DISC], hatch)
    width = _BONE_W - 10
    shapes = [
        element(
            "rect",
            x=str(_CX - width // 2),
            y=str(top),
            width=str(width),
            height=str(_DISC_H - 2),
            rx="9",
            **style,
        )
        for top in _DISC_TOPS
    ]
    return _group(Structure.DISC, on, *shapes)


def _joints(on: bool, hatch: str) -> Html:
    style = _shape_style(on, _PLAIN[Structure.JOINT], hatch)
    shapes = [
        element("circle", cx=str(_CX + side * 72), cy=str(_joint_y(top)), r="9", **style)
        for top in _DISC_TOPS
        for side in (-1, 1)
    ]
    return _group(Structure.JOINT, on, *shapes)


def _joint_y(disc_top: int) -> int:
    # Just above the disc, where two bones meet: this also leaves room for the disc's label line.
    return disc_top - 3


def _nerve_bundle(on: bool, hatch: str) -> Html:
    style = _shape_style(on, _PLAIN[Structure.NERVE_BUNDLE], hatch)
    # The bundle narrows into loose strands at the bottom: the "horse's tail".
    outline = element("path", d=_bundle_path(), **style)
    strands = [
        element(
            "path",
            d=f"M{_CX + dx},12 L{_CX + dx},250 Q{_CX + dx * 1.6},272 {_CX + dx * 2.4},292",
            stroke=_INK if on else theme.SPINE_NERVE_STRAND,
            stroke_width="1.3",
            fill="none",
        )
        for dx in (-8, -4, 0, 4, 8)
    ]
    return _group(Structure.NERVE_BUNDLE, on, outline, *strands)


def _bundle_path() -> str:
    left, right = _CX - 13, _CX + 13
    return (
        f"M{left},6 L{right},6 L{right},248 Q{_CX + 24},274 {_CX + 28},296 "
        f"L{_CX - 28},296 Q{_CX - 24},274 {left},248 Z"
    )


def _nerve_roots(on: bool) -> Html:
    # Drawn as thick lines: a dark, wider line beneath gives the highlighted roots an outline.
    colour = _HIGHLIGHT if on else _PLAIN[Structure.NERVE_ROOT]
    shapes = []
    for top in _DISC_TOPS:
        y = top + 4
        for side in (-1, 1):
            d = f"M{_CX + side * 12},{y} Q{_CX + side * 60},{y + 4} {_CX + side * 104},{y + 44}"
            if on:
                shapes.append(
                    element(
                        "path",
                        d=d,
                        stroke=_INK,
                        stroke_width="10",
                        fill="none",
                        stroke_dasharray="none",
                    )
                )
            shapes.append(
                element(
                    "path",
                    d=d,
                    stroke=colour,
                    stroke_width="6" if on else "4",
                    fill="none",
                    stroke_linecap="round",
                    stroke_dasharray="7 3" if on else None,
                )
            )
    return _group(Structure.NERVE_ROOT, on, *shapes)


# Where each label sits and the point its leader line reaches.
_LABEL_SPOTS: dict[Structure, tuple[str, int, int, int]] = {
    # structure: (side, label y, target x, target y)
    Structure.MUSCLE: ("left", 30, _CX - 150, 40),
    Structure.JOINT: ("left", 128, _CX - 81, _joint_y(_DISC_TOPS[1])),
    Structure.NERVE_ROOT: ("left", 226, _CX - 96, _DISC_TOPS[2] + 38),
    Structure.VERTEBRA: ("right", 30, _CX + 50, 30),
    Structure.DISC: ("right", 150, _CX + 46, _DISC_TOPS[1] + 13),
    Structure.NERVE_BUNDLE: ("right", 226, _CX + 10, 226),
}


def _labels(highlighted: Structure) -> Html:
    pieces = []
    for structure, (side, label_y, tx, ty) in _LABEL_SPOTS.items():
        on = structure is highlighted
        label = part_name(structure)
        if side == "left":
            text_x, anchor, line_from = 10, "start", 10 + _text_width(label) + 6
        else:
            text_x, anchor, line_from = WIDTH - 10, "end", WIDTH - 16 - _text_width(label)
        if on:
            box_w = _text_width(label) + 14
            box_x = text_x - 7 if side == "left" else text_x - box_w + 7
            pieces.append(
                element(
                    "rect",
                    x=str(box_x),
                    y=str(label_y - 16),
                    width=str(box_w),
                    height="24",
                    rx="4",
                    fill=theme.PAPER,
                    stroke=_INK,
                    stroke_width="2.5",
                )
            )
        pieces.append(
            element(
                "path",
                d=f"M{line_from},{label_y - 5} L{tx},{ty}",
                stroke=_INK,
                stroke_width="2" if on else "1",
                fill="none",
            )
        )
        pieces.append(element("circle", cx=str(tx), cy=str(ty), r="3", fill=_INK))
        pieces.append(
            element(
                "text",
                label,
                x=str(text_x),
                y=str(label_y),
                text_anchor=anchor,
                font_size="14",
                font_weight="bold" if on else "normal",
                fill=_INK,
                font_family="sans-serif",
            )
        )
    return element("g", *pieces, aria_hidden="true")


def _text_width(label: str) -> int:
    """Rough width of a 14 px sans-serif label: enough to place lines and boxes."""
    return round(len(label) * 7.6)
