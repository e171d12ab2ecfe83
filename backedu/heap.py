"""Giving freed heap back to the system: a class's laptop runs one lesson kernel per student.

glibc keeps memory a process has freed, and after a large block is freed (a widget state
message, the course's JSON) it raises its own thresholds so that it keeps even more. A lesson
kernel builds its page once and then mostly waits, so holding on to that memory buys nothing.
Where there is no glibc (macOS, Windows, a browser) there is nothing to do.
"""

from __future__ import annotations

import functools
from typing import Any

_M_TRIM_THRESHOLD = -1  # mallopt parameters, from glibc's malloc.h
_M_MMAP_THRESHOLD = -3
_THRESHOLD = 128 * 1024  # glibc's own default, kept fixed instead of growing


@functools.cache
def _glibc() -> Any:
    try:
        import ctypes  # already loaded in a Jupyter kernel

        libc = ctypes.CDLL(None)
        libc.malloc_trim  # noqa: B018 (glibc only: raises AttributeError elsewhere)
        # Fixed thresholds: large blocks go straight back to the system when freed.
        libc.mallopt(_M_MMAP_THRESHOLD, _THRESHOLD)
        libc.mallopt(_M_TRIM_THRESHOLD, _THRESHOLD)
        return libc
    except (ImportError, OSError, AttributeError, TypeError):
        return None


def return_freed_memory() -> None:
    """Give back the heap that building something used and freed: about half a megabyte after
    loading the course or drawing the checklist, in each of 30 or more kernels."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
