"""The Voilà app that serves the lessons: Voilà itself, plus a front door and a health check.

- Voilà answers ``/`` with a file listing rendered by JavaScript. A class should land on the first
  lesson instead, so ``/`` redirects there.
- A preheated kernel's last activity is when it rendered the lesson, maybe minutes before a student
  asks for the page; the culler would take it from a page whose JavaScript is still loading. Handing
  a kernel to a page counts as activity.
- A page whose kernel has died just goes quiet. ``/backedu/api/alive/<kernel id>`` tells the page
  (the template polls it) so it can say what happened and how to recover; a dead kernel is also
  cleared away. Auto-restart is off in backedu/voila.json: a restarted kernel has lost the page's
  widgets.
- The culler takes only kernels with no page connected, and jupyter_server's count of a kernel's
  connections drifts when a page goes or reconnects while its connection is being set up (a
  reload, a closed tab, a busy laptop): a closing it never counted as opened takes it to -1, a
  reconnection that fails half-way leaves it at 1, and the kernel is kept for ever. Here each
  connection counts itself once it is up and uncounts itself when it closes, and the culler reads
  that count.
- On Linux, kernels talk to the server over Unix sockets in the server's private folder instead of
  TCP ports. A TCP kernel's ports are picked free by the server and bound later by the kernel, so
  when a class starts dozens of kernels at once one can lose a port to another and die ("Address
  already in use"); Voilà then hands that dead kernel to a page, which never works.

Everything else is stock Voilà, configured by ``backedu/voila.json``. The settings travel with the
package: the server reads that file itself, wherever it is started from (a ``voila.json`` in the
working directory is not read). Options given on the command line still win.
"""

from __future__ import annotations

import sys
from collections import Counter
from datetime import UTC, datetime
from importlib import resources
from typing import Any, ClassVar

from jupyter_core.utils import ensure_async
from jupyter_server.base.handlers import APIHandler
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.web import RedirectHandler
from traitlets import default
from traitlets.config import Config
from voila.app import Voila

LANDING_NOTEBOOK = "00-start-here.ipynb"


class KernelAliveHandler(APIHandler):
    """``{"alive": true}`` while a page's kernel runs; 404 once it is gone."""

    @web.authenticated
    async def get(self, kernel_id: str) -> None:
        manager = self.kernel_manager
        if kernel_id not in manager:
            raise web.HTTPError(404, "no such kernel")
        alive = await ensure_async(manager.get_kernel(kernel_id).is_alive())
        if not alive:
            await ensure_async(manager.shutdown_kernel(kernel_id, now=True))
            raise web.HTTPError(404, "kernel has stopped")
        self.finish({"alive": True})


class LessonServer(Voila):
    name = "voila"
    description = "Serve the backedu lessons (Voilà, with / opening the first lesson)."

    @default("config_file_paths")
    def _backedu_settings(self) -> list[str]:
        # Only the package's own voila.json: the same server whatever folder it starts in.
        return [str(resources.files("backedu"))]

    def load_config_file(self, filename: str, path: Any = None) -> None:
        super().load_config_file(filename, path=path)
        # Unix sockets, not TCP ports (see above). Linux only: macOS limits a socket's path to
        # 104 bytes, too short for its temporary folder, and Windows has none. The command line
        # still wins.
        if sys.platform.startswith("linux") and "transport" not in self.cli_config.get(
            "KernelManager", {}
        ):
            self.update_config(Config({"KernelManager": {"transport": "ipc"}}))

    def init_settings(self) -> dict[str, Any]:
        settings: dict[str, Any] = super().init_settings()
        settings["kernel_websocket_connection_class"] = CountedConnection
        _cull_by_counted_connections(self.kernel_manager)
        if hasattr(self.kernel_manager, "get_rendered_notebook"):  # preheated pool in use
            _count_hand_over_as_activity(self.kernel_manager)
        return settings

    def init_handlers(self) -> list[Any]:
        handlers = self.app_handlers()
        if self.notebook_path:  # serving one notebook: Voilà already shows it at /
            return handlers
        landing = url_path_join(self.server_url, "voila/render", LANDING_NOTEBOOK)
        # Tornado tries handlers in order; this must come before Voilà's tree at /.
        return [(self.server_url, RedirectHandler, {"url": landing}), *handlers]

    def app_handlers(self) -> list[Any]:
        """Voilà's routes and the kernel health check, without the front door at ``/``."""
        handlers: list[Any] = super().init_handlers()
        alive = url_path_join(self.server_url, r"backedu/api/alive/([0-9a-f-]{36})")
        handlers.insert(0, (alive, KernelAliveHandler))
        return handlers


class CountedConnection(ZMQChannelsWebsocketConnection):
    """A page's connection to its kernel that counts itself while it is really up."""

    _up: ClassVar[Counter[str]] = Counter()  # kernel id -> connections up

    def connect(self) -> Any:
        # It may raise half-way, or disconnect itself and return None, after jupyter_server has
        # counted it: only a connection that came up counts here.
        result = super().connect()
        if result is not None:
            self._counted = True
            CountedConnection._up[self.kernel_id] += 1
        return result

    def disconnect(self) -> Any:
        if getattr(self, "_counted", False):
            self._counted = False
            CountedConnection._up[self.kernel_id] -= 1
            if CountedConnection._up[self.kernel_id] <= 0:
                del CountedConnection._up[self.kernel_id]
        return super().disconnect()

    @classmethod
    def up(cls, kernel_id: str) -> int:
        return cls._up.get(kernel_id, 0)


def _cull_by_counted_connections(manager: Any) -> None:
    cull = manager.cull_kernel_if_idle

    async def cull_kernel_if_idle(kernel_id: str) -> Any:
        if kernel_id in manager._kernel_connections:
            manager._kernel_connections[kernel_id] = CountedConnection.up(kernel_id)
        return await cull(kernel_id)

    manager.cull_kernel_if_idle = cull_kernel_if_idle


def _count_hand_over_as_activity(manager: Any) -> None:
    hand_over = manager.get_rendered_notebook

    async def get_rendered_notebook(*args: Any, **kwargs: Any) -> Any:
        task, rendered, kernel_id = await hand_over(*args, **kwargs)
        manager.get_kernel(kernel_id).last_activity = datetime.now(UTC)
        return task, rendered, kernel_id

    manager.get_rendered_notebook = get_rendered_notebook


main = LessonServer.launch_instance

if __name__ == "__main__":
    main()
