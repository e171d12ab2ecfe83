"""The teacher dashboard: the class's anonymous answers, live, behind the teacher PIN.

Thin: the PIN is checked by ``backedu.classroom.config``, the numbers come from
``backedu.classroom.results`` and the HTML from ``backedu.views.dashboard`` (bars as inline SVG
with the numbers as text, so nothing loads from elsewhere and meaning never rests on colour).
Until the right PIN is entered the page holds nothing about the class: no address, no QR code,
not a single answer.

Live updates: once open, a background thread re-reads the database every few seconds and redraws
only when the answers changed. A locked, damaged or missing database shows a clear error here and
on the server's terminal; the students' lessons are not affected (they record through their own
kernels, see ``backedu.classroom.recorder``).
"""

from __future__ import annotations

import json
import threading
from typing import Any

import ipywidgets as widgets

from backedu.classroom import xapi
from backedu.classroom.config import ClassConfig, pin_matches
from backedu.classroom.recorder import teacher_log
from backedu.classroom.records import Response
from backedu.classroom.results import ClassSummary, summarize, to_csv
from backedu.classroom.store import ClassStore
from backedu.content import Course, course
from backedu.errors import ClassError, ClassStoreError
from backedu.views.dashboard import (
    NOT_CLASS_MODE,
    csv_link_html,
    error_html,
    join_html,
    message_html,
    results_html,
    xapi_link_html,
)
from backedu.widgets.base import press, show

POLL_SECONDS = 3.0
MAX_PIN_TRIES = 5
READ_TIMEOUT = 1.0  # a dashboard read waits at most this long for a busy database


class TeacherDashboard(widgets.VBox):
    """The class view: enter the PIN, then watch answers arrive; export CSV; end and clear.

    Programmatic twins of every button: ``enter_pin``, ``refresh``, ``prepare_csv``,
    ``prepare_xapi``,
    ``end_session`` then ``confirm_end`` (or ``cancel_end``). ``poll_seconds=None`` turns the
    live updates off (tests call ``refresh()`` instead).
    """

    def __init__(
        self,
        content: Course,
        *,
        config: ClassConfig | None = None,
        poll_seconds: float | None = POLL_SECONDS,
    ) -> None:
        super().__init__()
        self._content = content
        self._poll_seconds = poll_seconds
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._poller: threading.Thread | None = None
        self._config: ClassConfig | None = config
        self._config_error: str | None = None
        if config is None:
            try:
                self._config = ClassConfig.from_env()
            except ClassError as exc:
                self._config_error = str(exc)
        self._unlocked = False
        self._tries = 0
        self._revision: tuple[int, int] | None = None
        self._summary: ClassSummary | None = None
        self._error: str | None = None
        self._ended = False

        self._status = widgets.HTML()
        self._pin = widgets.Password(
            description="Teacher PIN", style={"description_width": "initial"}
        )
        self._open = widgets.Button(description="Open the class view", button_style="primary")
        self._login = widgets.HBox([self._pin, self._open])
        self._join = widgets.HTML()
        self._error_panel = widgets.HTML()
        self._results = widgets.HTML()
        self._refresh = widgets.Button(description="Refresh now")
        self._export = widgets.Button(description="Export as CSV")
        self._export_xapi = widgets.Button(description="Export as xAPI (JSON)")
        self._end = widgets.Button(description="End and clear the session", button_style="danger")
        self._download = widgets.HTML()
        self._actions = widgets.HBox([self._refresh, self._export, self._export_xapi, self._end])
        self._confirm_text = widgets.HTML()
        self._confirm = widgets.Button(
            description="Yes, delete every answer", button_style="danger"
        )
        self._cancel = widgets.Button(description="Cancel")
        self._confirm_box = widgets.VBox(
            [self._confirm_text, widgets.HBox([self._confirm, self._cancel])]
        )
        parts: dict[str, widgets.Widget] = {
            "status": self._status,
            "login": self._login,
            "join": self._join,
            "error": self._error_panel,
            "results": self._results,
            "actions": self._actions,
            "download": self._download,
            "confirm": self._confirm_box,
        }
        for name, part in parts.items():
            part.add_class(f"backedu-dashboard-{name}")
        for button in (
            self._open,
            self._refresh,
            self._export,
            self._export_xapi,
            self._end,
            self._confirm,
        ):
            button.layout.width = "auto"
        self.children = list(parts.values())
        self.add_class("backedu-dashboard")
        self._open.on_click(self._on_open)
        self._refresh.on_click(self._on_refresh)
        self._export.on_click(self._on_export)
        self._export_xapi.on_click(self._on_export_xapi)
        self._end.on_click(self._on_end)
        self._confirm.on_click(self._on_confirm)
        self._cancel.on_click(self._on_cancel)
        self._pin.observe(self._on_pin_typed, names="value")
        self._show_locked()

    # --- read-only state --------------------------------------------------------------------
    @property
    def class_mode(self) -> bool:
        return self._config is not None

    @property
    def unlocked(self) -> bool:
        return self._unlocked

    @property
    def summary(self) -> ClassSummary | None:
        """The numbers on screen (``None`` while locked or before the first read)."""
        return self._summary

    @property
    def error(self) -> str | None:
        """The database problem on screen, if any."""
        return self._error

    @property
    def ended(self) -> bool:
        return self._ended

    @property
    def status_html(self) -> str:
        return str(self._status.value)

    @property
    def page_html(self) -> str:
        """Everything the page shows as HTML now (for tests and screenshots)."""
        parts = (self._status, self._join, self._error_panel, self._results, self._download)
        return "".join(str(part.value) for part in parts) + str(self._confirm_text.value)

    @property
    def live(self) -> bool:
        """True while the background refresh runs."""
        return self._poller is not None and self._poller.is_alive()

    # --- actions: the same path as a click ----------------------------------------------------
    def enter_pin(self, pin: str) -> None:
        """Type the PIN and press "Open the class view"."""
        self._pin.value = pin
        self._press(self._open, "the class view is already open, or class mode is off")

    def refresh(self) -> None:
        self._press(self._refresh, "open the class view with the PIN first")

    def prepare_csv(self) -> str:
        """Press "Export as CSV"; return the CSV that the download link holds."""
        self._press(self._export, "open the class view with the PIN first")
        return self._csv

    def prepare_xapi(self) -> str:
        """Press "Export as xAPI (JSON)"; return the statements (JSON) the download link holds."""
        self._press(self._export_xapi, "open the class view with the PIN first")
        return self._xapi

    def end_session(self) -> None:
        self._press(self._end, "open the class view with the PIN first")

    def confirm_end(self) -> None:
        self._press(self._confirm, "press 'End and clear the session' first")

    def cancel_end(self) -> None:
        self._press(self._cancel, "press 'End and clear the session' first")

    def stop(self) -> None:
        """Stop the live updates (closing the widget does this too)."""
        self._stop.set()

    def close(self) -> None:
        self.stop()
        super().close()

    def _press(self, button: widgets.Button, why: str) -> None:
        if not self.class_mode:
            raise ClassError(f"'{button.description}' cannot be pressed now: {why}")
        box = next(
            (box for box in (self._login, self._actions, self._confirm_box) if _holds(box, button)),
            None,
        )
        press(button, ClassError, why, within=box)

    # --- handlers -----------------------------------------------------------------------------
    def _on_pin_typed(self, _change: dict[str, Any]) -> None:
        if not self._unlocked and self._status.value and self._tries < MAX_PIN_TRIES:
            self._status.value = ""

    def _on_open(self, _button: widgets.Button) -> None:
        config = self._config
        if config is None or self._unlocked:
            return
        given = self._pin.value
        self._pin.value = ""  # never leave the PIN in the page
        if config.pin is None:
            self._status.value = message_html(
                "No teacher PIN is set for this class, so the class view stays closed. Start "
                "the class with make class: it prints a PIN.",
                alert=True,
            )
            return
        if not pin_matches(config.pin, given):
            self._tries += 1
            teacher_log(f"a wrong PIN was entered on the teacher dashboard ({self._tries} so far)")
            if self._tries >= MAX_PIN_TRIES:
                self._pin.disabled = self._open.disabled = True
                self._status.value = message_html(
                    f"That PIN is not right. After {MAX_PIN_TRIES} wrong tries this page is "
                    "locked: reload it to try again.",
                    alert=True,
                )
            else:
                self._status.value = message_html(
                    "That PIN is not right. Use the PIN that make class printed.", alert=True
                )
            return
        self._unlocked = True
        self._status.value = message_html("The class view is open. It updates by itself.")
        show(self._login, False)
        self._join.value = join_html(config)
        show(self._join, True)
        self._refresh_now()
        if not self._ended:
            for part in (self._results, self._actions, self._download):
                show(part, True)
        self._start_polling()

    def _on_refresh(self, _button: widgets.Button) -> None:
        self._refresh_now(force=True)

    def _session_answers(self) -> tuple[ClassConfig, list[Response]] | None:
        """The session and every answer stored for it, or ``None`` (the problem shown) if the
        results file cannot be read."""
        config = self._config
        if config is None:
            return None
        try:
            with ClassStore.open(config.db, timeout=READ_TIMEOUT) as store:
                return config, store.responses(config.session)
        except ClassError as exc:
            self._show_error(str(exc))
            return None

    def _on_export(self, _button: widgets.Button) -> None:
        found = self._session_answers()
        if found is None:
            return
        config, responses = found
        content = self._content
        self._csv = to_csv(config.session, responses, content.questions, content.claims)
        self._download.value = csv_link_html(config.session, self._csv, len(responses))

    def _on_export_xapi(self, _button: widgets.Button) -> None:
        found = self._session_answers()
        if found is None:
            return
        config, responses = found
        # Activity and actor ids live under the address students opened (the class server).
        base = config.url or "http://127.0.0.1/"
        statements = xapi.statements(config.session, responses, self._content, base_url=base)
        self._xapi = json.dumps(statements, indent=1, ensure_ascii=False)
        self._download.value = xapi_link_html(config.session, self._xapi, len(statements))

    def _on_end(self, _button: widgets.Button) -> None:
        count = self._summary.participants if self._summary else 0
        self._confirm_text.value = message_html(
            f"This ends the class session and deletes every answer in it for good "
            f"({count} page views took part). Students' pages stop sending answers. Export the "
            "CSV first if you want to keep the results.",
            alert=True,
        )
        show(self._confirm_box, True)
        show(self._actions, False)

    def _on_cancel(self, _button: widgets.Button) -> None:
        show(self._confirm_box, False)
        show(self._actions, True)
        self._confirm_text.value = ""

    def _on_confirm(self, _button: widgets.Button) -> None:
        config = self._config
        if config is None:
            return
        try:
            with ClassStore.open(config.db, timeout=READ_TIMEOUT * 5) as store:
                deleted = store.end_session(config.session)
        except ClassError as exc:
            self._show_error(str(exc))
            show(self._confirm_box, False)
            show(self._actions, True)
            return
        teacher_log(f"class session {config.session} ended; {deleted} answers deleted")
        self._confirm_text.value = ""
        show(self._confirm_box, False)
        self._show_ended()

    # --- reading ------------------------------------------------------------------------------
    def _refresh_now(self, *, force: bool = False) -> None:
        config = self._config
        if config is None or not self._unlocked or self._ended:
            return
        with self._lock:
            try:
                with ClassStore.open(config.db, timeout=READ_TIMEOUT) as store:
                    info = store.session(config.session)
                    if info is None:
                        raise ClassStoreError(
                            store.path,
                            f"class session {config.session} is not in it (was the file replaced?)",
                            "Stop the server and start the class again with make class.",
                        )
                    if not info.open:
                        self._show_ended()
                        return
                    revision = store.revision(config.session)
                    if not force and revision == self._revision and self._error is None:
                        return
                    responses = store.responses(config.session)
            except ClassError as exc:
                self._show_error(str(exc))
                return
            if self._error is not None:
                teacher_log("the dashboard can read the class database again")
            self._error = None
            self._error_panel.value = ""
            show(self._error_panel, False)
            self._revision = revision
            content = self._content
            self._summary = summarize(responses, content.questions, content.claims)
            self._results.value = results_html(self._summary)

    def _show_error(self, message: str) -> None:
        if message != self._error:
            teacher_log(f"the dashboard cannot read the class database: {message}")
        self._error = message
        self._error_panel.value = error_html(message)
        show(self._error_panel, True)

    def _show_ended(self) -> None:
        self._ended = True
        self.stop()
        self._summary = None
        self._results.value = ""
        self._download.value = ""
        self._csv = self._xapi = ""
        for part in (self._results, self._actions, self._download, self._confirm_box):
            show(part, False)
        self._status.value = message_html(
            "This class session has ended and its answers are deleted. To teach another class, "
            "stop the server (Ctrl+C in its window) and run make class again."
        )

    def _show_locked(self) -> None:
        self._csv = self._xapi = ""
        for part in (
            self._join,
            self._error_panel,
            self._results,
            self._actions,
            self._download,
            self._confirm_box,
        ):
            show(part, False)
        if self._config_error is not None:
            show(self._login, False)
            self._status.value = error_html(self._config_error)
        elif self._config is None:
            show(self._login, False)
            self._status.value = message_html(NOT_CLASS_MODE)

    def _start_polling(self) -> None:
        if self._poll_seconds is None or self.live:
            return
        self._stop.clear()
        self._poller = threading.Thread(target=self._poll, name="backedu-dashboard", daemon=True)
        self._poller.start()

    def _poll(self) -> None:
        interval = self._poll_seconds or POLL_SECONDS
        while not self._stop.wait(interval):
            try:
                self._refresh_now()
            except Exception as exc:  # keep polling; say what went wrong
                self._show_error(f"the class view could not update: {exc}")


def _holds(box: widgets.Widget, part: widgets.Widget) -> bool:
    """Whether ``part`` is somewhere inside ``box``."""
    children = list(getattr(box, "children", ()))
    return any(child is part or _holds(child, part) for child in children)


# --- what the notebook calls ----------------------------------------------------------------------
def teacher_dashboard() -> TeacherDashboard:
    """The teacher's class view for the class session this server runs (``make class``)."""
    return TeacherDashboard(course())
