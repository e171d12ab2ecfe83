"""`backedu class` starts the class server for a class session (address, QR code, session code,
PIN, warning, class-mode environment): with the static site when it can be built, else the Voilà
way, saying why; it refuses bad input clearly. `backedu worksheets` writes the sheets.

No test sends network traffic: the LAN address is patched, and `lan_address` is tested with a fake
socket."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from backedu import cli
from backedu.classroom import config as class_config
from backedu.classroom.store import ClassStore
from backedu.classserver import site as class_site

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(class_project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The class project, with a static site that cannot be built."""
    # No static build in unit tests: by default it "cannot be built", so the class runs the
    # Voilà way (tests/unit/test_cli_class_site.py covers the static way).
    monkeypatch.setattr(class_site, "prepare_site", cannot_build)
    return class_project


def cannot_build(out: Path, *, region: str, log: Path, notebooks: Path | None = None) -> Path:
    raise class_site.SiteUnavailable("npm's pyodide package is missing: run npm ci")


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], dict[str, str]]]:
    calls: list[tuple[list[str], dict[str, str]]] = []
    monkeypatch.setattr(cli.os, "execve", lambda path, argv, env: calls.append((argv, env)))
    return calls


def test_class_starts_voila_on_the_lan_with_class_mode_env(project: Path, launched, capsys) -> None:
    assert cli.main(["class", "--pin", "482913"]) == 0
    out, err = capsys.readouterr()
    argv, env = launched[-1]
    assert "--Voila.ip=0.0.0.0" in argv and "--port=8866" in argv
    assert "--Voila.port_retries=0" in argv, "never silently on another port than printed"
    assert "WARNING: listening on 0.0.0.0" in err

    db = project / "class-results" / "class.sqlite3"
    assert env[class_config.ENV_DB] == str(db.resolve())
    session = env[class_config.ENV_SESSION]
    assert class_config.check_session_code(session) == session
    assert env[class_config.ENV_PIN] == "482913"
    assert env[class_config.ENV_URL] == "http://192.168.1.20:8866/"

    assert "Students open http://192.168.1.20:8866/" in out
    assert "█" in out, "a QR code in the terminal"
    assert f"Session code:  {session}" in out
    assert "Teacher PIN:   482913" in out
    assert "http://127.0.0.1:8866/voila/render/teacher-dashboard.ipynb" in out
    assert "The symptoms they tick and the plans they write are never recorded." in out
    with ClassStore.open(db) as store:
        info = store.session(session)
        assert info is not None and info.open


def test_class_makes_a_random_pin_and_a_new_session_each_time(project: Path, launched) -> None:
    cli.main(["class"])
    cli.main(["class"])
    (_, first), (_, second) = launched
    assert first[class_config.ENV_SESSION] != second[class_config.ENV_SESSION]
    assert class_config.check_pin(first[class_config.ENV_PIN])


def test_class_resume_carries_on_the_last_open_session(project: Path, launched, capsys) -> None:
    cli.main(["class", "--db", "mine.sqlite3"])
    session = launched[-1][1][class_config.ENV_SESSION]
    assert cli.main(["class", "--db", "mine.sqlite3", "--resume"]) == 0
    assert launched[-1][1][class_config.ENV_SESSION] == session
    assert "carried on from" in capsys.readouterr().out


def test_class_resume_without_an_open_session_says_so(project: Path, launched, capsys) -> None:
    assert cli.main(["class", "--resume"]) == 1
    assert "--resume: there is no class session to carry on" in capsys.readouterr().err
    assert launched == []


def test_class_on_a_given_host_uses_it_and_warns_only_beyond_loopback(
    project: Path, launched, capsys
) -> None:
    cli.main(["class", "--host", "127.0.0.1", "--port", "9000"])
    out, err = capsys.readouterr()
    assert "WARNING" not in err
    assert launched[-1][1][class_config.ENV_URL] == "http://127.0.0.1:9000/"
    assert "http://127.0.0.1:9000/voila/render/teacher-dashboard.ipynb" in out


def test_class_with_a_corrupt_database_refuses_clearly(project: Path, launched, capsys) -> None:
    bad = project / "bad.sqlite3"
    bad.write_bytes(b"garbage" * 500)
    assert cli.main(["class", "--db", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"backedu class: class database {bad}: the file is damaged")
    assert launched == []


def test_class_on_a_busy_port_says_so(project: Path, launched, monkeypatch, capsys) -> None:
    monkeypatch.setattr(cli, "port_is_free", lambda host, port: False)
    assert cli.main(["class", "--port", "9000"]) == 2
    assert "port 9000 on 0.0.0.0 is in use by another program" in capsys.readouterr().err
    assert launched == []


def test_port_is_free_sees_a_listening_socket() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert not cli.port_is_free("127.0.0.1", port)
    assert cli.port_is_free("127.0.0.1", port)


def test_class_without_the_dashboard_notebook_says_where(tmp_path: Path, capsys):
    shutil.copy(ROOT / "notebooks" / "00-start-here.ipynb", tmp_path)
    assert cli.main(["class", "--notebooks", str(tmp_path)]) == 2
    assert "no teacher-dashboard.ipynb in" in capsys.readouterr().err


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backedu", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["class", "--pin", "12ab"], "argument --pin: a PIN is 4 to 12 digits, like 482913"),
        (["class", "--pin", "123"], "not '123'"),
        (["class", "--port", "0"], "between 1 and 65535"),
        (["class", "--resme"], "unrecognized arguments: --resme"),
        (["worksheets"], "the following arguments are required: --out"),
    ],
    ids=["pin-letters", "pin-short", "port", "typo", "no-out"],
)
def test_bad_flags_are_refused_clearly(args: list[str], complaint: str, tmp_path: Path) -> None:
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert complaint in result.stderr


class FakeSocket:
    """Stands in for the UDP socket: records what it was asked, sends nothing (it has no way to
    send: a call to send would fail the test)."""

    def __init__(self, address: str | None) -> None:
        self.address = address
        self.asked: list[tuple[str, int]] = []

    def __enter__(self) -> FakeSocket:
        return self

    def __exit__(self, *_exc: object) -> None:
        pass

    def connect(self, target: tuple[str, int]) -> None:
        self.asked.append(target)
        if self.address is None:
            raise OSError("Network is unreachable")

    def getsockname(self) -> tuple[str, int]:
        return (self.address or "", 5555)


@pytest.mark.parametrize(
    ("routed", "hostname_ip", "expected"),
    [
        ("192.168.1.20", None, "192.168.1.20"),
        (None, "10.0.0.7", "10.0.0.7"),
        ("0.0.0.0", "10.0.0.7", "10.0.0.7"),
    ],
    ids=["route", "no-route-hostname", "unspecified-hostname"],
)
def test_lan_address_without_traffic(monkeypatch, routed, hostname_ip, expected) -> None:
    fake = FakeSocket(routed)
    monkeypatch.setattr(cli.socket, "socket", lambda *args: fake)
    monkeypatch.setattr(cli.socket, "gethostbyname", lambda name: hostname_ip)
    assert cli.lan_address() == expected
    # Only ever a documentation address, which is never routed for real (and a UDP connect
    # sends nothing anyway): asked once, whether a route was found or not.
    assert [host for host, _port in fake.asked] == ["192.0.2.1"]


def test_worksheets_command_writes_html(tmp_path: Path, capsys) -> None:
    out = tmp_path / "sheets"
    assert cli.main(["worksheets", "--out", str(out), "--no-pdf"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "answer-key.html",
        "article-check.html",
        "cause-cards.html",
        "quiz.html",
        "symptom-sorting.html",
    ]
    assert str(out / "quiz.html") in capsys.readouterr().out


def test_worksheets_command_refuses_a_file_as_folder(tmp_path: Path, capsys) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x")
    assert cli.main(["worksheets", "--out", str(target), "--no-pdf"]) == 1
    assert f"backedu worksheets: --out {target}: that is a file, not a folder" in (
        capsys.readouterr().err
    )


def test_worksheets_without_a_browser_says_what_to_do(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("BACKEDU_CHROMIUM", str(tmp_path / "no-such-chrome"))
    assert cli.main(["worksheets", "--out", str(tmp_path / "s")]) == 1
    err = capsys.readouterr().err
    assert "cannot run the browser" in err and "--no-pdf" in err
    assert (tmp_path / "s" / "quiz.html").is_file(), "the HTML is written all the same"
