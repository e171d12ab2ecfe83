"""The lessons' pictures: our own simple drawings as inline SVG (no image files, nothing loaded),
like the spine diagram. Each drawing is code here; its words are content (pictures.yaml): a title
and caption shown under it, and a text alternative read out instead of it.

People are drawn from round-ended strokes (an outline under a fill), so a figure is a few lines of
points; the meaning never rests on colour (the saddle area is striped and outlined too, and every
movement has numbered frames, an arrow and a caption that says it in words).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from backedu.content import course
from backedu.content.models import Drawing, Picture
from backedu.errors import PictureError
from backedu.views import theme
from backedu.views.html import Html, element, join
from backedu.views.sources import sources_line

__all__ = ["DRAWINGS", "picture"]

Point = tuple[float, float]
Limb = tuple[Sequence[Point], float]  # the points a stroke runs through, and its width

FRAME_W, FRAME_H = 270, 220  # one frame of a movement; a drawing is two frames side by side
_OUTLINE = 3.0  # how much wider a limb's outline is than its fill


# --- pieces ---------------------------------------------------------------------------------------
def _points(points: Sequence[Point], dx: float = 0) -> str:
    return " ".join(f"{x + dx:g},{y:g}" for x, y in points)


def _figure(head: Point, limbs: Sequence[Limb], *, dx: float = 0, head_r: float = 14) -> Html:
    """A person: every limb's outline first, then every fill, so the joints run together."""
    hx, hy = head
    parts = []
    for colour, extra in ((theme.INK, _OUTLINE), (theme.FIGURE, 0.0)):
        parts += [
            element(
                "polyline",
                points=_points(points, dx),
                fill="none",
                stroke=colour,
                stroke_width=f"{width + extra:g}",
                stroke_linecap="round",
                stroke_linejoin="round",
            )
            for points, width in limbs
        ]
    parts.append(
        element(
            "circle",
            cx=f"{hx + dx:g}",
            cy=f"{hy:g}",
            r=f"{head_r:g}",
            fill=theme.FIGURE,
            stroke=theme.INK,
            stroke_width="1.5",
        )
    )
    return element("g", *parts)


def _arrow(points: Sequence[Point], *, dx: float = 0) -> Html:
    """A thick arrow through ``points``, its head at the last one."""
    (x1, y1), (x2, y2) = points[-2], points[-1]
    length = max(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5, 1e-9)
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    back = (x2 - 11 * ux, y2 - 11 * uy)
    head = [(x2, y2), (back[0] - 7 * uy, back[1] + 7 * ux), (back[0] + 7 * uy, back[1] - 7 * ux)]
    return element(
        "g",
        element(
            "polyline",
            points=_points([*points[:-1], back], dx),
            fill="none",
            stroke=theme.ARROW,
            stroke_width="4",
            stroke_linecap="round",
            stroke_linejoin="round",
        ),
        element("polygon", points=_points(head, dx), fill=theme.ARROW),
        class_="backedu-picture-arrow",
    )


def _floor(y: float, *, dx: float = 0, mat: bool = True) -> Html:
    parts = []
    if mat:
        parts.append(
            element(
                "rect",
                x=f"{dx + 8:g}",
                y=f"{y:g}",
                width=f"{FRAME_W - 16}",
                height="9",
                rx="3",
                fill=theme.PROP,
                stroke=theme.LINE,
            )
        )
    parts.append(_line(dx, y + 9, dx + FRAME_W, y + 9, 2, colour=theme.LINE))
    return join(*parts)


def _shape(tag: str, fill: str, *, edge: str = theme.INK, **geometry: str) -> Html:
    """A filled shape with a thin outline."""
    return element(tag, fill=fill, stroke=edge, stroke_width="1.5", **geometry)


def _pillow(cx: float, cy: float, rx: float, ry: float, *, dx: float = 0) -> Html:
    return _shape(
        "ellipse", theme.PROP, cx=f"{cx + dx:g}", cy=f"{cy:g}", rx=f"{rx:g}", ry=f"{ry:g}"
    )


def _number(n: int, *, dx: float = 0) -> Html:
    """The frame's number in a ring: the caption's steps are numbered the same."""
    return element(
        "g",
        element(
            "circle",
            cx=f"{dx + 18:g}",
            cy="18",
            r="13",
            fill=theme.PAPER,
            stroke=theme.INK,
            stroke_width="2",
        ),
        element(
            "text",
            str(n),
            x=f"{dx + 18:g}",
            y="23.5",
            text_anchor="middle",
            font_size="15",
            font_weight="bold",
            font_family="sans-serif",
            fill=theme.INK,
        ),
    )


def _label(text: str, x: float, y: float, *, anchor: str = "start", bold: bool = False) -> Html:
    return element(
        "text",
        text,
        x=f"{x:g}",
        y=f"{y:g}",
        text_anchor=anchor,
        font_size="14",
        font_weight="bold" if bold else "normal",
        font_family="sans-serif",
        fill=theme.INK,
    )


def _line(
    x1: float, y1: float, x2: float, y2: float, width: float = 1.2, *, colour: str = theme.INK
) -> Html:
    return element(
        "line",
        x1=f"{x1:g}",
        y1=f"{y1:g}",
        x2=f"{x2:g}",
        y2=f"{y2:g}",
        stroke=colour,
        stroke_width=f"{width:g}",
    )


def _two_frames(first: Html, second: Html) -> Html:
    """Two frames side by side, numbered, with a line between them."""
    return join(
        first,
        second,
        _number(1),
        _number(2, dx=FRAME_W + 20),
        _line(FRAME_W + 10, 10, FRAME_W + 10, FRAME_H - 10, 1),
    )


# --- the drawings ---------------------------------------------------------------------------------
def _knee_rolls() -> Html:
    """Seen from the feet, lying on the back: knees up, then both knees rolled to one side while
    the shoulders and arms stay flat on the floor."""
    floor = 190
    arms: list[Limb] = [
        ([(84, floor - 12), (26, floor - 5)], 13),
        ([(186, floor - 12), (244, floor - 5)], 13),
    ]

    def lying(dx: float, knees: tuple[Point, Point]) -> Html:
        legs: list[Limb] = [
            ([(122, floor - 6), knees[0]], 19),
            ([(148, floor - 6), knees[1]], 19),
        ]
        return join(
            _floor(floor, dx=dx),
            # the head beyond the chest, then the chest and shoulders flat on the floor
            _shape("circle", theme.FIGURE, cx=f"{135 + dx:g}", cy="136", r="19"),
            _shape(
                "ellipse", theme.FIGURE, cx=f"{135 + dx:g}", cy=f"{floor - 20}", rx="64", ry="21"
            ),
            _figure((135, floor - 20), [*arms, *legs], dx=dx, head_r=0.1),
        )

    second = FRAME_W + 20
    return _two_frames(
        lying(0, ((126, 128), (146, 128))),
        join(
            lying(second, ((192, 146), (208, 162))),
            _arrow([(150, 70), (196, 78), (226, 110)], dx=second),
        ),
    )


def _bottom_to_heels() -> Html:
    """Seen from the side: on all fours, then the bottom moved back towards the heels."""
    floor = 190
    all_fours: list[Limb] = [
        ([(74, 110), (190, 108)], 30),  # back
        ([(74, 112), (74, floor - 4)], 13),  # arm
        ([(188, 112), (190, floor - 7)], 16),  # thigh
        ([(190, floor - 7), (252, floor - 5)], 12),  # shin on the floor
    ]
    sitting_back: list[Limb] = [
        ([(112, 152), (226, 148)], 30),
        ([(112, 154), (56, floor - 4)], 13),
        ([(228, 150), (190, floor - 7)], 16),
        ([(190, floor - 7), (252, floor - 5)], 12),
    ]
    second = FRAME_W + 20
    return _two_frames(
        join(_floor(floor), _figure((48, 96), all_fours)),
        join(
            _floor(floor, dx=second),
            _figure((92, 160), sitting_back, dx=second),
            _arrow([(176, 112), (214, 112), (236, 134)], dx=second),
        ),
    )


def _pelvic_tilts() -> Html:
    """Seen from the side, lying on the back, knees bent: the lower back flat, then arched."""
    floor = 186
    legs: list[Limb] = [
        ([(162, 171), (206, 126)], 15),
        ([(206, 126), (240, floor - 7)], 12),
        ([(240, floor - 6), (258, floor - 6)], 8),
    ]
    flat: Limb = ([(52, 172), (162, 172)], 28)
    arched: Limb = ([(52, 172), (92, 166), (122, 156), (148, 162), (164, 172)], 28)
    second = FRAME_W + 20
    return _two_frames(
        join(
            _floor(floor),
            _figure((30, 166), [flat, *legs]),
            _arrow([(120, 110), (120, 148)]),
        ),
        join(
            _floor(floor, dx=second),
            _figure((30, 166), [arched, *legs], dx=second),
            _arrow([(118, 128), (118, 104)], dx=second),
        ),
    )


def _sleep_positions() -> Html:
    """On the side with a pillow between the knees; on the back with pillows under the knees."""
    floor = 192
    far_leg: list[Limb] = [([(170, 170), (226, 174)], 15), ([(226, 174), (204, 186)], 12)]
    near_leg: list[Limb] = [([(168, 152), (224, 142)], 16), ([(224, 142), (206, 170)], 12)]
    side_body: list[Limb] = [
        ([(66, 152), (168, 156)], 30),
        ([(72, 152), (104, 172), (132, 170)], 12),
    ]
    back_body: list[Limb] = [
        ([(56, 172), (150, 172)], 28),
        ([(150, 170), (198, 138)], 15),
        ([(198, 138), (246, floor - 7)], 12),
    ]
    second = FRAME_W + 20
    return _two_frames(
        join(
            _floor(floor),
            _pillow(44, floor - 10, 34, 10),
            _figure((44, 140), far_leg),
            _pillow(236, 158, 28, 8),
            _figure((44, 140), [*side_body, *near_leg], head_r=15),
        ),
        join(
            _floor(floor, dx=second),
            _pillow(34, floor - 8, 30, 8, dx=second),
            _pillow(196, floor - 12, 30, 10, dx=second),
            _pillow(196, floor - 30, 27, 9, dx=second),
            _figure((34, 162), back_body, dx=second),
        ),
    )


def _saddle_area(uid: str) -> Html:
    """A person seen from behind, the skin a bike saddle would touch striped, a saddle beside."""
    hatch = f"backedu-saddle-{uid}"
    body: list[Limb] = [
        ([(200, 86), (200, 150)], 78),  # back
        ([(160, 86), (146, 150), (142, 206)], 20),  # arms
        ([(240, 86), (254, 150), (258, 206)], 20),
        ([(183, 176), (178, 298)], 36),  # legs
        ([(217, 176), (222, 298)], 36),
        ([(183, 168), (217, 168)], 58),  # hips
    ]
    area = (
        "M167,178 C180,190 220,190 233,178 L232,204 C224,214 212,222 206,232 "
        "C203,222 197,222 194,232 C188,222 176,214 168,204 Z"
    )
    saddle = "M300,118 C330,100 398,106 424,116 C436,121 430,130 414,132 C380,136 330,146 312,140 Z"
    return join(
        element(
            "defs",
            element(
                "pattern",
                element("rect", width="7", height="7", fill=theme.SPINE_HIGHLIGHT),
                element("path", d="M0,7 L7,0", stroke=theme.WHITE, stroke_width="2.2"),
                id=hatch,
                width="7",
                height="7",
                patternUnits="userSpaceOnUse",
            ),
        ),
        _figure((200, 40), body, head_r=24),
        element("path", d=area, fill=f"url(#{hatch})", stroke=theme.INK, stroke_width="2.5"),
        element("path", d=saddle, fill=theme.PROP, stroke=theme.INK, stroke_width="2"),
        _line(368, 136, 366, 212, 6),
        _line(236, 206, 286, 258),
        _label("The saddle area", 290, 268, bold=True),
        _label("A bike saddle", 326, 96),
    )


# The spine from the side: belly to the left, back to the right. Levels from the middle of the
# back (T10) to the last lower-back bone (L5), then the bottom of the spine (sacrum).
_LEVELS = ("T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5")
_TOP, _BONE_H, _DISC_H = 14, 25, 8
_STEP = _BONE_H + _DISC_H
_CORD_ENDS = 4  # below the 4th bone (L1): in adults the cord ends near L1-L2


def _spine_side() -> Html:
    parts: list[Html] = []
    for index, _name in enumerate(_LEVELS):
        top = _TOP + index * _STEP
        bone = {"fill": theme.SPINE_BONE, "edge": theme.LINE}
        parts += [
            # the body of the bone, the bony part at the back (behind the tunnel), the disc below
            _shape("rect", x="196", y=f"{top}", width="62", height=f"{_BONE_H}", rx="5", **bone),
            _shape(
                "path",
                d=f"M284,{top + 3} L324,{top + 10} L326,{top + 20} L284,{top + 22} Z",
                **bone,
            ),
            _shape(
                "rect",
                theme.SPINE_DISC,
                edge=theme.LINE,
                x="199",
                y=f"{top + _BONE_H}",
                width="56",
                height=f"{_DISC_H}",
                rx="3",
            ),
        ]
    bottom = _TOP + len(_LEVELS) * _STEP
    parts.append(
        _shape(  # the sacrum
            "path",
            theme.SPINE_BONE,
            edge=theme.LINE,
            d=f"M198,{bottom} L266,{bottom} L258,{bottom + 40} L228,{bottom + 56} "
            f"L206,{bottom + 30} Z",
        )
    )
    cord_end = _TOP + _CORD_ENDS * _STEP + _BONE_H / 2
    parts += [
        element(  # the spinal cord, ending in a point
            "path",
            d=f"M266,0 L280,0 L280,{cord_end - 12} L273,{cord_end} L266,{cord_end - 12} Z",
            fill=theme.SPINE_NERVE_BUNDLE,
            stroke=theme.SPINE_NERVE_STRAND,
            stroke_width="1.5",
        ),
        *(  # the cauda equina: nerve roots going on down
            element(
                "path",
                d=f"M273,{cord_end - 4} C{268 + 3 * k},{cord_end + 40} {267 + 3 * k},{bottom - 40} "
                f"{266 + 3 * k},{bottom + 10}",
                fill="none",
                stroke=theme.SPINE_NERVE_STRAND,
                stroke_width="1.6",
            )
            for k in range(5)
        ),
    ]
    exit_y = _TOP + 6 * _STEP + _BONE_H + _DISC_H / 2  # between L4 and L5
    parts.append(
        element(  # a nerve leaving the spine between two bones
            "path",
            d=f"M272,{exit_y - 24} C272,{exit_y - 4} 262,{exit_y} 240,{exit_y} "
            f"L200,{exit_y + 2} C180,{exit_y + 4} 168,{exit_y + 30} 150,{exit_y + 62}",
            fill="none",
            stroke=theme.SPINE_NERVE_ROOT,
            stroke_width="4",
            stroke_linecap="round",
        )
    )
    lower_top, lower_bottom = _TOP + 3 * _STEP, _TOP + 8 * _STEP - _DISC_H
    parts += [  # the lower back, bracketed
        _line(346, lower_top, 356, lower_top, 2),
        _line(356, lower_top, 356, lower_bottom, 2),
        _line(346, lower_bottom, 356, lower_bottom, 2),
        _label("Lower back", 364, (lower_top + lower_bottom) / 2 + 5, bold=True),
        _label("Vertebra (bone)", 10, _TOP + 2 * _STEP + 17),
        _line(118, _TOP + 2 * _STEP + 12, 196, _TOP + 2 * _STEP + 12),
        _label("Disc", 10, _TOP + 5 * _STEP + _BONE_H + 8),
        _line(42, _TOP + 5 * _STEP + _BONE_H + 4, 199, _TOP + 5 * _STEP + _BONE_H + 4),
        _label("Nerve", 104, exit_y + 60),
        _label("Spinal cord", 364, 40),
        _line(360, 36, 281, 36),
        _label("Spinal cord ends", 364, cord_end + 4),
        _line(360, cord_end, 276, cord_end),
        _label("Cauda equina", 364, _TOP + 7 * _STEP + 4),
        _label("(nerve roots)", 364, _TOP + 7 * _STEP + 20),
        _line(360, _TOP + 7 * _STEP, 276, _TOP + 7 * _STEP),
    ]
    return join(*parts)


# Each drawing, its size (width, height) and whether it needs ids made unique on the page.
DRAWINGS: dict[Drawing, tuple[Callable[[str], Html], int, int]] = {
    Drawing.SADDLE_AREA: (_saddle_area, 470, 310),
    Drawing.SPINE_SIDE: (lambda uid: _spine_side(), 520, 340),
    Drawing.KNEE_ROLLS: (lambda uid: _knee_rolls(), 2 * FRAME_W + 20, FRAME_H),
    Drawing.BOTTOM_TO_HEELS: (lambda uid: _bottom_to_heels(), 2 * FRAME_W + 20, FRAME_H),
    Drawing.PELVIC_TILTS: (lambda uid: _pelvic_tilts(), 2 * FRAME_W + 20, FRAME_H),
    Drawing.SLEEP_POSITIONS: (lambda uid: _sleep_positions(), 2 * FRAME_W + 20, FRAME_H),
}


def drawing(words: Picture, *, uid: str = "p") -> Html:
    """The drawing alone, as an image with its text alternative."""
    draw, width, height = DRAWINGS[Drawing(words.id)]
    return element(
        "svg",
        element("title", words.alt),
        element("g", draw(f"{words.id}-{uid}"), aria_hidden="true"),
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {width} {height}",
        width="100%",
        style=f"max-width:{width}px;height:auto;display:block;background:{theme.PAPER}",
        role="img",
        aria_label=words.alt,
        focusable="false",
        class_="backedu-picture-drawing",
        data_picture=words.id,
    )


def picture(picture_id: str, *, uid: str = "p", sources: bool = True) -> Html:
    """A picture with its title and caption under it, and where its facts come from."""
    content = course()
    known = [each.id for each in content.pictures]
    if picture_id not in known:
        raise PictureError(f"no picture {picture_id!r}; the pictures are {', '.join(known)}")
    words = content.picture(picture_id)
    caption = [element("strong", f"{words.title}. "), words.caption]
    if sources:
        caption.append(
            sources_line(
                (content.source(s) for s in words.sources), style="font-size:0.9em;margin:0.3em 0 0"
            )
        )
    return element(
        "figure",
        drawing(words, uid=uid),
        element("figcaption", *caption, style="margin-top:0.4em"),
        class_="backedu-picture",
        style=theme.CARD + ";margin:0.5em 0",
    )
