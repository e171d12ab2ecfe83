"""The pure part of `make bench`: a timing's spread, a figure with its target and verdict, the
notes written from a run's own figures, and the results file. No browser, no server, no clock:
``tests/unit/test_bench_figures.py`` checks it.

Every row has a target, so every row can fail; a run with a missed target exits non-zero.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

HEADER = ("figure", "value", "ratio", "target", "verdict")
# How to read the table; every figure and note below it comes from the run.
PREAMBLE = [
    "The baseline is a bare one-checkbox notebook served by the same Voilà as the lessons; its",
    "loads alternate with the lessons' (after one load of each that is not counted), and a",
    "lesson's ratio is the median of each of its loads over the baseline load just before it. A",
    "static-site row's ratio is to the app's preheated page of the same lesson.",
    "Timings read median (min, max; runs); a target names the statistic it holds.",
]


@dataclass(frozen=True)
class Spread:
    """Several measurements of one figure: printed as median (min, max)."""

    values: tuple[float, ...]

    @classmethod
    def of(cls, values: Iterable[float]) -> Spread:
        found = tuple(values)
        if not found:
            raise ValueError("a spread needs at least one measurement")
        return cls(found)

    @property
    def min(self) -> float:
        return min(self.values)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def max(self) -> float:
        return max(self.values)

    def pick(self, statistic: str) -> float:
        return {"min": self.min, "median": self.median, "max": self.max}[statistic]

    def text(self, unit: str = "s", digits: int = 2) -> str:
        def f(value: float) -> str:
            return f"{value:.{digits}f}"

        if len(self.values) == 1:
            return f"{f(self.median)} {unit} (1 run)"
        return (
            f"{f(self.median)} {unit} (min {f(self.min)}, max {f(self.max)}; "
            f"{len(self.values)} runs)"
        )


@dataclass(frozen=True)
class Target:
    """A promise: a statistic of a figure at most ``limit`` (in ``unit``)."""

    limit: float
    unit: str
    statistic: str = "median"  # of the spread: "median", "max", or "value" for a single figure

    def met(self, figure: Spread | float) -> bool:
        value = figure if isinstance(figure, float | int) else figure.pick(self.statistic)
        return value <= self.limit

    def text(self) -> str:
        unit = self.unit if self.unit == "x" else f" {self.unit}"
        which = "" if self.statistic == "value" else f"{self.statistic} "
        return f"{which}<= {self.limit:g}{unit}"


@dataclass(frozen=True)
class Row:
    figure: str
    value: str
    target: str
    met: bool
    ratio: float | None = None

    def __post_init__(self) -> None:
        if not self.target:
            raise ValueError(f"{self.figure}: a figure without a target cannot fail")

    def cells(self) -> list[str]:
        ratio = "" if self.ratio is None else f"{self.ratio:.2f}x"
        return [self.figure, self.value, ratio, self.target, "met" if self.met else "MISSED"]


def timing_row(
    figure: str,
    spread: Spread,
    target: Target,
    *,
    unit: str = "s",
    digits: int = 2,
    extra: str = "",
) -> Row:
    """A measured figure against a target on one of its statistics."""
    return Row(figure, spread.text(unit, digits) + extra, target.text(), target.met(spread))


def paired_ratio(measured: Spread, baseline: Spread) -> float:
    """The median of each measurement over the baseline measured just before it, so that a
    moment of load that slows both cancels out; median over median when they do not pair up."""
    if len(measured.values) != len(baseline.values):
        return measured.median / baseline.median
    return statistics.median(m / b for m, b in zip(measured.values, baseline.values, strict=True))


def ratio_row(
    figure: str, measured: Spread, baseline: Spread, target: Target, unit: str, digits: int = 2
) -> Row:
    """A figure as a ratio to its baseline measured alongside it (``paired_ratio``)."""
    ratio = paired_ratio(measured, baseline)
    return Row(
        figure,
        f"{measured.text(unit, digits)} vs baseline {baseline.median:.{digits}f} {unit}",
        target.text(),
        target.met(ratio),
        ratio,
    )


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(" | ".join(row.cells()), flush=True)

    @property
    def missed(self) -> list[Row]:
        return [row for row in self.rows if not row.met]

    @property
    def exit_code(self) -> int:
        """What `make bench` exits with: 1 when any target is missed."""
        return 1 if self.missed else 0


def verdict_notes(report: Report) -> list[str]:
    """The verdict of the whole run, in words, from its rows."""
    met = len(report.rows) - len(report.missed)
    notes = [
        f"{met} of {len(report.rows)} targets met. `make bench` exits with status "
        f"{report.exit_code} for this run (1 whenever a target is missed)."
    ]
    notes += [f"MISSED: {row.figure}: {row.value}; target {row.target}." for row in report.missed]
    return notes


@dataclass(frozen=True)
class Machine:
    node: str
    cores: int
    cpu: str
    memory_gib: float
    system: str
    python: str

    def line(self, load_start: Sequence[float], load_end: Sequence[float]) -> str:
        def load(values: Sequence[float]) -> str:
            return ", ".join(f"{value:.2f}" for value in values)

        return (
            f"{self.node}: {self.cores} cores ({self.cpu}), {self.memory_gib:.0f} GiB, "
            f"{self.system}, Python {self.python}. Load average (1, 5, 15 minutes) "
            f"{load(load_start)} at the start and {load(load_end)} at the end: "
            f"{load_busy(load_start, load_end, self.cores)}"
        )


def load_busy(load_start: Sequence[float], load_end: Sequence[float], cores: int) -> str:
    """What the load averages say about the run, in words."""
    highest = max(load_start[0], load_end[0])
    if highest < 0.5 * cores:
        return "the machine was mostly free for the run."
    return (
        f"other work kept up to {highest:.1f} of {cores} cores busy, which slows every timing; "
        "ratios to the baseline loaded alongside suffer less."
    )


def markdown(report: Report, when: str, command: str, machine: str, preamble: list[str]) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Measured {when} with `{command}` on {machine}",
        "",
        *preamble,
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + "---|" * len(HEADER),
        *("| " + " | ".join(row.cells()) + " |" for row in report.rows),
    ]
    if report.notes:
        lines += ["", "## Notes (written by the run from its own figures)", ""]
        lines += [f"- {note}" for note in report.notes]
    return "\n".join(lines) + "\n"
