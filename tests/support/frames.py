"""Read what the kernel sent to the page over the websocket: the strings in its JSON messages.

Used by browser tests that prove something (an answer key, a verdict) does not reach the page
before the student acts.
"""

from __future__ import annotations

import html
import itertools
import json
from typing import Any


def frame_json(payload: str | bytes) -> list[Any]:
    """The JSON parts of one kernel websocket frame (text, or Jupyter's binary v1 protocol)."""
    if isinstance(payload, str):
        return [json.loads(payload)]
    count = int.from_bytes(payload[:8], "little")
    offsets = [int.from_bytes(payload[8 * i : 8 * i + 8], "little") for i in range(1, count + 1)]
    parts = [payload[start:end] for start, end in itertools.pairwise(offsets)]
    found = []
    for part in parts[1:5]:  # header, parent header, metadata, content; then binary buffers
        try:
            found.append(json.loads(part))
        except ValueError:
            continue
    return found


def _strings(value: Any, into: list[str]) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _strings(item, into)
    elif isinstance(value, list):
        for item in value:
            _strings(item, into)
    elif isinstance(value, str):
        into.append(html.unescape(value))


def sent_text(frames: list[str | bytes]) -> str:
    """Every string in every frame, HTML entities decoded, one per line."""
    strings: list[str] = []
    for frame in frames:
        for part in frame_json(frame):
            _strings(part, strings)
    return "\n".join(strings)
