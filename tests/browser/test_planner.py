"""The appointment planner in a real browser against the real Voilà: fill it in, make notes,
download them; typed markup never runs; too-long answers get a clear message; it works from the
keyboard; axe-core finds nothing; and what the student types goes nowhere but the page's kernel."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from backedu.logic.planner import APPOINTMENT, MAX_LENGTH
from backedu.logic.planner import planner as planner_form
from tests.support import PATIENCE
from tests.support.browser import axe_violations, describe
from tests.support.server import VoilaServer

pytestmark = pytest.mark.browser

NOTEBOOK = "04-seeing-a-doctor.ipynb"
PLANNER = ".backedu-planner"

XSS = {
    "When did it start?": "<img src=x onerror=window.__pwned=1>",
    "Where does it hurt?": "<script>window.__pwned=2</script>",
    "What makes it better?": '"><svg onload=window.__pwned=3>',
    "What makes it worse?": "<a href=javascript:window.__pwned=4>tap</a>",
    "What do you want to ask?": "</dd></dl><iframe srcdoc='<script>parent.__pwned=5</script>'>",
}


# Every element under the given one that carries an event-handler attribute (onerror=...).
HANDLER_ATTRIBUTES = """root => [...root.querySelectorAll('*')].flatMap(el =>
    [...el.attributes].filter(a => a.name.startsWith('on')).map(a => `${el.tagName} ${a.name}`)
)"""


class PlannerPage:
    """The planner as a student sees it: questions found by their labels, buttons by name."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.root = page.locator(PLANNER)
        self.status = page.locator(f"{PLANNER} .backedu-planner-status")
        self.notes = page.locator(f"{PLANNER} .backedu-planner-notes")

    def open(self, voila: VoilaServer) -> None:
        self.page.goto(voila.url(NOTEBOOK))
        # Generous: a busy 2-core machine may need a while to start a fresh kernel.
        self.box("When did it start?").wait_for(timeout=PATIENCE * 1000)
        # Every question, not only the first (each control arrives on its own).
        expect(self.root.locator(".backedu-planner-answer")).to_have_count(
            len(planner_form(APPOINTMENT).fields)
        )

    def box(self, label: str) -> Any:
        return self.root.get_by_label(label, exact=True)

    def button(self, name: str) -> Any:
        return self.root.get_by_role("button", name=name, exact=True)

    def make_notes(self) -> None:
        self.button("Make my notes").click()


@pytest.fixture
def planner(page: Any, voila: VoilaServer) -> PlannerPage:
    opened = PlannerPage(page)
    opened.open(voila)
    return opened


def test_answers_become_notes_to_download(planner: PlannerPage, tmp_path: Path) -> None:
    page = planner.page
    planner.box("When did it start?").fill("Last Saturday, at football practice")
    planner.box("How bad is it?").select_option(label="6 out of 10")
    planner.box("How often does it happen?").select_option(label="This is the first time")
    planner.box("What makes it better?").fill("A warm pack\nWalking slowly")
    planner.make_notes()
    expect(planner.status).to_contain_text("Your notes are ready")
    notes = planner.notes
    expect(notes).to_contain_text("Last Saturday, at football practice")
    expect(notes).to_contain_text("6 out of 10")
    expect(notes).to_contain_text("This is the first time")
    expect(notes).to_contain_text("This is not a diagnosis.")
    expect(notes).to_contain_text("Call 999")

    with page.expect_download() as text_download:
        notes.get_by_role("link", name="Download as a text file").click()
    saved = tmp_path / "notes.txt"
    text_download.value.save_as(saved)
    assert text_download.value.suggested_filename == "back-pain-notes.txt"
    text = saved.read_text(encoding="utf-8")
    assert "When did it start?\n  Last Saturday, at football practice\n" in text
    assert "  A warm pack\n  Walking slowly\n" in text

    with page.expect_download() as page_download:
        notes.get_by_role("link", name="Download as a page to print").click()
    printable = tmp_path / "notes.html"
    page_download.value.save_as(printable)
    assert "Last Saturday, at football practice" in printable.read_text(encoding="utf-8")
    assert page.console_log.errors == []


def test_typed_markup_is_shown_as_text_and_never_runs(planner: PlannerPage, tmp_path: Path) -> None:
    page = planner.page
    for label, payload in XSS.items():
        planner.box(label).fill(payload)
    planner.make_notes()
    for payload in XSS.values():
        expect(planner.notes).to_contain_text(payload)  # the characters typed, as characters
    # Nothing typed became markup that could run: no such element, no handler attribute, no
    # script link. A handler needs one of these, so none can run later either.
    expect(planner.notes.locator("img, script, svg, iframe")).to_have_count(0)
    expect(planner.notes.locator("a[href^='javascript']")).to_have_count(0)
    assert planner.notes.evaluate(HANDLER_ATTRIBUTES) == []
    assert page.evaluate("() => window.__pwned") is None

    # The printable page is safe to open too.
    with page.expect_download() as download:
        planner.notes.get_by_role("link", name="Download as a page to print").click()
    printable = tmp_path / "notes.html"
    download.value.save_as(printable)
    viewer = page.context.new_page()
    viewer.goto(printable.as_uri(), wait_until="load")  # after every script, image and frame
    assert viewer.locator("body").evaluate(HANDLER_ATTRIBUTES) == []
    expect(viewer.locator("img, script, svg, iframe")).to_have_count(0)
    assert viewer.evaluate("() => window.__pwned") is None
    assert XSS["When did it start?"] in viewer.locator("body").inner_text()
    viewer.close()
    assert page.console_log.errors == []


def test_too_long_answer_gets_a_clear_message(planner: PlannerPage) -> None:
    planner.box("What have you tried so far?").fill("heat " * 70)  # 349 characters, trimmed
    planner.make_notes()
    expect(planner.status).to_contain_text("Please fix this first")
    expect(planner.status).to_contain_text(
        f"Your answer to “What have you tried so far?” is {len('heat ' * 70) - 1} characters"
    )
    expect(planner.status).to_contain_text(f"{MAX_LENGTH} characters at most")
    expect(planner.notes).to_have_count(0)
    planner.box("What have you tried so far?").fill("heat")
    planner.make_notes()
    expect(planner.notes).to_contain_text("heat")


def test_planner_works_from_the_keyboard(planner: PlannerPage) -> None:
    page = planner.page
    planner.box("When did it start?").focus()
    page.keyboard.type("Yesterday")
    for _ in range(20):  # Tab through the form to the button
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent") == "Make my notes":
            break
    else:
        pytest.fail("Tab never reached the 'Make my notes' button")
    page.keyboard.press("Enter")
    expect(planner.notes).to_contain_text("Yesterday")
    planner.button("Clear my answers").focus()
    page.keyboard.press("Space")
    expect(planner.status).to_contain_text("Your answers are cleared.")
    expect(planner.box("When did it start?")).to_have_value("")
    expect(planner.notes).to_have_count(0)


def whole_page_in_view(page: Any) -> None:
    """Make the window as tall as the lesson: axe only judges colours of what is on screen."""
    height = page.evaluate("() => document.querySelector('#rendered_cells').scrollHeight")
    page.set_viewport_size({"width": 1200, "height": height + 100})


def test_planner_passes_axe_before_and_after_notes(planner: PlannerPage) -> None:
    whole_page_in_view(planner.page)
    violations = axe_violations(planner.page)
    assert not violations, describe(violations)
    planner.box("When did it start?").fill("Monday")
    planner.box("How bad is it?").select_option(label="3 out of 10")
    planner.make_notes()
    expect(planner.notes).to_be_visible()
    whole_page_in_view(planner.page)
    violations = axe_violations(planner.page)
    assert not violations, describe(violations)


def test_typed_answers_leave_only_for_the_pages_own_kernel(page: Any, voila: VoilaServer) -> None:
    secret = "my-private-answer-4711"
    requests: list[Any] = []
    page.on("request", lambda request: requests.append(request))
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    planner = PlannerPage(page)
    planner.open(voila)
    planner.box("What do you want to ask?").fill(secret)
    planner.make_notes()
    expect(planner.notes).to_contain_text(secret)
    origin = voila.base_url
    for request in requests:
        assert request.url.startswith((origin, "data:")), f"request left the server: {request.url}"
        assert secret not in request.url and secret not in (request.post_data or "")
    assert sockets and all(url.startswith(origin.replace("http", "ws", 1)) for url in sockets)


class SlowKernelLine:
    """The page's kernel websocket, with the kernel's replies held back on demand: what a busy
    kernel looks like to the page. Messages from the page go straight through."""

    def __init__(self, page: Any) -> None:
        self.held: list[str | bytes] | None = None
        self._to_page: Any = None
        page.route_web_socket(re.compile(r"/api/kernels/[^/]+/channels"), self._connect)

    def _connect(self, route: Any) -> None:
        server = route.connect_to_server()
        route.on_message(server.send)
        server.on_message(self._from_kernel)
        self._to_page = route

    def _from_kernel(self, message: str | bytes) -> None:
        if self.held is None:
            self._to_page.send(message)
        else:
            self.held.append(message)

    def hold(self) -> None:
        self.held = []

    def release(self) -> None:
        held, self.held = self.held or [], None
        for message in held:
            self._to_page.send(message)


def test_make_my_notes_uses_what_was_typed_while_the_kernel_is_busy(
    page: Any, voila: VoilaServer
) -> None:
    """The notes hold what the student typed, even when the kernel is slow to answer.

    The page sends a widget's changes one at a time: while the kernel has not answered for the
    last one, newer text waits in the page. A button press does not wait. Boxes that sent text at
    every keystroke let the press overtake the last words typed: the notes were made from the
    first letter, then withdrawn when the rest arrived. Holding the kernel's answers back while
    typing and pressing makes that happen every time, not only on a busy machine."""
    line = SlowKernelLine(page)
    planner = PlannerPage(page)
    planner.open(voila)
    line.hold()
    planner.box("When did it start?").press_sequentially("Last Saturday")
    planner.make_notes()
    line.release()
    expect(planner.notes).to_contain_text("Last Saturday")
    expect(planner.status).to_contain_text("Your notes are ready")
