"""The ``backedu`` command: check the content, serve the lessons, run a class, print worksheets."""

from __future__ import annotations

import argparse
import io
import ipaddress
import os
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

from backedu.content import data_dir, load_course
from backedu.errors import ContentError

LOOPBACK_HOSTS = {"localhost"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    return int(args.run(args))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="backedu", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    check_ = commands.add_parser(
        "check",
        help="validate the course content files and write the checked snapshot",
        description="Validate every content file, then write the checked snapshot that lesson "
        "pages load instead of the YAML (next to the files, or in your cache folder).",
    )
    check_.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        help="a folder of content files to check (default: the shipped content)",
    )
    check_.add_argument(
        "--snapshot",
        type=Path,
        metavar="FILE",
        help="also write the checked snapshot (JSON) to FILE, e.g. for a static site",
    )
    check_.set_defaults(run=_check)

    serve = commands.add_parser("serve", help="serve the lessons with Voilà")
    _add_server_options(serve, host="127.0.0.1", where="this computer only")
    serve.set_defaults(run=_serve)

    class_ = commands.add_parser(
        "class",
        help="serve the lessons to a class on this network and record anonymous quiz answers",
        description="Serve the lessons on the local network for one class session. Students' "
        "quiz answers and article-claim ratings (nothing else, no names) are saved in a SQLite "
        "file on this computer; the teacher dashboard shows them to whoever has the PIN.",
    )
    _add_server_options(class_, host="0.0.0.0", where="every network this computer is on")
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
    class_.set_defaults(run=_class)

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

    reading = commands.add_parser(
        "readability",
        help="print the reading level (Flesch-Kincaid grade) of every lesson page",
        description="Print the Flesch-Kincaid grade of each lesson page: its text and the content "
        "its widgets show. Exits with 1 if any lesson is above grade 7. Needs textstat, a test "
        "tool: pip install -e '.[test]'.",
    )
    reading.add_argument(
        "--notebooks",
        type=Path,
        default=Path("notebooks"),
        metavar="DIR",
        help="folder of lesson notebooks (default: ./notebooks)",
    )
    reading.add_argument(
        "--article",
        type=Path,
        metavar="FILE",
        help="a text file to measure for comparison (default: the source article's grade, 8.6)",
    )
    reading.set_defaults(run=_readability)
    return parser


def _add_server_options(parser: argparse.ArgumentParser, *, host: str, where: str) -> None:
    """The options `serve` and `class` share: where to listen, what to serve, Voilà extras."""
    parser.add_argument(
        "--host", default=host, help=f"address to listen on (default {host}: {where})"
    )
    parser.add_argument("--port", type=_port, default=8866, help="port (default 8866)")
    parser.add_argument(
        "--notebooks",
        type=Path,
        default=Path("notebooks"),
        metavar="DIR",
        help="folder of lesson notebooks (default: ./notebooks)",
    )
    parser.add_argument(
        "voila_args",
        nargs="*",
        metavar="-- VOILA_OPTION",
        help="more Voilà options after --, e.g. -- --VoilaConfiguration.default_pool_size=2",
    )


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"port must be a number, not {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be between 1 and 65535, not {port}")
    return port


def _pin(value: str) -> str:
    from backedu.classroom.config import check_pin
    from backedu.errors import ClassConfigError

    try:
        return check_pin(value)
    except ClassConfigError:
        raise argparse.ArgumentTypeError(
            f"a PIN is 4 to 12 digits, like 482913, not {value!r}"
        ) from None


def _check(args: argparse.Namespace) -> int:
    from backedu.content import check

    try:
        checked = check.refresh(args.content or data_dir(), snapshot_to=args.snapshot)
    except ContentError as exc:
        print(f"backedu check: {exc}", file=sys.stderr)
        return 1
    counts = ", ".join(
        f"{len(getattr(checked, key))} {key}"
        for key in ("lessons", "symptoms", "causes", "questions", "claims", "sources")
    )
    print(f"content OK: {counts}")
    return 0


def is_loopback(host: str) -> bool:
    """True when ``host`` only accepts connections from this computer."""
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def voila_command(host: str, port: int, notebooks: Path, extra: Sequence[str] = ()) -> list[str]:
    """The Voilà command line; the rest of the settings come from ``voila.json``."""
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


def _serve(args: argparse.Namespace) -> int:
    notebooks: Path = args.notebooks
    if not notebooks.is_dir():
        print(
            f"backedu serve: no lesson folder at {notebooks.resolve()}; run this from the "
            "project folder or pass --notebooks DIR",
            file=sys.stderr,
        )
        return 2
    from backedu.content import check

    try:
        check.refresh(data_dir())
    except ContentError as exc:
        print(f"backedu serve: the content is broken, fix it first: {exc}", file=sys.stderr)
        return 1
    if not is_loopback(args.host):
        print(
            _banner(
                f"WARNING: listening on {args.host}. Anyone on this network can open the "
                "lessons. Do this only on a network you trust, for a class."
            ),
            file=sys.stderr,
        )
        pin = _answer_key_pin()
        if pin is None:
            return 2
        print(f"Teacher PIN for the answer key in the teacher guide: {pin} (keep it to yourself)")
    print(
        f"Serving the lessons at http://{_url_host(args.host)}:{args.port}/ (press Ctrl+C to stop)",
        flush=True,
    )
    command = voila_command(args.host, args.port, notebooks, args.voila_args)
    os.execv(command[0], command)
    return 0  # not reached


def _answer_key_pin() -> str | None:
    """Beyond this computer, the teacher guide's answer key opens only with a PIN: the one set in
    the environment, or a new one. Voilà passes ``os.environ`` on to every kernel it starts."""
    from backedu.classroom.config import ENV_PIN, check_pin, new_pin
    from backedu.errors import ClassConfigError

    given = os.environ.get(ENV_PIN, "").strip()
    try:
        pin = check_pin(given, where=f"environment variable {ENV_PIN}") if given else new_pin()
    except ClassConfigError as exc:
        print(f"backedu serve: {exc}", file=sys.stderr)
        return None
    os.environ[ENV_PIN] = pin
    return pin


DEFAULT_CLASS_DB = "class-results/class.sqlite3"
DASHBOARD_NOTEBOOK = "teacher-dashboard.ipynb"
# Routing to this documentation-only address (RFC 5737) tells which local address the computer
# would use; connect() on a UDP socket only picks the route and sends no packet.
_ROUTE_PROBE = ("192.0.2.1", 9)


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


def _class(args: argparse.Namespace) -> int:
    from backedu.classroom.config import (
        ENV_DB,
        ENV_PIN,
        ENV_SESSION,
        ENV_URL,
        RECORDED_FOR_TEACHER,
        new_pin,
    )
    from backedu.classroom.store import ClassStore
    from backedu.errors import ClassError
    from backedu.views.qr import qr_terminal

    notebooks: Path = args.notebooks
    if not (notebooks / DASHBOARD_NOTEBOOK).is_file():
        print(
            f"backedu class: no {DASHBOARD_NOTEBOOK} in {notebooks.resolve()}; run this from the "
            "project folder or pass --notebooks DIR",
            file=sys.stderr,
        )
        return 2
    from backedu.content import check

    try:
        check.refresh(data_dir())
    except ContentError as exc:
        print(f"backedu class: the content is broken, fix it first: {exc}", file=sys.stderr)
        return 1
    try:
        with ClassStore.create(args.db) as store:
            db_path = store.path
            if args.resume:
                latest = store.latest_open_session()
                if latest is None:
                    print(
                        f"backedu class: --resume: there is no class session to carry on in "
                        f"{db_path} (every one was ended); leave out --resume to start a new one",
                        file=sys.stderr,
                    )
                    return 1
                session = latest.code
                started = f"carried on from {latest.started_at}"
            else:
                session = store.start_session()
                started = "new"
    except ClassError as exc:
        print(f"backedu class: {exc}", file=sys.stderr)
        return 1

    if not port_is_free(args.host, args.port):
        print(
            f"backedu class: port {args.port} on {args.host} is in use by another program; stop "
            f"it, or choose another port: make class PORT={args.port + 4} (or --port)",
            file=sys.stderr,
        )
        return 2
    pin = args.pin or new_pin()
    join_host = lan_address() if args.host in ("0.0.0.0", "::") else args.host
    join_url = f"http://{_url_host_for_link(join_host)}:{args.port}/"
    dashboard_host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    dashboard_url = (
        f"http://{_url_host_for_link(dashboard_host)}:{args.port}/voila/render/{DASHBOARD_NOTEBOOK}"
    )
    if not is_loopback(args.host):
        print(
            _banner(
                f"WARNING: listening on {args.host}. Anyone on this network can open the "
                "lessons. Do this only on a network you trust, for a class."
            ),
            file=sys.stderr,
        )
    out = io.StringIO()
    out.write(f"Class session {session} ({started}).\n\n")
    out.write(f"Students open {join_url}  or scan this QR code:\n\n")
    out.write(qr_terminal(join_url))
    out.write(f"\nSession code:  {session}   (students see it on every page)\n")
    out.write(f"Teacher PIN:   {pin}   (keep it to yourself)\n")
    out.write(f"Dashboard:     {dashboard_url}\n")
    out.write(f"Results file:  {db_path}\n\n")
    out.write(f"What is recorded: {RECORDED_FOR_TEACHER}\n")
    out.write("Press Ctrl+C to stop the class.\n")
    print(out.getvalue(), flush=True)
    env = {
        **os.environ,
        ENV_DB: str(db_path),
        ENV_SESSION: session,
        ENV_PIN: pin,
        ENV_URL: join_url,
    }
    # Never move to another port: the address and QR code printed above name this one.
    extra = ["--Voila.port_retries=0", *args.voila_args]
    command = voila_command(args.host, args.port, notebooks, extra)
    os.execve(command[0], command, env)
    return 0  # not reached


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


def _url_host_for_link(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _worksheets(args: argparse.Namespace) -> int:
    from backedu.errors import WorksheetError
    from backedu.printing.worksheets import build_worksheets

    try:
        written = build_worksheets(args.out, pdf=args.pdf)
    except WorksheetError as exc:
        print(f"backedu worksheets: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def _readability(args: argparse.Namespace) -> int:
    from backedu.authoring import readability

    try:
        import textstat  # noqa: F401  (a test tool: say how to get it rather than fail deep down)
    except ImportError:
        print(
            "backedu readability: needs textstat, a test tool. Install it with: "
            ".venv/bin/pip install -e '.[test]'  (make test does this too)",
            file=sys.stderr,
        )
        return 2
    notebooks: Path = args.notebooks
    if not notebooks.is_dir():
        print(
            f"backedu readability: no lesson folder at {notebooks.resolve()}; run this from the "
            "project folder or pass --notebooks DIR",
            file=sys.stderr,
        )
        return 2
    article = readability.ARTICLE_GRADE
    if args.article is not None:
        try:
            article = readability.grade(
                readability.plain_text(args.article.read_text(encoding="utf-8"))
            )
        except (OSError, UnicodeDecodeError) as exc:
            print(f"backedu readability: cannot read {args.article}: {exc}", file=sys.stderr)
            return 2
    try:
        readings = readability.lesson_readings(load_course(data_dir()), notebooks=notebooks)
    except (ContentError, readability.ReadabilityError) as exc:
        print(f"backedu readability: {exc}", file=sys.stderr)
        return 1
    print(readability.readings_table(readings, article=article))
    over = [r for r in readings if not r.ok]
    target = f"{readability.TARGET_GRADE:g}"
    if over:
        names = ", ".join(f"{r.lesson.title} ({r.grade:.1f})" for r in over)
        print(
            f"\n{len(over)} lesson(s) read above grade {target}: {names}. Use shorter sentences "
            "and everyday words.",
            file=sys.stderr,
        )
        return 1
    print(f"\nEvery lesson reads at grade {target} or lower.")
    return 0


def _url_host(host: str) -> str:
    return "127.0.0.1" if host in ("0.0.0.0", "::") else host


def _banner(message: str) -> str:
    line = "!" * min(len(message), 78)
    return f"{line}\n{message}\n{line}"


if __name__ == "__main__":
    sys.exit(main())
