"""What the server hands a student's browser: no code, no answer key, no traceback, and no way to
run code in a kernel from the browser."""

from __future__ import annotations

import asyncio
import json
import urllib.error
import uuid
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook
from tornado.websocket import websocket_connect

from backedu.content import course
from backedu.views.html import text
from tests.support import PATIENCE, run_async
from tests.support.server import VoilaServer, fetch, lesson_notebooks, running_voila
from tests.support.students import KERNEL_ID, shell_message

pytestmark = pytest.mark.server

NOTEBOOKS = [path.name for path in lesson_notebooks()]


def answer_key_phrases() -> list[str]:
    """Text that would give answers away: every choice's feedback, as it would appear in HTML."""
    phrases = []
    for question in course().questions:
        for choice in question.choices:
            phrases += [choice.feedback, str(text(choice.feedback))]
    return phrases


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_page_holds_no_answer_key(voila: VoilaServer, notebook: str) -> None:
    body = fetch(voila.url(notebook)).body
    leaked = [phrase for phrase in answer_key_phrases() if phrase in body]
    assert leaked == [], f"{notebook} sends answer feedback before any answer: {leaked[:2]}"
    assert '"correct": true' not in body and "'correct': True" not in body


async def _try_to_execute(base_url: str, kernel_id: str, code: str) -> list[str]:
    session = uuid.uuid4().hex
    url = (
        base_url.replace("http", "ws", 1)
        + f"/api/kernels/{kernel_id}/channels?session_id={session}"
    )
    socket = await websocket_connect(url)
    # The execute request first, then a harmless one. A kernel answers shell requests in the
    # order they come, so once the harmless one is answered, the execute request has been run
    # and answered too, or it never reached the kernel: no waiting for a silence that a busy
    # machine could break.
    await socket.write_message(
        json.dumps(
            shell_message(
                session,
                "execute_request",
                {
                    "code": code,
                    "silent": False,
                    "store_history": False,
                    "user_expressions": {},
                    "allow_stdin": False,
                },
            )
        )
    )
    await socket.write_message(json.dumps(shell_message(session, "kernel_info_request", {})))
    seen: list[str] = []
    while "kernel_info_reply" not in seen:
        raw = await asyncio.wait_for(socket.read_message(), timeout=PATIENCE)
        if raw is None:
            break
        seen.append(json.loads(raw)["header"]["msg_type"])
    socket.close()
    return seen


def test_browser_cannot_run_code_in_its_kernel(voila: VoilaServer, tmp_path: Path) -> None:
    body = fetch(voila.url("00-start-here.ipynb")).body
    kernel_id = KERNEL_ID.search(body).group(1)  # type: ignore[union-attr]
    marker = tmp_path / "executed"
    seen = run_async(
        _try_to_execute(voila.base_url, kernel_id, f"open({str(marker)!r}, 'w').write('x')")
    )
    assert "kernel_info_reply" in seen, f"the kernel channel did not answer: {seen}"
    assert not marker.exists(), "an execute request from the browser ran code"
    assert "execute_reply" not in seen and "execute_input" not in seen


def test_tracebacks_are_hidden_from_students(tmp_path: Path) -> None:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    broken = new_notebook(
        cells=[new_code_cell("secret_detail = 1\n1 / 0")],
        metadata={
            "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}
        },
    )
    nbformat.write(broken, folder / "broken.ipynb")
    with running_voila(tmp_path, notebooks=folder) as server:
        try:
            body = fetch(server.url("broken.ipynb")).body
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8")
    assert "ZeroDivisionError" not in body
    assert "Traceback" not in body
    assert "secret_detail" not in body
