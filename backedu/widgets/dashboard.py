"""The teacher dashboard: the class's anonymous answers, live, behind the teacher PIN.

Thin: the PIN is checked by ``backedu.classroom``, the numbers come from
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

import base64
import threading
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from backedu.classroom.results import (
    ClaimResult,
    ClassSummary,
    Misconception,
    QuestionResult,
    summarize,
    to_csv,
)
from backedu.classroom.store import (
    RECORDED,
    ClassConfig,
    ClassStore,
    pin_matches,
    qr_svg,
    teacher_log,
)
from backedu.content import Course, course
from backedu.errors import ClassError, ClassStoreError
from backedu.logic.claims import Rating
from backedu.views.html import Html, element, join, text

POLL_SECONDS = 3.0
MAX_PIN_TRIES = 5
READ_TIMEOUT = 1.0  # a dashboard read waits at most this long for a busy database

_BOX = (
    "border:1px solid #7a7a7a;border-radius:6px;background:#f6f8fa;color:#1a1a1a;"
    "padding:0.5em 1em;margin:0.5em 0"
)
_ERROR = (
    "border:3px solid #8a1c1c;border-radius:6px;background:#fdecea;color:#1a1a1a;"
    "padding:0.5em 1em;margin:0.5em 0"
)
_CELL = "border-top:1px solid #bbb;padding:0.4em;vertical-align:top;text-align:left"
_RIGHT = "#1b5e20"
_WRONG = "#8a1c1c"
_TRACK = "#d9d9d9"
_RATING_COLOURS = {
    Rating.TRUE: "#1b5e20",
    Rating.PARTLY: "#7a5c00",
    Rating.FALSE: "#8a1c1c",
    Rating.NOT_SURE: "#5f5f5f",
}
_NOT_CLASS_MODE = (
    "Class mode is off, so nothing is recorded and there is nothing to show. To teach a class, "
    "run make class in the project folder. It prints the address for students, a QR code and "
    "the teacher PIN for this page."
)


class TeacherDashboard(widgets.VBox):
    """The class view: enter the PIN, then watch answers arrive; export CSV; end and clear.

    Programmatic twins of every button: ``enter_pin``, ``refresh``, ``prepare_csv``,
    ``end_session`` then ``confirm_end`` (or ``cancel_end``). ``poll_seconds=None`` turns the
    live updates off (tests call ``refresh()`` instead).
    """

    def __init__(
        self,
        *,
        config: ClassConfig | None = None,
        content: Course | None = None,
        poll_seconds: float | None = POLL_SECONDS,
    ) -> None:
        super().__init__()
        self._content = content or course()
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
        self._end = widgets.Button(description="End and clear the session", button_style="danger")
        self._download = widgets.HTML()
        self._actions = widgets.HBox([self._refresh, self._export, self._end])
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
        for button in (self._open, self._refresh, self._export, self._end, self._confirm):
            button.layout.width = "auto"
        self.children = list(parts.values())
        self.add_class("backedu-dashboard")
        self._open.on_click(self._on_open)
        self._refresh.on_click(self._on_refresh)
        self._export.on_click(self._on_export)
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
        # A button the teacher cannot see or press now is not pressable from code either.
        hidden = any(
            part.layout.display == "none"
            for part in (button, self._login, self._actions, self._confirm_box)
            if part is button
            or button in getattr(part, "children", ())
            or any(button in getattr(c, "children", ()) for c in getattr(part, "children", ()))
        )
        if button.disabled or hidden or not self.class_mode:
            raise ClassError(f"'{button.description}' cannot be pressed now: {why}")
        button.click()

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
        _show(self._login, False)
        self._join.value = join_html(config)
        _show(self._join, True)
        self._refresh_now()
        if not self._ended:
            for part in (self._results, self._actions, self._download):
                _show(part, True)
        self._start_polling()

    def _on_refresh(self, _button: widgets.Button) -> None:
        self._refresh_now(force=True)

    def _on_export(self, _button: widgets.Button) -> None:
        config = self._config
        if config is None:
            return
        try:
            with ClassStore.open(config.db, timeout=READ_TIMEOUT) as store:
                responses = store.responses(config.session)
        except ClassError as exc:
            self._show_error(str(exc))
            return
        content = self._content
        self._csv = to_csv(config.session, responses, content.questions, content.claims)
        self._download.value = csv_link_html(config.session, self._csv, len(responses))

    def _on_end(self, _button: widgets.Button) -> None:
        count = self._summary.participants if self._summary else 0
        self._confirm_text.value = message_html(
            f"This ends the class session and deletes every answer in it for good "
            f"({count} page views took part). Students' pages stop sending answers. Export the "
            "CSV first if you want to keep the results.",
            alert=True,
        )
        _show(self._confirm_box, True)
        _show(self._actions, False)

    def _on_cancel(self, _button: widgets.Button) -> None:
        _show(self._confirm_box, False)
        _show(self._actions, True)
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
            _show(self._confirm_box, False)
            _show(self._actions, True)
            return
        teacher_log(f"class session {config.session} ended; {deleted} answers deleted")
        self._confirm_text.value = ""
        _show(self._confirm_box, False)
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
            _show(self._error_panel, False)
            self._revision = revision
            content = self._content
            self._summary = summarize(responses, content.questions, content.claims)
            self._results.value = results_html(self._summary)

    def _show_error(self, message: str) -> None:
        if message != self._error:
            teacher_log(f"the dashboard cannot read the class database: {message}")
        self._error = message
        self._error_panel.value = error_html(message)
        _show(self._error_panel, True)

    def _show_ended(self) -> None:
        self._ended = True
        self.stop()
        self._summary = None
        self._results.value = ""
        self._download.value = ""
        self._csv = ""
        for part in (self._results, self._actions, self._download, self._confirm_box):
            _show(part, False)
        self._status.value = message_html(
            "This class session has ended and its answers are deleted. To teach another class, "
            "stop the server (Ctrl+C in its window) and run make class again."
        )

    def _show_locked(self) -> None:
        self._csv = ""
        for part in (
            self._join,
            self._error_panel,
            self._results,
            self._actions,
            self._download,
            self._confirm_box,
        ):
            _show(part, False)
        if self._config_error is not None:
            _show(self._login, False)
            self._status.value = error_html(self._config_error)
        elif self._config is None:
            _show(self._login, False)
            self._status.value = message_html(_NOT_CLASS_MODE)

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


def _show(part: widgets.Widget, visible: bool) -> None:
    part.layout.display = None if visible else "none"


# --- HTML, every text escaped (backedu.views.html) ------------------------------------------------
def message_html(text: str, *, alert: bool = False) -> Html:
    return element(
        "div",
        element("p", text),
        role="alert" if alert else "status",
        aria_live="polite",
        style=_BOX,
    )


def error_html(message: str) -> Html:
    return element(
        "div",
        element(
            "p",
            element("span", "⚠", aria_hidden="true"),
            " ",
            element("strong", "Problem: "),
            message,
        ),
        element(
            "p",
            "Students can go on with their lessons. Answers wait in their pages and are "
            "saved once the database works again.",
        ),
        role="alert",
        class_="backedu-dashboard-problem",
        style=_ERROR,
    )


def join_html(config: ClassConfig) -> Html:
    """How students join: the QR code, the address and the session code; what is recorded."""
    parts: list[str] = []
    if config.url:
        parts.append(
            element(
                "div",
                Html(qr_svg(config.url)),
                role="img",
                aria_label=f"QR code for {config.url}",
                style="flex:none",
            )
        )
    facts = [
        element(
            "p",
            element("strong", "Session code: "),
            element("span", config.session, style="font-size:1.6em;letter-spacing:0.1em"),
        ),
    ]
    if config.url:
        facts.append(
            element(
                "p", element("strong", "Students open: "), element("a", config.url, href=config.url)
            )
        )
    facts.append(element("p", RECORDED))
    parts.append(element("div", *facts))
    return element(
        "section",
        element("h2", "Join the class", style="font-size:1.2em;margin:0.25em 0"),
        element("div", *parts, style="display:flex;gap:1.5em;align-items:center;flex-wrap:wrap"),
        aria_label="Join the class",
        style=_BOX,
    )


def percent(share: float) -> int:
    return round(100 * share)


def bar_svg(parts: Sequence[tuple[float, str]], *, label: str, width: int = 320) -> Html:
    """A horizontal bar of coloured parts (shares adding up to at most 1) on a grey track."""
    rects = [f'<rect x="0" y="0" width="{width}" height="18" fill="{_TRACK}"/>']
    x = 0.0
    for share, colour in parts:
        w = max(0.0, min(share, 1.0)) * width
        if w > 0:
            rects.append(
                f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="18" fill="{colour}" '
                'stroke="#fff" stroke-width="1"/>'
            )
        x += w
    return Html(
        f'<svg width="{width}" height="18" viewBox="0 0 {width} 18" role="img" '
        f'aria-label="{text(label)}" style="vertical-align:middle;max-width:100%">'
        + "".join(rects)
        + "</svg>"
    )


def question_html(result: QuestionResult) -> Html:
    share = result.share_correct
    wrong = result.most_chosen_wrong
    numbers = f"{result.correct} of {result.answered} right first time ({percent(share)}%)"
    lines = [
        element("p", element("strong", result.question.prompt), style="margin:0.2em 0"),
        element(
            "p",
            bar_svg([(share, _RIGHT)], label=numbers),
            " ",
            element("span", numbers),
            style="margin:0.2em 0",
        ),
    ]
    if wrong is not None:
        choice, count = wrong
        lines.append(
            element(
                "p",
                "Most chosen wrong answer: ",
                element("strong", f"“{choice.text}”"),
                f" ({count} of {result.answered})",
                style="margin:0.2em 0",
            )
        )
    return element("li", *lines, class_="backedu-dashboard-question", style="margin:0.6em 0")


def claim_html(result: ClaimResult) -> Html:
    rated = result.rated
    counts = ", ".join(f"{rating.label} {count}" for rating, count in result.counts)
    bar = bar_svg(
        [(count / rated, _RATING_COLOURS[rating]) for rating, count in result.counts],
        label=f"Class ratings: {counts}",
    )
    return element(
        "tr",
        element("td", result.claim.article_says, style=_CELL),
        element("td", bar, element("div", counts), style=_CELL),
        element("td", result.verdict_label, style=_CELL),
        element(
            "td", f"{result.fitting} of {rated} ({percent(result.share_fitting)}%)", style=_CELL
        ),
        class_="backedu-dashboard-claim",
    )


def misconception_html(m: Misconception) -> Html:
    held = element("strong", f"{m.held_by} of {m.out_of} ({percent(m.share)}%)")
    if m.source == "quiz":
        return element("li", held, " chose ", element("strong", f"“{m.belief}”"), " for: ", m.about)
    return element(
        "li", held, " rated as true: ", element("strong", f"“{m.belief}”"), f" ({m.about})"
    )


def results_html(summary: ClassSummary) -> Html:
    """Everything the class view shows below the join panel."""
    head = element(
        "p",
        element(
            "strong", f"{summary.participants} student{'s' if summary.participants != 1 else ''}"
        ),
        " took part (counted by page view: a student who reloads counts again), with ",
        f"{summary.answers} quiz answers and {summary.ratings} claim ratings.",
        class_="backedu-dashboard-participants",
        style="font-size:1.1em",
    )
    if not summary.answers and not summary.ratings:
        return join(
            head,
            element("p", "No answers yet. They appear here as students answer, every few seconds."),
        )
    parts: list[str] = [head]
    if summary.misconceptions:
        parts.append(element("h2", "Misconceptions, most common first", style="font-size:1.2em"))
        parts.append(
            element(
                "ol",
                *(misconception_html(m) for m in summary.misconceptions),
                class_="backedu-dashboard-misconceptions",
            )
        )
    if summary.questions:
        parts.append(element("h2", "Quiz questions", style="font-size:1.2em"))
        parts.append(
            element(
                "p",
                "Each student's first answer counts, before they saw any feedback. "
                "The green part of each bar is the share who got it right.",
            )
        )
        parts.append(element("ol", *(question_html(r) for r in summary.questions)))
    if summary.claims:
        legend = ", ".join(
            f"{r.label} ({name})"
            for r, name in zip(Rating, ("dark green", "brown", "dark red", "grey"), strict=True)
        )
        parts.append(
            element(
                "h2", "The article's claims: the class and the evidence", style="font-size:1.2em"
            )
        )
        parts.append(element("p", f"Bar colours: {legend}. The numbers are beside each bar."))
        parts.append(
            element(
                "table",
                element(
                    "thead",
                    element(
                        "tr",
                        element("th", "The article says", style=_CELL),
                        element("th", "The class said", style=_CELL),
                        element("th", "The evidence says", style=_CELL),
                        element("th", "Fits the evidence", style=_CELL),
                    ),
                ),
                element("tbody", *(claim_html(r) for r in summary.claims)),
                style="border-collapse:collapse;width:100%",
                class_="backedu-dashboard-claims",
            )
        )
    if summary.unknown:
        parts.append(
            element(
                "p",
                f"{summary.unknown} answers are about questions or claims that are no longer in "
                "the course and are left out.",
            )
        )
    return join(*parts)


def csv_link_html(session: str, csv_text: str, rows: int) -> Html:
    """A download link with the CSV inside it: built in the page, sent nowhere."""
    data = base64.b64encode(csv_text.encode("utf-8")).decode("ascii")
    name = f"class-results-{session}.csv"
    return element(
        "p",
        element("a", f"Download {name}", href=f"data:text/csv;base64,{data}", download=name),
        f" ({rows} rows: one per answer or rating, with a random id per page view and no names)",
    )


# --- what the notebook calls ----------------------------------------------------------------------
def teacher_dashboard() -> TeacherDashboard:
    """The teacher's class view for the class session this server runs (``make class``)."""
    return TeacherDashboard()
