"""Simulated students: many load a lesson and answer its quiz at once, without browsers.

Each simulated student does what a browser would: GET the page (the server gives it a kernel),
open the kernel websocket, ask for the widget states, then answer every quiz question by sending
the same widget messages a click sends (choose, "Check my answer", "Next question"), and finally
leave (the page's shutdown request). A 2-core machine cannot run 30 real browsers.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

from tests.support import PATIENCE

QUIZ_NOTEBOOK = "06-prevention.ipynb"
WIDGET_PROTOCOL = {"version": "2.1.0"}  # ipywidgets 8 widget messages
CONTROL_PROTOCOL = {"version": "1.0.0"}  # the jupyter.widget.control comm
KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')


def shell_message(
    session: str, msg_type: str, content: dict[str, Any], metadata: dict[str, str] = WIDGET_PROTOCOL
) -> dict[str, Any]:
    """A Jupyter message for the kernel's shell channel, as the page's JavaScript sends it."""
    return {
        "header": {
            "msg_id": uuid.uuid4().hex,
            "username": "student",
            "session": session,
            "msg_type": msg_type,
            "version": "5.3",
        },
        "parent_header": {},
        "metadata": metadata,
        "content": content,
        "channel": "shell",
        "buffers": [],
    }


@dataclass
class Student:
    """One simulated browser tab: a kernel, its websocket and the widget models it knows."""

    base_url: str
    session: str = field(default_factory=lambda: uuid.uuid4().hex)
    kernel_id: str = ""
    socket: WebSocketClientConnection | None = None
    models: dict[str, dict[str, Any]] = field(default_factory=dict)
    answered: int = 0

    async def open_page(self, notebook: str, *, widgets: bool = True) -> None:
        client = AsyncHTTPClient()
        response = await client.fetch(
            f"{self.base_url}/voila/render/{notebook}", request_timeout=300
        )
        found = KERNEL_ID.search(response.body.decode())
        if not found:
            raise RuntimeError("no kernel id in the page")
        self.kernel_id = found.group(1)
        url = (
            self.base_url.replace("http", "ws", 1)
            + f"/api/kernels/{self.kernel_id}/channels?session_id={self.session}"
        )
        self.socket = await websocket_connect(url)
        if not widgets:  # a page without widgets has nothing more to fetch
            return
        control = uuid.uuid4().hex
        await self._request(
            shell_message(
                self.session,
                "comm_open",
                {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
                CONTROL_PROTOCOL,
            )
        )
        await self._request(
            shell_message(
                self.session,
                "comm_msg",
                {"comm_id": control, "data": {"method": "request_states"}},
                CONTROL_PROTOCOL,
            )
        )

    async def answer_quiz(self) -> int:
        """Answer every question with its first choice; return how many were answered."""
        for _ in range(100):  # a bound, in case the quiz never ends
            choice = self._visible_choice()
            if choice is None:
                return self.answered
            model_id, model = choice
            if model["model_name"] == "RadioButtonsModel":
                await self._update(model_id, {"index": 0})
            else:
                await self._update(model_id, {"value": True})
            await self._click("Check my answer")
            self.answered += 1
            await self._click("Next question", "See my score")  # the last one is relabelled
        raise RuntimeError("the quiz did not end after 100 steps")

    async def leave(self, *, say_goodbye: bool = True) -> None:
        """What the page does on leaving: close the socket, ask the server to stop the kernel.

        ``say_goodbye=False`` is a tab that vanished (crash, sleep): only culling reclaims it.
        """
        if self.socket is not None:
            self.socket.close()
        if not say_goodbye:
            return
        request = HTTPRequest(
            f"{self.base_url}/voila/api/shutdown/{self.kernel_id}",
            method="POST",
            body="",
            request_timeout=PATIENCE,
        )
        await AsyncHTTPClient().fetch(request, raise_error=False)

    # -- protocol ---------------------------------------------------------------------------

    def _visible_choice(self) -> tuple[str, dict[str, Any]] | None:
        """The newest quiz choice control (the kernel replaces them for each question)."""
        found = None
        for model_id, model in self.models.items():
            state = model["state"]
            if "backedu-quiz-choice" in state.get("_dom_classes", ()):
                found = (model_id, model)
        return found

    def _button(self, *descriptions: str) -> str:
        for model_id, model in self.models.items():
            if (
                model["model_name"] == "ButtonModel"
                and model["state"].get("description") in descriptions
            ):
                return model_id
        raise RuntimeError(f"no button labelled {' or '.join(descriptions)}")

    async def _update(self, model_id: str, state: dict[str, Any]) -> None:
        await self._request(
            shell_message(
                self.session,
                "comm_msg",
                {
                    "comm_id": model_id,
                    "data": {"method": "update", "state": state, "buffer_paths": []},
                },
            )
        )

    async def _click(self, *descriptions: str) -> None:
        await self._request(
            shell_message(
                self.session,
                "comm_msg",
                {
                    "comm_id": self._button(*descriptions),
                    "data": {"method": "custom", "content": {"event": "click"}},
                },
            )
        )

    async def _request(self, message: dict[str, Any]) -> None:
        """Send one shell message and read replies until the kernel is idle again."""
        assert self.socket is not None
        await self.socket.write_message(json.dumps(message))
        msg_id = message["header"]["msg_id"]
        while True:
            raw = await asyncio.wait_for(self.socket.read_message(), timeout=PATIENCE)
            if raw is None:
                raise RuntimeError("the kernel connection closed")
            reply = json.loads(raw)
            self._track(reply)
            if (
                (reply.get("msg_type") or reply["header"]["msg_type"]) == "status"
                and reply["parent_header"].get("msg_id") == msg_id
                and reply["content"]["execution_state"] == "idle"
            ):
                return

    def _track(self, reply: dict[str, Any]) -> None:
        kind = reply["header"]["msg_type"]
        content = reply.get("content", {})
        if kind == "comm_open":
            data = content.get("data", {})
            self.models[content["comm_id"]] = {
                "model_name": data.get("state", {}).get("_model_name", ""),
                "state": data.get("state", {}),
            }
        elif kind == "comm_msg":
            data = content.get("data", {})
            if data.get("method") == "update_states":
                for model_id, model in data["states"].items():
                    self.models[model_id] = {
                        "model_name": model["model_name"],
                        "state": model["state"],
                    }
            elif data.get("method") == "update" and content["comm_id"] in self.models:
                self.models[content["comm_id"]]["state"].update(data.get("state", {}))
        elif kind == "comm_close":
            self.models.pop(content["comm_id"], None)


@dataclass
class ClassOutcome:
    students: int
    served: int
    errors: list[str]
    seconds: float
    answers: int
    memory_mb: float
    kernels_reclaimed_s: float | None
    page_seconds: list[float] = field(default_factory=list)  # each student's wait for the page


def _pss_mb(pid: int) -> float:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0.0
    line = next(line for line in text.splitlines() if line.startswith("Pss:"))
    return int(line.split()[1]) / 1024


async def simulate_class(server: Any, students: int, notebook: str = QUIZ_NOTEBOOK) -> ClassOutcome:
    """Run ``students`` simulated students against ``server`` (a tests.support VoilaServer)."""
    AsyncHTTPClient.configure(None, max_clients=students)
    class_ = [Student(server.base_url) for _ in range(students)]
    errors: list[str] = []

    page_seconds: list[float] = []

    async def one(student: Student) -> None:
        try:
            await student.open_page(notebook)
            page_seconds.append(time.monotonic() - start)
            await student.answer_quiz()
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")

    start = time.monotonic()
    await asyncio.gather(*(one(student) for student in class_))
    seconds = time.monotonic() - start
    memory = _pss_mb(server.process.pid) + sum(_pss_mb(pid) for pid in server.kernel_pids())
    await asyncio.gather(*(student.leave() for student in class_ if student.kernel_id))
    left = time.monotonic()
    reclaimed = await asyncio.to_thread(server.wait_for_kernels, server.pool_size, 120)
    return ClassOutcome(
        students=students,
        served=sum(1 for s in class_ if s.answered > 0),
        errors=errors,
        seconds=seconds,
        answers=sum(s.answered for s in class_),
        memory_mb=memory,
        kernels_reclaimed_s=(time.monotonic() - left) if reclaimed == server.pool_size else None,
        page_seconds=sorted(page_seconds),
    )
