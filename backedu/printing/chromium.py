"""Finding the Chromium that prints the worksheets and drives the browser tests.

Debian's ``chromium`` by default; ``$BACKEDU_CHROMIUM`` points at any other Chrome or Chromium.
Nothing here downloads a browser: classrooms and CI machines may have no internet.
"""

from __future__ import annotations

import os
import shutil

ENV_VAR = "BACKEDU_CHROMIUM"

# Headless, and quiet on a closed network: without the background-networking flags Chromium
# keeps trying to reach Google's servers.
HEADLESS_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def find_chromium() -> str | None:
    """``$BACKEDU_CHROMIUM``, else a Chromium or Chrome on PATH, else None."""
    configured = os.environ.get(ENV_VAR, "").strip()
    if configured:
        return configured
    for candidate in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(candidate)
        if found:
            return found
    return None
