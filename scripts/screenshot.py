"""Take the README's screenshot of a lesson in the real app: serve, open in Chromium, save PNG.

.venv/bin/python scripts/screenshot.py [NOTEBOOK] [OUT.png]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.support.browser import CHROMIUM_ARGS, chromium_path  # noqa: E402
from tests.support.server import running_voila  # noqa: E402


def main(
    notebook: str = "00-start-here.ipynb", out: str = "docs/screenshot-start-here.png"
) -> None:
    with (
        tempfile.TemporaryDirectory() as tmp,
        running_voila(Path(tmp)) as server,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 760})
        page.goto(server.url(notebook))
        page.locator(".backedu-safety-notice").wait_for()
        page.wait_for_timeout(1000)  # let widgets finish drawing
        page.screenshot(path=str(ROOT / out))
        browser.close()
    print(f"saved {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
