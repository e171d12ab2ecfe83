"""The pure part of `make bench` (benchmarks/figures.py): spreads, targets and verdicts, and notes
written from the figures. Nothing here is timed: speed has its promises in `make bench` itself."""

from __future__ import annotations

import pytest

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


def test_a_spread_is_min_median_max_of_its_runs() -> None:
    spread = Spread.of([3.0, 1.0, 2.0, 10.0])
    assert (spread.min, spread.median, spread.max) == (1.0, 2.5, 10.0)
    assert spread.text() == "2.50 s (min 1.00, max 10.00; 4 runs)"
    assert Spread.of([0.5]).text("ms", 0) == "0 ms (1 run)"
    with pytest.raises(ValueError, match="at least one"):
        Spread.of([])


def test_a_target_holds_on_the_statistic_it_names() -> None:
    spread = Spread.of([1.0, 2.0, 4.0])
    assert Target(2.0, "s").met(spread) and not Target(3.9, "s", "max").met(spread)
    assert Target(1.25, "x", "value").met(1.25) and not Target(1.25, "x", "value").met(1.26)
    assert Target(3.0, "s", "max").text() == "max <= 3 s"
    assert Target(1.1, "x", "value").text() == "<= 1.1x"


def test_every_row_has_a_target_and_its_verdict_follows_the_figures() -> None:
    with pytest.raises(ValueError, match="cannot fail"):
        Row("a figure", "1 s", "", True)
    slow = timing_row("page", Spread.of([1.0, 5.0, 6.0]), Target(2.0, "s"))
    assert not slow.met and slow.cells()[-1] == "MISSED"
    lesson, baseline = Spread.of([1.2, 1.3, 1.4]), Spread.of([1.0, 1.0, 1.1])
    row = ratio_row("lesson load", lesson, baseline, Target(1.25, "x", "value"), "s")
    assert row.ratio == pytest.approx(1.4 / 1.1) and not row.met  # 1.2, 1.3 and 1.27: median
    assert row.cells()[2] == "1.27x" and "vs baseline 1.00 s" in row.value


def test_a_ratio_pairs_each_load_with_the_baseline_just_before_it() -> None:
    # A moment of load that slows a lesson load and its baseline alike cancels out.
    spiky, calm = Spread.of([1.0, 3.0, 1.0]), Spread.of([1.0, 3.0, 1.0])
    assert paired_ratio(spiky, calm) == 1.0
    # Loads that do not pair up (a memory figure missing once) fall back to the medians.
    assert paired_ratio(Spread.of([2.0, 4.0]), Spread.of([1.0, 1.0, 3.0])) == 3.0


def test_a_missed_target_fails_the_run_and_is_named_in_the_notes() -> None:
    report = Report()
    report.add(timing_row("fast", Spread.of([0.1, 0.2]), Target(1.0, "s")))
    assert report.exit_code == 0
    assert verdict_notes(report) == [
        "1 of 1 targets met. `make bench` exits with status 0 for this run (1 whenever a "
        "target is missed)."
    ]
    report.add(timing_row("class of 60", Spread.of([2.0, 9.5]), Target(3.0, "s", "max")))
    assert report.exit_code == 1
    notes = verdict_notes(report)
    assert notes[0].startswith("1 of 2 targets met") and "status 1" in notes[0]
    assert notes[1:] == [
        "MISSED: class of 60: 5.75 s (min 2.00, max 9.50; 2 runs); target max <= 3 s."
    ]


def test_the_machine_line_comes_from_its_inputs() -> None:
    machine = Machine("vm", 2, "EPYC", 23.5, "Linux 6", "3.11.7")
    busy = machine.line((3.5, 2.0, 1.0), (1.0, 1.0, 1.0))
    assert busy.startswith("vm: 2 cores (EPYC), 24 GiB, Linux 6, Python 3.11.7.")
    assert "3.50, 2.00, 1.00 at the start and 1.00, 1.00, 1.00 at the end" in busy
    assert "up to 3.5 of 2 cores busy" in busy
    assert machine.line((0.2, 0.1, 0.1), (0.3, 0.2, 0.1)).endswith("mostly free for the run.")


def test_the_results_file_holds_every_row_and_note_and_no_typed_number() -> None:
    report = Report(notes=["a note from the figures"])
    report.add(timing_row("page", Spread.of([1.0]), Target(2.0, "s")))
    text = markdown(report, "today", "make bench", "vm", PREAMBLE)
    assert "| page | 1.00 s (1 run) |  | median <= 2 s | met |" in text
    assert "- a note from the figures" in text
    # The words around the table carry no figure of their own: every number comes from a run.
    assert not any(character.isdigit() for character in " ".join(PREAMBLE))
