"""The ``backedu`` command: check the content, serve the lessons."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from backedu.content import ContentError, data_dir, load_course

LOOPBACK_HOSTS = {"localhost"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    return int(args.run(args))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="backedu", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate the course content files")
    check.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        help="a folder of content files to check (default: the shipped content)",
    )
    check.set_defaults(run=_check)

    serve = commands.add_parser("serve", help="serve the lessons with Voilà")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this computer only)",
    )
    serve.add_argument("--port", type=_port, default=8866, help="port (default 8866)")
    serve.add_argument(
        "--notebooks",
        type=Path,
        default=Path("notebooks"),
        metavar="DIR",
        help="folder of lesson notebooks (default: ./notebooks)",
    )
    serve.add_argument(
        "voila_args",
        nargs="*",
        metavar="-- VOILA_OPTION",
        help="more Voilà options after --, e.g. -- --VoilaConfiguration.default_pool_size=2",
    )
    serve.set_defaults(run=_serve)
    return parser


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"port must be a number, not {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be between 1 and 65535, not {port}")
    return port


def _check(args: argparse.Namespace) -> int:
    try:
        checked = load_course(args.content or data_dir())
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
    try:
        load_course(data_dir())
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
    print(
        f"Serving the lessons at http://{_url_host(args.host)}:{args.port}/ (press Ctrl+C to stop)",
        flush=True,
    )
    command = voila_command(args.host, args.port, notebooks, args.voila_args)
    os.execv(command[0], command)
    return 0  # not reached


def _url_host(host: str) -> str:
    return "127.0.0.1" if host in ("0.0.0.0", "::") else host


def _banner(message: str) -> str:
    line = "!" * min(len(message), 78)
    return f"{line}\n{message}\n{line}"


if __name__ == "__main__":
    sys.exit(main())
