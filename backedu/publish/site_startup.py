# Run by IPython as the kernel starts (PYTHONSTARTUP), in the page's Web Worker, before any cell.


# Widgets send their state to the page through the kernel's comm, which Pyodide turns into a
# JavaScript object; Pyodide makes Python's None `undefined`, and `undefined` is dropped on the way
# to the page. So a trait set back to None never arrives: `layout.display = None` would never show
# a hidden part again (the quiz's score and "Try again"). Sent as JavaScript's null, it arrives,
# as it does from the app's kernel.
def _backedu_send_none_as_null():
    from pyodide.ffi import jsnull
    from pyodide_kernel.comm import Comm

    def nulled(value):
        if value is None:
            return jsnull
        if isinstance(value, dict):
            return {key: nulled(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [nulled(item) for item in value]
        return value

    publish = Comm.publish_msg

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        data = None if data is None else nulled(data)
        return publish(self, msg_type, data, metadata, buffers, **keys)

    Comm.publish_msg = publish_msg


# Tell the page when its files were downloaded, its packages installed and its imports done
# (epoch ms, read from the worker's own clock and resource timings), and after each cell which
# modules are loaded (the tests check that a page imports nothing it does not use). The page keeps
# them (boot.js).
def _backedu_boot_report():
    import json
    import os

    channel_name = os.environ.get("BACKEDU_BOOT_CHANNEL")
    if not channel_name:
        return
    import sys

    import js
    from IPython import get_ipython

    performance = js.performance
    origin = performance.timeOrigin

    def post(message):
        channel = js.BroadcastChannel.new(channel_name)
        channel.postMessage(js.JSON.parse(json.dumps(message)))
        channel.close()

    # Downloads (the runtime and every wheel) run in parallel with starting the runtime; the
    # kernel imports piplite (our stand-in notes the time) once every package is installed;
    # this file runs once the kernel's imports are done.
    download_ends = [
        entry.responseEnd
        for entry in performance.getEntriesByType("resource")
        if entry.name.split("?")[0].endswith((".whl", ".wasm", ".zip", "pyodide-lock.json"))
    ]
    piplite = sys.modules.get("piplite.piplite")
    packages = getattr(piplite, "_BACKEDU_IMPORTED_AT", None)
    post(
        {
            "downloads": origin + max(download_ends) if download_ends else None,
            "packages": origin + packages if packages is not None else None,
            "imports": origin + performance.now(),
        }
    )

    def after_cell(result):
        post({"modules": sorted(sys.modules)})

    get_ipython().events.register("post_run_cell", after_cell)


_backedu_send_none_as_null()
_backedu_boot_report()
del _backedu_send_none_as_null, _backedu_boot_report
