"""The figures we promise, each against a target, measured in one run (`make bench`).

The baseline is a bare one-checkbox notebook (benchmarks/baseline/) served by the SAME Voilà as
the lessons, and its loads alternate with the lessons' (baseline, lesson A, baseline, lesson B,
...), so noise on this shared machine hits both alike; a lesson's ratio is to the baseline loads
taken just before its own. Every timing is repeated and printed as median (min, max). The static
site's rows (benchmarks/static_site.py) are set beside the app's preheated page of the same
lesson; a class is run both ways `backedu class` runs one (benchmarks/classes.py). Every note
under the table is written from this run's figures (benchmarks/figures.py). A missed target
makes the run exit 1. Results go to RESULTS.md.

    .venv/bin/python -m benchmarks.bench [--runs N] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import classes, static_site
from benchmarks.figures import (
    PREAMBLE,
    Machine,
    Report,
    Row,
    Spread,
    Target,
    markdown,
    paired_ratio,
    ratio_row,
    timing_row,
    verdict_notes,
)
from tests.support import run_async
from tests.support.browser import CHROMIUM_ARGS, chromium_path
from tests.support.server import NOTEBOOKS, VoilaServer, running_voila

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "benchmarks" / "baseline" / "baseline.ipynb"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"

# A control a student can use: the first of these to be visible ends the page-load clock.
INTERACTIVE = (
    ".jupyter-widgets input, .jupyter-widgets button, .jupyter-widgets select, "
    ".jupyter-widgets textarea"
)
# Pages with no control at all are timed to their first content instead.
CONTENT = ".backedu-safety-notice, .widget-checkbox"
# Voilà embeds each output as JSON; a widget output names this MIME type.
HAS_WIDGETS_JS = (
    "() => document.documentElement.innerHTML.includes('application/vnd.jupyter.widget-view+json')"
)

# The app (issue 12): a lesson page costs at most a little more than a bare widget page.
TARGET_LOAD_RATIO = Target(1.25, "x", "value")
TARGET_MEMORY_RATIO = Target(1.1, "x", "value")
TARGET_BASELINE_LOAD = {"cold": Target(3.0, "s"), "preheated": Target(2.0, "s")}  # a bare page
TARGET_BASELINE_MB = Target(60.0, "MB")  # a bare ipykernel with ipywidgets
TARGET_CLICK = Target(100.0, "ms")

# The static site (issue 13): the first lesson and a widget-heavy one, targets on this machine.
STATIC_PAGES = ("01-what-is-a-spasm", "02-symptoms")
TARGET_TEXT = Target(2.0, "s", "max")
TARGET_CONTROL = {"cold": Target(10.0, "s"), "warm": Target(6.0, "s")}
TARGET_FIRST_VISIT = Target(30.0, "MB", "value")
TARGET_LATER_VISIT = Target(1.0, "MB", "value")  # a warm visit re-downloads next to nothing
TARGET_SITE = Target(40.0, "MB", "value")  # copied to a USB stick or an intranet in seconds
TARGET_FILE_SERVER_CLASS = Target(3.0, "s", "max")
# A warm start's budget, part by part (they add up to the 6 s target).
TARGET_PART = {
    "page and its JavaScript": Target(1.5, "s"),
    "Pyodide start": Target(1.5, "s"),
    "packages": Target(0.5, "s"),
    "imports": Target(1.0, "s"),
    "cells to first control": Target(1.5, "s"),  # Python's part is small; the rest is drawing
}

# A class opening the first lesson in the same second (issue 14), both ways, on this machine.
CLASS_SIZES = (30, 60)
TARGET_CLASS_PAGE = {
    "static": Target(3.0, "s", "max"),
    # The Voilà way: about 10 s is as long as a student waits before reloading the page (and
    # so adding a kernel), the most a teacher can accept at the start of a lesson.
    "Voilà": Target(10.0, "s", "max"),
}
TARGET_CLASS_STORED = {"static": Target(5.0, "s", "max"), "Voilà": Target(15.0, "s", "max")}
# Half the memory of an 8 GB school laptop, which also runs the teacher's browser and projector.
TARGET_CLASS_MB = Target(4096.0, "MB", "max")


# -- page loads and kernel memory, baseline and lessons interleaved on one server -----------


def kernel_pss_mb(pid: int) -> float:
    """Proportional set size: shared library pages are split between the kernels using them."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no Pss for {pid}")


@dataclass
class PageLoad:
    seconds: float
    kernel_mb: float | None


def load_page(browser: Any, server: VoilaServer, notebook: str) -> PageLoad:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(server.url(notebook))
    page.wait_for_selector(CONTENT, state="visible", timeout=60_000)
    if page.evaluate(HAS_WIDGETS_JS):
        page.wait_for_selector(INTERACTIVE, state="visible", timeout=60_000)
    seconds = time.perf_counter() - start
    kernel_id = page.evaluate(
        "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )
    pid = server.kernel_pid(kernel_id)
    memory = kernel_pss_mb(pid) if pid else None
    page.goto("about:blank")  # leaving shuts the page's kernel down
    context.close()
    # Let the pool refill so the next load meets the same conditions.
    server.wait_for_kernels(server.pool_size, timeout=60)
    return PageLoad(seconds, memory)


@dataclass
class Interleaved:
    """One lesson's loads and the baseline loads taken just before each of them."""

    lesson: list[PageLoad]
    baseline: list[PageLoad]

    @staticmethod
    def seconds(loads: list[PageLoad]) -> Spread:
        return Spread.of(load.seconds for load in loads)

    @staticmethod
    def memory(loads: list[PageLoad]) -> Spread | None:
        found = [load.kernel_mb for load in loads if load.kernel_mb is not None]
        return Spread.of(found) if found else None


def interleaved_loads(
    browser: Any, server: VoilaServer, lessons: list[str], runs: int
) -> dict[str, Interleaved]:
    """``runs`` rounds of: baseline, lesson A, baseline, lesson B, ...; after one load of each
    that is not counted (a fresh server's first page also waits for its templates and files)."""
    load_page(browser, server, BASELINE.name)
    load_page(browser, server, lessons[0])
    found = {name: Interleaved([], []) for name in lessons}
    for _ in range(runs):
        for name in lessons:
            found[name].baseline.append(load_page(browser, server, BASELINE.name))
            found[name].lesson.append(load_page(browser, server, name))
    return found


def course_with_baseline(folder: Path) -> Path:
    """The lessons and the baseline in one folder, for one server."""
    folder.mkdir()
    for notebook in [*NOTEBOOKS.glob("*.ipynb"), BASELINE]:
        shutil.copy(notebook, folder / notebook.name)
    return folder


def page_load_rows(mode: str, loads: dict[str, Interleaved], report: Report) -> dict[str, float]:
    """Rows for one mode; returns each lesson's median load (seconds)."""
    baselines = [load for pair in loads.values() for load in pair.baseline]
    report.add(
        timing_row(
            f"baseline page load ({mode}, all interleaved loads)",
            Interleaved.seconds(baselines),
            TARGET_BASELINE_LOAD[mode],
        )
    )
    base_memory = Interleaved.memory(baselines)
    if mode == "preheated" and base_memory is not None:
        report.add(
            timing_row(
                "baseline kernel memory (PSS)", base_memory, TARGET_BASELINE_MB, unit="MB", digits=1
            )
        )
    medians = {}
    for name, pair in loads.items():
        lesson = Interleaved.seconds(pair.lesson)
        medians[name] = lesson.median
        report.add(
            ratio_row(
                f"{name} page load ({mode})",
                lesson,
                Interleaved.seconds(pair.baseline),
                TARGET_LOAD_RATIO,
                "s",
            )
        )
        memory, paired = Interleaved.memory(pair.lesson), Interleaved.memory(pair.baseline)
        if mode != "preheated":
            continue
        if memory is None or paired is None:
            report.add(
                Row(f"{name} kernel memory", "not measured", TARGET_MEMORY_RATIO.text(), False)
            )
        else:
            report.add(
                ratio_row(f"{name} kernel memory", memory, paired, TARGET_MEMORY_RATIO, "MB", 1)
            )
    return medians


def page_load_notes(mode: str, loads: dict[str, Interleaved]) -> list[str]:
    ratios = {
        name: paired_ratio(Interleaved.seconds(pair.lesson), Interleaved.seconds(pair.baseline))
        for name, pair in loads.items()
    }
    slowest = max(ratios, key=lambda name: ratios[name])
    count = sum(len(pair.baseline) for pair in loads.values())
    runs = len(next(iter(loads.values())).lesson)
    notes = [
        f"Page loads ({mode}): {count} baseline loads alternated with {runs} loads of each of "
        f"{len(loads)} pages on one server; lesson ratios run from {min(ratios.values()):.2f}x "
        f"to {ratios[slowest]:.2f}x (slowest: {slowest})."
    ]
    memory = {
        name: (spread.median, paired.median)
        for name, pair in loads.items()
        if (spread := Interleaved.memory(pair.lesson))
        and (paired := Interleaved.memory(pair.baseline))
    }
    if mode == "preheated" and memory:
        heaviest = max(memory, key=lambda name: memory[name][0] / memory[name][1])
        mb, base = memory[heaviest]
        notes.append(
            f"Kernel memory: the heaviest lesson kernel is {heaviest}'s, {mb:.1f} MB PSS against "
            f"{base:.1f} MB for the bare baseline ({mb / base:.2f}x)."
        )
    return notes


# -- click to feedback ----------------------------------------------------------------------

# Click, then resolve when the watched element's text changes (the kernel answered).
CLICK_TO_FEEDBACK_JS = """
async ([clickSelector, watchSelector]) => {
  const target = document.querySelector(watchSelector);
  const before = target.innerText;
  return await new Promise((resolve) => {
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (target.innerText !== before) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    });
    observer.observe(target, {subtree: true, childList: true, characterData: true,
                              attributes: true});
    document.querySelector(clickSelector).click();
  });
}
"""


@dataclass(frozen=True)
class ClickJourney:
    """One repeatable click on a lesson page and where its feedback appears."""

    name: str
    notebook: str
    ready: str  # selector that shows the widget is drawn
    click: str  # what to click
    watch: str  # where the feedback appears
    before: Callable[[Any], None] | None = None  # set the widget up for the next click
    after: Callable[[Any], None] | None = None  # move on, so the next click changes the text
    most: int | None = None  # clicks one page can take (a quiz has a fixed number of questions)


def click_latencies(
    browser: Any, server: VoilaServer, journey: ClickJourney, clicks: int
) -> list[float]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.goto(server.url(journey.notebook))
    page.wait_for_selector(journey.ready, state="visible", timeout=120_000)
    latencies = []
    for _ in range(min(clicks, journey.most or clicks)):
        if journey.before is not None:
            journey.before(page)
        latencies.append(float(page.evaluate(CLICK_TO_FEEDBACK_JS, [journey.click, journey.watch])))
        if journey.after is not None:
            journey.after(page)
    page.goto("about:blank")
    context.close()
    return latencies


def _choose_first_answer(page: Any) -> None:
    choice = page.locator(".backedu-quiz .backedu-quiz-choice input").first
    choice.wait_for(state="visible", timeout=60_000)
    choice.check()
    # ipywidgets holds a change back while an earlier one is unanswered, but not a click: give
    # the choice its head start, so the timed click is checked against it.
    page.wait_for_timeout(200)


def _next_question(page: Any) -> None:
    """Next question; after the last one, see the score and start again."""
    quiz = page.locator(".backedu-quiz")
    progress = quiz.locator(".backedu-quiz-progress")
    shown = progress.inner_text()
    next_button = quiz.locator(".backedu-quiz-next")
    if quiz.locator(".backedu-quiz-feedback .backedu-quiz-hint").count():
        # The timed click beat the choice to the kernel ("choose an answer first"): check again.
        quiz.locator(".backedu-quiz-check").click()
    next_button.click()  # waits until the kernel has enabled it
    page.wait_for_function(
        "([el, old]) => el.innerText !== old", arg=[progress.element_handle(), shown]
    )
    retry = quiz.get_by_role("button", name="Try again")
    if retry.is_visible():
        retry.click()
        quiz.locator(".backedu-quiz-choice input").first.wait_for()


# Ticking and unticking alternate the advice ("Self-care..." / "Nothing ticked yet"), so every
# click changes the watched text.
CLICK_JOURNEYS = [
    ClickJourney(
        name="checklist: tick a symptom",
        notebook="02-symptoms.ipynb",
        ready=".backedu-checklist input[type=checkbox]",
        click=".backedu-checklist input[type=checkbox]",
        watch=".backedu-checklist .backedu-advice",
    ),
    ClickJourney(
        name="quiz: check a chosen answer",
        notebook="06-prevention.ipynb",
        ready=".backedu-quiz .backedu-quiz-choice input",
        click=".backedu-quiz .backedu-quiz-check",
        watch=".backedu-quiz .backedu-quiz-feedback",
        before=_choose_first_answer,
        after=_next_question,
        most=11,  # the self-quiz asks 12; stay within one attempt
    ),
]


def click_rows(browser: Any, server: VoilaServer, clicks: int, report: Report) -> None:
    for journey in CLICK_JOURNEYS:
        figure = f"{journey.name}: click to feedback (preheated app)"
        try:
            times = click_latencies(browser, server, journey, clicks)
        except Exception as error:  # report it and go on to the other figures
            print(f"{journey.name} failed: {error}", file=sys.stderr)
            report.add(Row(figure, f"failed: {type(error).__name__}", TARGET_CLICK.text(), False))
            continue
        report.add(timing_row(figure, Spread.of(times), TARGET_CLICK, unit="ms", digits=0))


# -- the static site -------------------------------------------------------------------------

Starts = dict[str, dict[str, list[static_site.PageStart]]]


def static_rows(starts: Starts, app_preheated: dict[str, float], report: Report) -> None:
    """The static site beside the app: its start, cold and warm, part by part; what it weighs."""
    for name in STATIC_PAGES:
        cold, warm = starts[f"{name}.html"]["cold"], starts[f"{name}.html"]["warm"]
        texts = Spread.of(start.text_s for start in cold + warm)
        report.add(timing_row(f"{name} static: lesson text readable", texts, TARGET_TEXT))
        app = app_preheated.get(f"{name}.ipynb")
        for kind, loads in (("cold", cold), ("warm", warm)):
            times = Spread.of(start.control_s for start in loads)
            row = timing_row(
                f"{name} static: first usable control, {kind} cache",
                times,
                TARGET_CONTROL[kind],
                extra=f"; app preheated {app:.2f} s" if app else "",
            )
            report.add(
                Row(row.figure, row.value, row.target, row.met, times.median / app if app else None)
            )
        for part, budget in TARGET_PART.items():
            values = [start.parts_s[part] for start in warm if part in start.parts_s]
            figure = f"{name} static warm start: {part}"
            if not values:
                report.add(Row(figure, "not measured", budget.text(), False))
                continue
            report.add(timing_row(figure, Spread.of(values), budget))
        first = Spread.of(start.downloaded / 1e6 for start in cold).median
        stored = Spread.of(start.stored / 1e6 for start in cold).median
        later = Spread.of(start.downloaded / 1e6 for start in warm).median
        report.add(
            Row(
                f"{name} static: first visit downloads (from a server without gzip copies)",
                f"{stored:.1f} MB; {first:.1f} MB with the gzip copies",
                TARGET_FIRST_VISIT.text(),
                TARGET_FIRST_VISIT.met(stored),
            )
        )
        report.add(
            Row(
                f"{name} static: a later visit downloads",
                f"{later:.2f} MB",
                TARGET_LATER_VISIT.text(),
                TARGET_LATER_VISIT.met(later),
            )
        )


def static_notes(starts: Starts) -> list[str]:
    """What the run's own figures say about the static start, in words."""
    notes = []
    for page, kinds in starts.items():
        warm = kinds["warm"]
        parts = {part: Spread.of(s.parts_s[part] for s in warm if part in s.parts_s).median
                 for part in TARGET_PART if any(part in s.parts_s for s in warm)}  # fmt: skip
        if not parts:
            continue
        slowest = max(parts, key=lambda part: parts[part])
        total = Spread.of(s.control_s for s in warm).median
        cold = Spread.of(s.control_s for s in kinds["cold"]).median
        notes.append(
            f"{page}: the slowest part of a warm start is {slowest} ({parts[slowest]:.2f} s of "
            f"{total:.2f} s); a warm cache saves {cold - total:.2f} s against a cold one."
        )
    return notes


def file_server_rows(site: Path, files: list[str], mb: float, runs: int, report: Report) -> None:
    """Issue 13: any static web server (Python's, threaded) handing a lesson to a class."""
    for clients in CLASS_SIZES:
        seconds = Spread.of(
            run_async(static_site.class_fetch(site, files, clients)) for _ in range(runs)
        )
        report.add(
            timing_row(
                f"plain static file server, {clients} clients: every file of {STATIC_PAGES[0]} "
                f"({len(files)} files, {mb:.1f} MB each with the gzip copies)",
                seconds,
                TARGET_FILE_SERVER_CLASS,
            )
        )


# -- a class, both ways ----------------------------------------------------------------------


Ways = dict[str, dict[int, list[classes.ClassRun]]]


def class_rows(runs: Ways, report: Report) -> None:
    """Side by side: for each class size, the static way's row, then the Voilà way's."""
    for size in runs["static"]:
        for way in ("static", "Voilà"):
            done = runs[way][size]
            lost = [run for run in done if not run.clean]
            trouble = ""
            if lost:
                first = lost[0]
                trouble = (
                    f"; {len(lost)} of {len(done)} runs lost answers or students "
                    f"({first.answers_stored} of {first.answers_sent} stored"
                    + (f", {len(first.errors)} errors: {first.errors[0]}" if first.errors else "")
                    + ")"
                )
            served = "every file of the lesson fetched" if way == "static" else "page with widgets"
            pages = Spread.of(run.slowest_page_s for run in done)
            row = timing_row(
                f"class of {size}, {way} way: until the slowest student has a usable page "
                f"({served})",
                pages,
                TARGET_CLASS_PAGE[way],
                extra=trouble,
            )
            report.add(Row(row.figure, row.value, row.target, row.met and not lost))
            stored = [run.stored_s for run in done if run.stored_s is not None]
            answers = done[0].answers_sent
            figure = f"class of {size}, {way} way: until every answer is stored ({answers} answers)"
            if len(stored) < len(done):
                report.add(
                    Row(figure, f"not all stored{trouble}", TARGET_CLASS_STORED[way].text(), False)
                )
            else:
                report.add(timing_row(figure, Spread.of(stored), TARGET_CLASS_STORED[way]))
            report.add(
                timing_row(
                    f"class of {size}, {way} way: the laptop's memory (server and kernels, PSS)",
                    Spread.of(run.memory_mb for run in done),
                    TARGET_CLASS_MB,
                    unit="MB",
                    digits=0,
                )
            )


def class_notes(runs: Ways, warm_start: float | None) -> list[str]:
    cores = os.cpu_count() or 1
    notes = []
    for size in runs["static"]:
        voila = Spread.of(run.slowest_page_s for run in runs["Voilà"][size]).median
        static = Spread.of(run.slowest_page_s for run in runs["static"][size]).median
        voila_mb = Spread.of(run.memory_mb for run in runs["Voilà"][size]).median
        static_mb = Spread.of(run.memory_mb for run in runs["static"][size]).median
        note = (
            f"A class of {size}: the slowest student waited {voila:.1f} s for a page the Voilà "
            f"way ({voila / size * cores:.2f} s of this machine's {cores} cores per student, as "
            f"each page starts a kernel of its own) and was served in {static:.1f} s the static "
            f"way ({voila / static:.1f}x sooner); the laptop held {voila_mb:.0f} MB against "
            f"{static_mb:.0f} MB."
        )
        stored = {
            way: [run.stored_s for run in runs[way][size] if run.stored_s is not None]
            for way in ("static", "Voilà")
        }
        if all(len(stored[way]) == len(runs[way][size]) for way in stored):
            voila_stored = Spread.of(stored["Voilà"]).median
            static_stored = Spread.of(stored["static"]).median
            note += (
                f" Every answer was in the class database after {voila_stored:.1f} s the Voilà "
                f"way and {static_stored:.1f} s the static way."
            )
        missed = TARGET_CLASS_PAGE["Voilà"].statistic
        slowest = Spread.of(run.slowest_page_s for run in runs["Voilà"][size]).pick(missed)
        if not TARGET_CLASS_PAGE["Voilà"].met(slowest):
            note += (
                f" The Voilà way misses its target ({TARGET_CLASS_PAGE['Voilà'].text()}) at this "
                f"size: the static way is how a class of {size} should run; the Voilà way is "
                "the fallback where the site cannot be built."
            )
        notes.append(note)
    if warm_start is not None:
        notes.append(
            "The static way's page times are the server's side: each student's own browser "
            f"then starts Python on its own processor, {warm_start:.1f} s for "
            f"{STATIC_PAGES[0]} with a warm cache on this machine (see above)."
        )
    return notes


# -- the run --------------------------------------------------------------------------------


def machine() -> Machine:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    return Machine(
        node=platform.node(),
        cores=os.cpu_count() or 1,
        cpu=cpu,
        memory_gib=os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30,
        system=f"{platform.system()} {platform.release()}",
        python=platform.python_version(),
    )


def run(runs: int, class_runs: int, quick: bool, report: Report) -> None:
    from playwright.sync_api import sync_playwright

    from backedu.publish.build import build_site
    from tests.support.static_site import TEST_REGION, TEST_SITE

    print(" | ".join(["figure", "value", "ratio", "target", "verdict"]), flush=True)
    lessons = [path.name for path in sorted(NOTEBOOKS.glob("*.ipynb"))]
    if quick:  # the landing page, the pages with a click figure and the static site's pages
        keep = {
            "00-start-here.ipynb",
            *(journey.notebook for journey in CLICK_JOURNEYS),
            *(f"{name}.ipynb" for name in STATIC_PAGES),
        }
        lessons = [name for name in lessons if name in keep]
    app_preheated: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp_name, sync_playwright() as playwright:
        tmp = Path(tmp_name)
        course = course_with_baseline(tmp / "course")
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for preheat in (False, True):
            mode = "preheated" if preheat else "cold"
            # The project's own settings (backedu/voila.json), not the tests' short cull timings.
            with running_voila(tmp, notebooks=course, preheat=preheat, short_cull=False) as server:
                loads = interleaved_loads(browser, server, lessons, runs)
                medians = page_load_rows(mode, loads, report)
                report.notes += page_load_notes(mode, loads)
                if preheat:
                    app_preheated = medians
                    click_rows(browser, server, 4 * runs, report)
        browser.close()

        build_site(TEST_SITE, region=TEST_REGION, notebooks=NOTEBOOKS, log=lambda _: None)
        pages = [f"{name}.html" for name in STATIC_PAGES]
        starts = static_site.page_starts(playwright, TEST_SITE, pages, runs, INTERACTIVE)
        static_rows(starts, app_preheated, report)
        size = static_site.site_bytes(TEST_SITE) / 1e6
        report.add(
            Row(
                "static site: size on disk",
                f"{size:.1f} MB",
                TARGET_SITE.text(),
                TARGET_SITE.met(size),
            )
        )
        report.notes += static_notes(starts)

        # What a first visit of the first lesson fetched, as its server saw it.
        first_visit = starts[pages[0]]["cold"][0]
        file_server_rows(TEST_SITE, first_visit.files, first_visit.downloaded / 1e6, runs, report)
        sizes = (5, 10) if quick else CLASS_SIZES
        ways: Ways = {
            "static": classes.static_classes(tmp, TEST_SITE, first_visit.files, sizes, class_runs),
            "Voilà": classes.voila_classes(tmp, sizes, class_runs),
        }
        class_rows(ways, report)
        warm = [start.control_s for start in starts[pages[0]]["warm"]]
        report.notes += class_notes(ways, Spread.of(warm).median if warm else None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="repeats per timing")
    parser.add_argument("--class-runs", type=int, default=3, help="repeats of each class")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a few lessons, one run, classes of 5 and 10: checks the script, not the promises",
    )
    args = parser.parse_args()
    if args.runs < 1 or args.class_runs < 1:
        parser.error("--runs and --class-runs must be at least 1")
    if chromium_path() is None:
        parser.error("no Chromium: run `make browser` or set BACKEDU_CHROMIUM")
    runs, class_runs = (1, 1) if args.quick else (args.runs, args.class_runs)
    load_start = os.getloadavg()
    started = time.monotonic()
    report = Report()
    run(runs, class_runs, args.quick, report)
    load_end = os.getloadavg()
    report.notes.append(f"The whole run took {(time.monotonic() - started) / 60:.1f} minutes.")
    report.notes += verdict_notes(report)
    command = "make bench" if not args.quick else "python -m benchmarks.bench --quick"
    when = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    RESULTS.write_text(
        markdown(report, when, command, machine().line(load_start, load_end), PREAMBLE),
        encoding="utf-8",
    )
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    for note in report.notes:
        print(f"- {note}")
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
