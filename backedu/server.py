"""The Voilà app that serves the lessons: Voilà itself, plus a front door.

Voilà answers ``/`` with a file listing rendered by JavaScript. A class should land on the first
lesson instead, so ``/`` redirects there; everything else is stock Voilà configured by voila.json
(this app keeps Voilà's name, so it reads the same config file).
"""

from __future__ import annotations

from typing import Any

from jupyter_server.utils import url_path_join
from tornado.web import RedirectHandler
from voila.app import Voila

LANDING_NOTEBOOK = "00-start-here.ipynb"


class LessonServer(Voila):
    name = "voila"
    description = "Serve the backedu lessons (Voilà, with / opening the first lesson)."

    def init_handlers(self) -> list[Any]:
        handlers: list[Any] = super().init_handlers()
        if self.notebook_path:  # serving one notebook: Voilà already shows it at /
            return handlers
        landing = url_path_join(self.server_url, "voila/render", LANDING_NOTEBOOK)
        # Tornado tries handlers in order; this must come before Voilà's tree at /.
        return [(self.server_url, RedirectHandler, {"url": landing}), *handlers]


main = LessonServer.launch_instance

if __name__ == "__main__":
    main()
