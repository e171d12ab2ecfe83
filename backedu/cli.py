"""The ``backedu`` command: check the content, serve the lessons, run a class, copy the notebooks,
print worksheets, measure the reading level, build the static website.

Every command that serves the lessons checks the content first and writes the checked snapshot,
so lesson pages load it without pydantic. Where to listen comes only from ``--host`` and
``--port`` (never from an environment variable: zsh sets ``HOST`` for every shell).
"""

from __future__ import annotations

import argparse
import io
import ipaddress
import os
import socket
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from backedu.content import data_dir
from backedu.errors import BackeduError, ContentError

LOOPBACK_HOSTS = {"localhost"}
DEFAULT_PORT = 8866
DEFAULT_CLASS_DB = "class-results/class.sqlite3"
CLASS_LOG = "class-server.log"  # beside the results file
DASHBOARD_NOTEBOOK = "teacher-dashboard.ipynb"
# Routing to this documentation-only address (RFC 5737) tells which local address the computer
# would use; connect() on a UDP socket only picks the route and sends no packet.
_ROUTE_PROBE = ("192.0.2.1", 9)


class Stop(Exception):
    """End the command with ``code`` after saying ``message`` on stderr."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return int(run(args))
    except Stop as stop:
        print(f"backedu {args.command}: {stop}", file=sys.stderr)
        return stop.code
    except BackeduError as exc:
        print(f"backedu {args.command}: {exc}", file=sys.stderr)
        return 1


# --- the command line -----------------------------------------------------------------------------
def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="backedu", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(required=True, metavar="COMMAND", dest="command")

    check = commands.add_parser(
        "check",
        help="validate the course content files and write the checked snapshot",
        description="Validate every content file, then write the checked snapshot that lesson "
        "pages load instead of the YAML (next to the files, or in your cache folder).",
    )
    check.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        help="a folder of content files to check (default: the shipped content)",
    )
    check.add_argument(
        "--snapshot",
        type=Path,
        metavar="FILE",
        help="also write the checked snapshot (JSON) to FILE, e.g. for a static site",
    )
    check.set_defaults(run=_check)

    serve = commands.add_parser("serve", help="serve the lessons with Voilà")
    _server_options(serve, host="127.0.0.1", where="this computer only")
    serve.set_defaults(run=_serve)

    class_ = commands.add_parser(
        "class",
        help="serve the lessons to a class on this network and record anonymous quiz answers",
        description="Serve the lessons on the local network for one class session. The lessons "
        "run in each student's browser (the static site, built first when needed); where it "
        "cannot be built, they run on this computer (Voilà) as before. Students' quiz answers "
        "and article-claim ratings (nothing else, no names) are saved in a SQLite file on this "
        "computer; the teacher dashboard shows them to whoever has the PIN.",
    )
    _server_options(class_, host="0.0.0.0", where="every network this computer is on")
    class_.add_argument(
        "--db",
        type=Path,
        default=Path(DEFAULT_CLASS_DB),
        metavar="FILE",
        help=f"the class database (default: ./{DEFAULT_CLASS_DB})",
    )
    class_.add_argument(
        "--pin", type=_pin, help="teacher PIN for the dashboard, 4 to 12 digits (default: random)"
    )
    class_.add_argument(
        "--resume",
        action="store_true",
        help="carry on the last class session that was not ended (after a restart)",
    )
    class_.add_argument(
        "--region",
        type=_region,
        default=None,
        help="whose emergency numbers the lessons name: uk, us or eu (default: BACKEDU_REGION, "
        "else uk)",
    )
    way = class_.add_mutually_exclusive_group()
    way.add_argument(
        "--site",
        type=Path,
        metavar="DIR",
        help="serve this static site as it is (made by make static), instead of building one",
    )
    way.add_argument(
        "--voila",
        action="store_true",
        help="run the lessons on this computer, one kernel per student page (the old way)",
    )
    class_.set_defaults(run=_class)

    copy = commands.add_parser(
        "notebooks",
        help="copy the lesson notebooks into a folder, to open them in Jupyter",
        description="Copy every lesson notebook into DIR (made if missing). Nothing is "
        "overwritten: if a notebook is already there, nothing is copied.",
    )
    copy.add_argument("folder", type=Path, metavar="DIR", help="where to put the notebooks")
    copy.set_defaults(run=_notebooks)

    sheets = commands.add_parser(
        "worksheets",
        help="build printable worksheets (HTML and PDF) for a class without devices",
    )
    sheets.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder to write the sheets to"
    )
    sheets.add_argument(
        "--no-pdf",
        dest="pdf",
        action="store_false",
        help="write only the HTML (print it from a browser); no Chromium needed",
    )
    sheets.set_defaults(run=_worksheets)

    site = commands.add_parser(
        "static",
        help="build the course as a static website whose Python runs in the browser",
        description="Build the student lessons into a static website (Voici and Pyodide) in DIR: "
        "copy DIR to any web server. Skipped when nothing it is built from has changed. Needs "
        "the static-site tools: pip install 'backedu[static]', and npm's pyodide (npm ci).",
    )
    site.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder to build the site in"
    )
    site.add_argument(
        "--region",
        default="uk",
        choices=["uk", "us", "eu"],
        help="whose emergency numbers the site gives (default: uk)",
    )
    _notebooks_option(site)
    site.add_argument(
        "--pyodide",
        type=Path,
        metavar="DIR",
        help="npm's pyodide package (default: node_modules/pyodide of the checkout)",
    )
    site.add_argument("--force", action="store_true", help="rebuild even if up to date")
    site.set_defaults(run=_static)

    reading = commands.add_parser(
        "readability",
        help="print the reading level (Flesch-Kincaid grade) of every lesson page",
        description="Print the Flesch-Kincaid grade of each lesson page: its text and everything "
        "its widgets can show. Exits with 1 if any lesson is above grade 7. Needs the authoring "
        "tools: pip install 'backedu[authoring]'.",
    )
    _notebooks_option(reading)
    reading.add_argument(
        "--article",
        type=Path,
        metavar="FILE",
        help="a text file to measure for comparison (default: the source article's grade, 8.6)",
    )
    reading.set_defaults(run=_readability)
    return parser


def _server_options(parser: argparse.ArgumentParser, *, host: str, where: str) -> None:
    """The options `serve` and `class` share: where to listen, what to serve, Voilà extras."""
    parser.add_argument(
        "--host", default=host, help=f"address to listen on (default {host}: {where})"
    )
    parser.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    _notebooks_option(parser)
    parser.add_argument(
        "voila_args",
        nargs="*",
        metavar="-- VOILA_OPTION",
        help="more Voilà options after --, e.g. -- --VoilaConfiguration.default_pool_size=2",
    )


def _notebooks_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--notebooks",
        type=Path,
        metavar="DIR",
        help="folder of lesson notebooks (default: the ones installed with backedu)",
    )


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"port must be a number, not {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be between 1 and 65535, not {port}")
    return port


def _region(value: str) -> str:
    from backedu.logic.region import Region

    if value.strip().lower() not in {region.value for region in Region}:
        choices = ", ".join(region.value for region in Region)
        raise argparse.ArgumentTypeError(f"region is one of {choices}, not {value!r}")
    return value.strip().lower()


def _pin(value: str) -> str:
    from backedu.classroom.config import check_pin
    from backedu.errors import ClassConfigError

    try:
        return check_pin(value)
    except ClassConfigError:
        raise argparse.ArgumentTypeError(
            f"a PIN is 4 to 12 digits, like 482913, not {value!r}"
        ) from None


# --- shared steps ---------------------------------------------------------------------------------
def _lesson_folder(args: argparse.Namespace, *, needs: str | None = None) -> Path:
    """The notebooks to use: ``--notebooks``, else the installed ones. ``needs`` names a notebook
    the command cannot do without."""
    from backedu.content.notebooks import notebooks_dir

    folder: Path = args.notebooks or notebooks_dir()
    if not folder.is_dir():
        raise Stop(2, f"no lesson folder at {folder.resolve()}; pass --notebooks DIR")
    if needs is not None and not (folder / needs).is_file():
        raise Stop(2, f"no {needs} in {folder.resolve()}; pass --notebooks DIR")
    return folder


def _prepare_for_kernels() -> None:
    """What every serving command does first, so each lesson kernel has less to do: check the
    content and write its snapshot (kernels load it without pydantic), and compile backedu's
    modules (a checkout, or a shell with PYTHONDONTWRITEBYTECODE, has none: every kernel would
    compile them again, slower and with about 1 MB more memory each)."""
    import compileall
    from importlib import resources

    from backedu.content import check

    try:
        check.refresh(data_dir())
    except ContentError as exc:
        raise Stop(1, f"the content is broken, fix it first: {exc}") from None
    # Read-only install folders were compiled by pip; failures here only cost speed.
    compileall.compile_dir(str(resources.files("backedu")), quiet=2)


def is_loopback(host: str) -> bool:
    """True when ``host`` only accepts connections from this computer."""
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _warn_beyond_loopback(host: str) -> None:
    if not is_loopback(host):
        print(
            _banner(
                f"WARNING: listening on {host}. Anyone on this network can open the "
                "lessons. Do this only on a network you trust, for a class."
            ),
            file=sys.stderr,
        )


def voila_command(host: str, port: int, notebooks: Path, extra: Sequence[str] = ()) -> list[str]:
    """The server's command line; its other settings are ``backedu/voila.json``."""
    return [
        sys.executable,
        "-m",
        "backedu.server",
        str(notebooks),
        f"--Voila.ip={host}",
        f"--port={port}",
        "--no-browser",
        *extra,
    ]


# --- commands -------------------------------------------------------------------------------------
def _check(args: argparse.Namespace) -> int:
    from backedu.content import check

    directory = args.content or data_dir()
    checked = check.refresh(directory, snapshot_to=args.snapshot)
    counts = ", ".join(
        f"{len(getattr(checked, key))} {key}"
        for key in ("lessons", "symptoms", "causes", "questions", "claims", "sources")
    )
    print(f"content OK: {counts}")
    # A passed review date is a warning: the content is still right, but due a look.
    for late in check.overdue_reviews(directory):
        print(f"backedu check: warning: {late} (docs/CONTENT-REVIEW.md)", file=sys.stderr)
    return 0


def _serve(args: argparse.Namespace) -> int:
    notebooks = _lesson_folder(args)
    _prepare_for_kernels()
    _warn_beyond_loopback(args.host)
    if not is_loopback(args.host):
        pin = _answer_key_pin()
        print(f"Teacher PIN for the answer key in the teacher guide: {pin} (keep it to yourself)")
    print(
        f"Serving the lessons at http://{_url_host(args.host)}:{args.port}/ (press Ctrl+C to stop)",
        flush=True,
    )
    command = voila_command(args.host, args.port, notebooks, args.voila_args)
    os.execv(command[0], command)
    return 0  # not reached


def _answer_key_pin() -> str:
    """Beyond this computer, the teacher guide's answer key opens only with a PIN: the one set in
    the environment, or a new one. Voilà passes ``os.environ`` on to every kernel it starts."""
    from backedu.classroom.config import ENV_PIN, check_pin, new_pin
    from backedu.errors import ClassConfigError

    given = os.environ.get(ENV_PIN, "").strip()
    try:
        pin = check_pin(given, where=f"environment variable {ENV_PIN}") if given else new_pin()
    except ClassConfigError as exc:
        raise Stop(2, str(exc)) from None
    os.environ[ENV_PIN] = pin
    return pin


def _class(args: argparse.Namespace) -> int:
    from backedu.classroom.config import (
        ENV_DB,
        ENV_LOG,
        ENV_PIN,
        ENV_SESSION,
        ENV_URL,
        RECORDED_FOR_TEACHER,
        new_pin,
    )
    from backedu.logic.region import ENV_VAR as ENV_REGION
    from backedu.logic.region import current_region
    from backedu.views.qr import qr_terminal

    notebooks = _lesson_folder(args, needs=DASHBOARD_NOTEBOOK)
    _prepare_for_kernels()
    region = args.region or current_region().value
    db_path, session, started = _open_session(args.db, resume=args.resume)
    if not port_is_free(args.host, args.port):
        raise Stop(
            2,
            f"port {args.port} on {args.host} is in use by another program; stop it, or choose "
            f"another port: make class PORT={args.port + 4} (or --port)",
        )
    log_path = db_path.parent / CLASS_LOG
    site, why_not = _class_site(args, region, log_path)
    pin = args.pin or new_pin()
    join_host = lan_address() if args.host in ("0.0.0.0", "::") else args.host
    join_url = f"http://{_url_host_for_link(join_host)}:{args.port}/"
    dashboard_host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    dashboard_path = "teacher" if site else f"voila/render/{DASHBOARD_NOTEBOOK}"
    dashboard_url = f"http://{_url_host_for_link(dashboard_host)}:{args.port}/{dashboard_path}"
    _warn_beyond_loopback(args.host)
    out = io.StringIO()
    out.write(f"Class session {session} ({started}).\n")
    if site:
        out.write("The lessons run in each student's browser; this computer hands out the files ")
        out.write("and keeps the answers.\n\n")
    else:
        out.write(
            f"The lessons run on this computer (one Python kernel per student page) {why_not}\n\n"
        )
    out.write(f"Students open {join_url}  or scan this QR code:\n\n")
    out.write(qr_terminal(join_url))
    out.write(f"\nSession code:  {session}   (students see it on every page)\n")
    out.write(f"Teacher PIN:   {pin}   (keep it to yourself)\n")
    out.write(f"Dashboard:     {dashboard_url}")
    out.write("   (on this computer only)\n" if site else "\n")
    out.write(f"Results file:  {db_path}\n")
    out.write(f"Log file:      {log_path}   (start-up messages and warnings go there)\n\n")
    out.write(f"What is recorded: {RECORDED_FOR_TEACHER}\n")
    out.write("Press Ctrl+C to stop the class.\n")
    print(out.getvalue(), flush=True)
    env = {
        **os.environ,
        ENV_DB: str(db_path),
        ENV_SESSION: session,
        ENV_PIN: pin,
        ENV_URL: join_url,
        ENV_REGION: region,
    }
    # Never move to another port: the address and QR code printed above name this one.
    extra = ["--Voila.port_retries=0", *args.voila_args]
    if site:
        extra.insert(0, f"--ClassServer.site={site}")
    command = class_command(args.host, args.port, notebooks, extra)
    env[ENV_LOG] = str(log_path)  # the class server sends its standard error there
    os.execve(command[0], command, env)
    return 0  # not reached


def _class_site(args: argparse.Namespace, region: str, log: Path) -> tuple[Path | None, str]:
    """The static site to serve, or ``None`` and why the class runs the Voilà way."""
    if args.voila:
        return None, "because you asked for it (--voila)."
    if args.site is not None:
        if not (args.site / "index.html").is_file():
            raise Stop(2, f"--site {args.site}: no index.html there; build one with make static")
        return args.site.resolve(), ""
    from backedu.classserver.site import SiteUnavailable, prepare_site, site_folder

    print(
        "Preparing the lessons for students' browsers (the first time takes a minute or two)...",
        flush=True,
    )
    try:
        return prepare_site(
            site_folder(region), region=region, log=log, notebooks=args.notebooks
        ), ""
    except SiteUnavailable as exc:
        return None, (
            f"because {exc}. Each student page costs this computer memory and time; the class "
            "still works."
        )


def class_command(host: str, port: int, notebooks: Path, extra: Sequence[str] = ()) -> list[str]:
    """The class server's command line (``backedu.classserver``, a Voilà app)."""
    return [
        sys.executable,
        "-m",
        "backedu.classserver",
        str(notebooks),
        f"--Voila.ip={host}",
        f"--port={port}",
        "--no-browser",
        *extra,
    ]


def _open_session(db: Path, *, resume: bool) -> tuple[Path, str, str]:
    """(database path, session code, how it started): a new session, or the last open one."""
    from backedu.classroom.store import ClassStore

    with ClassStore.create(db) as store:
        if not resume:
            return store.path, store.start_session(), "new"
        latest = store.latest_open_session()
        if latest is None:
            raise Stop(
                1,
                f"--resume: there is no class session to carry on in {store.path} (every one "
                "was ended); leave out --resume to start a new one",
            )
        return store.path, latest.code, f"carried on from {latest.started_at}"


def lan_address() -> str:
    """This computer's address on its local network, found without sending any traffic."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(_ROUTE_PROBE)
            address = str(probe.getsockname()[0])
        if address and not ipaddress.ip_address(address).is_unspecified:
            return address
    except (OSError, ValueError):
        pass
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return socket.gethostname() or "127.0.0.1"


def port_is_free(host: str, port: int) -> bool:
    """True when nothing listens on ``host:port`` (tries to bind it; sends nothing)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _notebooks(args: argparse.Namespace) -> int:
    from backedu.content.notebooks import copy_notebooks

    copied = copy_notebooks(args.folder)
    print(f"Copied {len(copied)} notebooks to {args.folder.resolve()}.")
    print(f"Open them in Jupyter: jupyter lab {args.folder}  (start with {copied[0].name})")
    return 0


def _worksheets(args: argparse.Namespace) -> int:
    from backedu.printing.worksheets import build_worksheets

    for path in build_worksheets(args.out, pdf=args.pdf):
        print(path)
    return 0


def _static(args: argparse.Namespace) -> int:
    from backedu.publish.build import build_site

    report = build_site(
        args.out,
        region=args.region,
        notebooks=args.notebooks,
        pyodide=args.pyodide,
        force=args.force,
    )
    print(report.summary())
    return 0


def _readability(args: argparse.Namespace) -> int:
    try:
        import textstat  # noqa: F401  (an authoring tool: say how to get it, not fail deep down)
    except ImportError:
        raise Stop(
            2,
            "needs textstat, an authoring tool. Install it with: .venv/bin/pip install -e "
            "'.[authoring]'  (make test does this too)",
        ) from None
    from backedu.authoring import readability

    notebooks = _lesson_folder(args)
    article = readability.ARTICLE_GRADE
    if args.article is not None:
        try:
            article = readability.grade(
                readability.plain_text(args.article.read_text(encoding="utf-8"))
            )
        except (OSError, UnicodeDecodeError) as exc:
            raise Stop(2, f"cannot read {args.article}: {exc}") from None
    readings = readability.lesson_readings(notebooks=notebooks)
    print(readability.readings_table(readings, article=article))
    over = [r for r in readings if not r.ok]
    target = f"{readability.TARGET_GRADE:g}"
    if over:
        names = ", ".join(f"{r.lesson.title} ({r.grade:.1f})" for r in over)
        raise Stop(
            1,
            f"{len(over)} lesson(s) read above grade {target}: {names}. Use shorter sentences "
            "and everyday words.",
        )
    print(f"\nEvery lesson reads at grade {target} or lower.")
    return 0


# --- small helpers --------------------------------------------------------------------------------
def _url_host(host: str) -> str:
    return "127.0.0.1" if host in ("0.0.0.0", "::") else host


def _url_host_for_link(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _banner(message: str) -> str:
    line = "!" * min(len(message), 78)
    return f"{line}\n{message}\n{line}"


if __name__ == "__main__":
    sys.exit(main())
