"""Kernels never pile up. A page's kernel stops in one of two ways, each tested on its own:

- the page asks on leaving (its shutdown request): tested on a server that never culls, so
  nothing else can stop those kernels;
- a tab that just vanishes (a crash, a laptop gone to sleep) never asks: culling reclaims its
  kernel. 100 page views, a quarter of them vanishing, leave only the preheated pool.
"""

from __future__ import annotations

import asyncio
import re

import pytest

from tests.support import run_async
from tests.support.server import VoilaServer
from tests.support.students import Student

pytestmark = pytest.mark.server

AT_ONCE = 10  # a 2-core machine starts kernels a few at a time anyway
# What jupyter_server logs when it culls a kernel: "Culling 'idle' kernel 'python3' (<id>) ..."
CULLED = re.compile(r"Culling '[^']*' kernel '[^']*' \(([0-9a-f-]{36})\)")


async def view_pages(base_url: str, views: int, *, vanish_every: int = 0) -> list[Student]:
    """``views`` page views of the landing lesson, ``AT_ONCE`` at a time; every
    ``vanish_every``-th tab vanishes instead of leaving. The students, with their kernel ids."""

    async def one(index: int) -> Student:
        student = Student(base_url)
        await student.open_page("00-start-here.ipynb", widgets=False)
        await student.leave(say_goodbye=not (vanish_every and index % vanish_every == 0))
        return student

    students: list[Student] = []
    for start in range(0, views, AT_ONCE):
        batch = range(start, min(start + AT_ONCE, views))
        students += await asyncio.gather(*(one(index) for index in batch))
    return students


def test_pages_that_leave_stop_their_kernels_without_culling(
    voila_without_culling: VoilaServer,
) -> None:
    server = voila_without_culling
    server.wait_for_the_pool()
    students = run_async(view_pages(server.base_url, 20))
    kernels = [student.kernel_id for student in students]
    assert len(set(kernels)) == 20, "each page view had a kernel of its own"
    server.wait_until_gone(kernels)  # only their shutdown requests can have stopped them
    server.wait_for_the_pool()
    assert "Culling" not in server.log()  # jupyter_server's word when it culls a kernel


def test_hundred_page_views_leave_only_the_pool(voila: VoilaServer) -> None:
    voila.wait_for_the_pool()
    students = run_async(view_pages(voila.base_url, 100, vanish_every=4))
    kernels = [student.kernel_id for student in students]
    assert len(set(kernels)) == 100, "each page view had a kernel of its own"
    vanished = kernels[::4]
    # Every kernel stops: those of vanished tabs only because culling takes them. Then the count
    # settles on the pool, refilled, and nothing else.
    voila.wait_until_gone(kernels)
    voila.wait_for_the_pool()
    culled = set(CULLED.findall(voila.log()))
    assert set(vanished) <= culled, "the kernels of vanished tabs were culled"
