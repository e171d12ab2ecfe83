# Run by IPython as the kernel starts (PYTHONSTARTUP), in the page's Web Worker: tell the page
# when its files were downloaded, its packages installed and its imports done (epoch ms, read from
# the worker's own clock and resource timings). The page makes them performance marks (boot.js).
def _backedu_boot_report():
    import json
    import os

    channel_name = os.environ.get("BACKEDU_BOOT_CHANNEL")
    if not channel_name:
        return
    import sys

    import js

    performance = js.performance
    origin = performance.timeOrigin
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
    report = {
        "downloads": origin + max(download_ends) if download_ends else None,
        "packages": origin + packages if packages is not None else None,
        "imports": origin + performance.now(),
    }
    channel = js.BroadcastChannel.new(channel_name)
    channel.postMessage(js.JSON.parse(json.dumps(report)))
    channel.close()


_backedu_boot_report()
del _backedu_boot_report
