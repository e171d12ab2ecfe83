"""Find and launch Debian's Chromium for Playwright, and run axe-core in a page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from backedu.printing.chromium import HEADLESS_FLAGS, find_chromium

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"

CHROMIUM_ARGS = list(HEADLESS_FLAGS)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium_path() -> str | None:
    """The browser the tests drive: see ``backedu.printing.chromium.find_chromium``."""
    return find_chromium()


def page_kernel_id(page: Any) -> str:
    """The id of the kernel the server gave this Voilà page."""
    return str(
        page.evaluate(
            "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
        )
    )


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """WCAG 2.0/2.1 A and AA violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        targets = [node["target"] for node in violation["nodes"]][:3]
        lines.append(f"{violation['id']}: {violation['help']} at {targets}")
    return "\n".join(lines)
