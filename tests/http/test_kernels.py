"""Kernels never pile up: 100 page views opened and closed leave only the preheated pool.

Most pages say goodbye when they close (the shutdown request a browser sends on leaving); some
just vanish, like a crashed tab or a laptop that went to sleep, and culling must reclaim those.
"""

from __future__ import annotations

import asyncio

import pytest

from tests.support import run_async
from tests.support.server import CULL_IDLE_TIMEOUT, CULL_INTERVAL, VoilaServer
from tests.support.students import Student

pytestmark = pytest.mark.server

VIEWS = 100
AT_ONCE = 10  # a 2-core machine starts kernels a few at a time anyway


async def view_pages(base_url: str) -> int:
    async def one(index: int) -> None:
        student = Student(base_url)
        await student.open_page("00-start-here.ipynb", widgets=False)
        await student.leave(say_goodbye=index % 4 != 0)  # every 4th tab vanishes

    for start in range(0, VIEWS, AT_ONCE):
        await asyncio.gather(*(one(i) for i in range(start, min(start + AT_ONCE, VIEWS))))
    return VIEWS


def test_hundred_page_views_leave_only_the_pool(voila: VoilaServer) -> None:
    assert voila.wait_for_kernels(voila.pool_size, timeout=60) == voila.pool_size
    assert run_async(view_pages(voila.base_url)) == VIEWS
    deadline = CULL_IDLE_TIMEOUT + 2 * CULL_INTERVAL + 10
    assert voila.wait_for_kernels(voila.pool_size, timeout=deadline) == voila.pool_size, (
        "kernels piled up after page views closed"
    )
