"""Time a static page's boot in Chromium, cold (empty cache) and warm, part by part.

    python -m static.measure [--site site] [--page probe.html] [--runs 3]

Serves the site on loopback, opens the page in a fresh browser profile (cold: empty cache) and
then again in the same profile (warm: its disk cache, which Playwright's incognito-like contexts
lack, so they re-download Pyodide's 8 MB runtime every time), and prints the page's own boot
marks (``backeduBoot.marks()``): text shown, Python's worker started, files downloaded, packages
installed, kernel imports done, ready. Bytes are counted by the server, so the worker's
downloads count too.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import statistics
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("text", "python-start", "python-downloads", "python-packages", "python-imports", "ready")


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    sent: list[int]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        handle = super().send_head()
        if handle is not None and hasattr(handle, "fileno"):
            self.sent.append(os.fstat(handle.fileno()).st_size)
        return handle


def measure(site: Path, page: str, runs: int) -> dict[str, list[dict[str, float]]]:
    from playwright.sync_api import sync_playwright

    from backedu.printing.chromium import HEADLESS_FLAGS, find_chromium

    sent: list[int] = []
    handler = type("Handler", (CountingHandler,), {"sent": sent})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/voici/render/{page}"
    results: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}
    try:
        with sync_playwright() as playwright:
            for _ in range(runs):
                profile = tempfile.TemporaryDirectory(prefix="backedu-measure-")
                context = playwright.chromium.launch_persistent_context(
                    profile.name, executable_path=find_chromium(), args=list(HEADLESS_FLAGS)
                )
                for kind in ("cold", "warm"):
                    sent.clear()
                    tab = context.new_page()
                    tab.goto(url)
                    tab.wait_for_function("backeduBoot.state() === 'ready'", timeout=120_000)
                    marks = tab.evaluate("backeduBoot.marks()")
                    marks["megabytes"] = sum(sent) / 1e6
                    results[kind].append(marks)
                    tab.close()
                context.close()
                profile.cleanup()
    finally:
        server.shutdown()
    return results


def report(results: dict[str, list[dict[str, float]]]) -> str:
    lines = [f"{'part (s from navigation)':26} {'cold median':>12} {'warm median':>12}"]
    for part in (*PARTS, "megabytes"):
        row = []
        for kind in ("cold", "warm"):
            values = [run[part] for run in results[kind] if part in run]
            value = statistics.median(values) if values else float("nan")
            row.append(value if part == "megabytes" else value / 1000)
        lines.append(f"{part:26} {row[0]:12.2f} {row[1]:12.2f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m static.measure")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--page", default="probe.html")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"load average: {os.getloadavg()[0]:.1f}")
    print(report(measure(args.site, args.page, args.runs)))


if __name__ == "__main__":
    main()
