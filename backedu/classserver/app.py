"""The class server: one process, one address, for the whole class.

With a static site (``--ClassServer.site=DIR``, what ``backedu class`` gives it when the site could
be built), the lessons run in each student's browser and the laptop only hands out files:

    /                          the site (its index opens the start page), plain files, each
                               marked ``Backedu-Class: on`` while the session runs
    /backedu/class/session     GET: the session code (``api.SessionHandler``)
    /backedu/class/answers     POST: one answer or rating (``api.AnswerHandler``)
    /teacher                   the teacher dashboard (a Voilà page)
    /voila/..., /api/kernels/...   Voilà, for the dashboard only, from this computer only
    /voila/render/NN-lesson.ipynb  sends a stray old link to the lesson's static page

Without a site it is today's Voilà app (``backedu.server.LessonServer``): each page view gets a
kernel on this laptop, which records through ``classroom/writer.py``.

Either way standard output is the teacher's terminal (``terminal.py``) and standard error the log
file ``backedu class`` opened.
"""

from __future__ import annotations

import logging
import signal
from pathlib import Path
from typing import Any

from jupyter_server.utils import url_path_join
from tornado.ioloop import PeriodicCallback
from tornado.web import RedirectHandler
from traitlets import Unicode

from backedu.classroom.config import ClassConfig
from backedu.classroom.submissions import AnswerRules
from backedu.classserver.api import (
    ANSWERS_ROUTE,
    SESSION_ROUTE,
    AnswerHandler,
    ClassRoom,
    SessionHandler,
    class_room,
    teacher_only,
)
from backedu.classserver.site import Compressed, SiteHandler
from backedu.classserver.terminal import TeacherTerminal, request_logger
from backedu.content import course
from backedu.errors import ClassConfigError
from backedu.server import LessonServer

DASHBOARD = "teacher-dashboard.ipynb"
BACKLOG = 1024  # connections waiting to be accepted: a class opening a lesson at once
LESSON_NOTEBOOK = r"(\d\d-[a-z0-9-]+)\.ipynb"


class ClassServer(LessonServer):
    name = "voila"  # Voilà and Jupyter find their settings and templates by this name
    description = "Serve a class: the static lessons, the answer endpoint and the dashboard."

    site = Unicode(
        "",
        config=True,
        help="Folder of the built static site to serve to students; empty: the Voilà way.",
    )

    def initialize(self, argv: Any = None) -> None:
        super().initialize(argv)
        self.terminal = TeacherTerminal()
        config = ClassConfig.from_env()
        if config is None:
            raise ClassConfigError("the class server needs the settings `backedu class` gives it")
        self.class_config = config
        self.room: ClassRoom | None = None
        if self.site:
            rules = AnswerRules(course(), config.session)
            self.room = class_room(config, rules, self.terminal)
            # Only the dashboard keeps a kernel ready: students never get a kernel here.
            pools = {"default": {"pool_size": 0}, DASHBOARD: {"pool_size": 1}}
            self.config.VoilaKernelManager.kernel_pools_config = pools

    def init_settings(self) -> dict[str, Any]:
        settings = super().init_settings()
        settings["log_function"] = request_logger(self.terminal, logging.getLogger("backedu.class"))
        return settings

    def init_handlers(self) -> list[Any]:
        if not self.site:
            return super().init_handlers()
        base = self.server_url
        room = {"room": self.room}
        site = Path(self.site).resolve()
        compressed = Compressed()
        compressed.start(site)  # gzip the site's scripts once, on a thread of its own
        dashboard = url_path_join(base, "voila/render", DASHBOARD)
        # Voilà's routes for the teacher; its notebook list at / gives way to the site's index.
        teacher = [
            (pattern, teacher_only(handler), *rest)
            for pattern, handler, *rest in self.app_handlers()
            if pattern not in (base, base.rstrip("/"))
        ]
        return [
            (url_path_join(base, SESSION_ROUTE), SessionHandler, room),
            (url_path_join(base, ANSWERS_ROUTE), AnswerHandler, room),
            (url_path_join(base, "teacher"), RedirectHandler, {"url": dashboard}),
            (
                url_path_join(base, "voila/render", LESSON_NOTEBOOK),
                RedirectHandler,
                {"url": url_path_join(base, "voici/render/{0}.html")},
            ),
            *teacher,
            (
                url_path_join(base, "(.*)"),
                SiteHandler,
                {
                    "path": str(site),
                    "default_filename": "index.html",
                    "compressed": compressed,
                    "session_open": self.room.session_open if self.room else None,
                },
            ),
        ]

    def listen(self) -> None:
        listen = self.app.listen
        url = self.class_config.url or self.display_url

        def listen_and_say(port: int, address: str = "", **options: Any) -> Any:
            server = listen(port, address, backlog=BACKLOG, **options)
            self.terminal.ready(url)
            return server

        self.app.listen = listen_and_say
        PeriodicCallback(self.terminal.tick, 2000).start()
        signal.signal(signal.SIGINT, self._handle_signal_stop)  # Ctrl+C: stop, then say so
        super().listen()

    def stop(self) -> None:
        if self.room is not None:
            self.room.inbox.close()
        try:
            super().stop()
        finally:
            self.terminal.stopped(self.class_config.db)


def main(argv: list[str] | None = None) -> None:
    ClassServer.launch_instance(argv)
