"""Class mode's store and recording hook: settings from the environment, idempotent writes, data
that survive a restart, clear errors for a missing/locked/damaged database, and a hook that never
raises into a lesson and records nothing outside class mode."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from backedu.classroom import config as class_config
from backedu.classroom import recorder as class_recorder
from backedu.classroom import records as class_records
from backedu.classroom import store as class_store
from backedu.classroom.config import ClassConfig
from backedu.classroom.recorder import NoRecorder
from backedu.classroom.records import answer, rating
from backedu.classroom.store import ClassStore
from backedu.classroom.writer import ClassRecorder
from backedu.errors import ClassConfigError, ClassInputError, ClassStoreError
from backedu.views import qr

VIEW = "0123456789abcdef"
OTHER_VIEW = "fedcba9876543210"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "class" / "class.sqlite3"


@pytest.fixture
def session(db: Path) -> str:
    with ClassStore.create(db) as store:
        return store.start_session()


@pytest.fixture
def class_env(monkeypatch: pytest.MonkeyPatch, db: Path, session: str) -> ClassConfig:
    monkeypatch.setenv(class_config.ENV_DB, str(db))
    monkeypatch.setenv(class_config.ENV_SESSION, session)
    monkeypatch.setenv(class_config.ENV_PIN, "482913")
    config = ClassConfig.from_env()
    assert config is not None
    return config


# --- settings -------------------------------------------------------------------------------------
def test_no_environment_means_no_class_mode() -> None:
    assert ClassConfig.from_env({}) is None


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({class_config.ENV_DB: "/tmp/x.sqlite3"}, "BACKEDU_CLASS_SESSION is not set"),
        ({class_config.ENV_SESSION: "K7QM2X"}, "BACKEDU_CLASS_DB is not set"),
        (
            {class_config.ENV_DB: "class.sqlite3", class_config.ENV_SESSION: "K7QM2X"},
            "absolute path",
        ),
        (
            {class_config.ENV_DB: "/tmp/x.sqlite3", class_config.ENV_SESSION: "K7QM2"},
            "BACKEDU_CLASS_SESSION: a session code is 6 letters",
        ),
        (
            {class_config.ENV_DB: "/tmp/x.sqlite3", class_config.ENV_SESSION: "IOIO01"},
            "no I, O, 0 or 1",
        ),
        (
            {
                class_config.ENV_DB: "/tmp/x.sqlite3",
                class_config.ENV_SESSION: "K7QM2X",
                class_config.ENV_PIN: "12ab",
            },
            "BACKEDU_TEACHER_PIN: a PIN is 4 to 12 digits",
        ),
    ],
    ids=["no-session", "no-db", "relative-db", "short-code", "ambiguous-code", "bad-pin"],
)
def test_bad_settings_say_which_variable(env: dict[str, str], complaint: str) -> None:
    with pytest.raises(ClassConfigError, match=complaint):
        ClassConfig.from_env(env)


def test_settings_are_read_and_tidied() -> None:
    config = ClassConfig.from_env(
        {
            class_config.ENV_DB: "/tmp/x.sqlite3",
            class_config.ENV_SESSION: " k7qm2x ",
            class_config.ENV_PIN: "482913",
            class_config.ENV_URL: "http://192.168.1.20:8866/",
        }
    )
    assert config == ClassConfig(
        Path("/tmp/x.sqlite3"), "K7QM2X", "482913", "http://192.168.1.20:8866/"
    )


def test_codes_pins_and_view_ids_are_random_and_well_formed() -> None:
    codes = {class_config.new_session_code() for _ in range(50)}
    assert len(codes) > 45
    for code in codes:
        assert class_config.check_session_code(code) == code
    assert all(class_config.check_pin(class_config.new_pin()) for _ in range(20))
    assert len({class_records.new_view_id() for _ in range(50)}) == 50


@pytest.mark.parametrize(
    ("given", "ok"),
    [("482913", True), (" 482913 ", True), ("482914", False), ("", False), (None, False)],
)
def test_pin_matches(given: object, ok: bool) -> None:
    assert class_config.pin_matches("482913", given) is ok


# --- records --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("make", "complaint"),
    [
        (lambda: answer(VIEW, "Bad Id", ["a"], correct=True), "question id is a kebab-case id"),
        (lambda: answer(VIEW, "q", "a", correct=True), "as a list"),
        (lambda: answer(VIEW, "q", [], correct=True), "no choice was chosen"),
        (lambda: answer(VIEW, "q", ["a b"], correct=True), "choice id"),
        (lambda: answer(VIEW, "q", ["a"], correct="yes"), "correct is True or False"),  # type: ignore[arg-type]
        (lambda: answer("not-hex", "q", ["a"], correct=True), "page view id"),
        (lambda: answer(VIEW, "q", ["a"], correct=True, seq=0), "sequence number"),
        (lambda: rating(VIEW, "c", "maybe"), "rating of 'c' is one of"),
        (lambda: rating(VIEW, "c", 3), "rating of 'c' is text"),
        (lambda: rating(VIEW, "c" * 200, "true"), "claim id"),
    ],
    ids=[
        "bad-question-id",
        "string-not-list",
        "nothing-chosen",
        "bad-choice-id",
        "correct-not-bool",
        "bad-view",
        "seq-zero",
        "unknown-rating",
        "rating-not-text",
        "claim-id-too-long",
    ],
)
def test_bad_records_are_refused_naming_the_field(make, complaint: str) -> None:
    with pytest.raises(ClassInputError, match=complaint):
        make()


def test_records_are_normalised() -> None:
    assert answer(VIEW, "q", ["b", "a", "b"], correct=False).response == ("a", "b")
    assert rating(VIEW, "c", " Not-Sure ").response == ("not-sure",)


# --- the store ------------------------------------------------------------------------------------
def test_same_submission_twice_is_stored_once(db: Path, session: str) -> None:
    with ClassStore.open(db) as store:
        first = answer(VIEW, "q-one", ["a"], correct=True)
        assert store.record(session, first) is True
        assert store.record(session, first) is False  # a retry of the same submission
        assert store.record(session, answer(VIEW, "q-one", ["b"], correct=False, seq=2)) is True
        assert store.record(session, rating(VIEW, "c-one", "true")) is True
        assert store.record(session, rating(OTHER_VIEW, "c-one", "false")) is True
        assert len(store.responses(session)) == 4


def test_data_survive_a_restart(db: Path, session: str) -> None:
    with ClassStore.open(db) as store:
        store.record(session, answer(VIEW, "q-one", ["a"], correct=True))
        store.record(session, rating(VIEW, "c-one", "partly"))
        before = store.responses(session)
    with ClassStore.create(db) as reopened:  # what `backedu class --resume` does
        assert reopened.responses(session) == before
        latest = reopened.latest_open_session()
        assert latest is not None and latest.code == session


def test_store_uses_wal_and_a_schema_version(db: Path, session: str) -> None:
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("SELECT version FROM schema_version").fetchall() == [
            (class_store.SCHEMA_VERSION,)
        ]
    finally:
        connection.close()


def test_ending_a_session_deletes_its_answers_and_stops_recording(db: Path, session: str) -> None:
    with ClassStore.open(db) as store:
        store.record(session, answer(VIEW, "q-one", ["a"], correct=True))
        other = store.start_session()
        store.record(other, answer(VIEW, "q-one", ["a"], correct=True))
        assert store.end_session(session) == 1
        assert store.responses(session) == []
        assert store.record(session, answer(VIEW, "q-two", ["a"], correct=True)) is False
        assert store.responses(session) == []
        assert len(store.responses(other)) == 1  # other sessions are kept
        info = store.session(session)
        assert info is not None and not info.open
        latest = store.latest_open_session()
        assert latest is not None and latest.code == other
    # secure_delete + checkpoint: the deleted answer is not left in the file
    assert b"q-one" in db.read_bytes()  # the other session's row
    with ClassStore.open(db) as store:
        store.end_session(other)
    assert b"q-one" not in db.read_bytes()


def test_revision_changes_with_the_answers(db: Path, session: str) -> None:
    with ClassStore.open(db) as store:
        empty = store.revision(session)
        store.record(session, answer(VIEW, "q-one", ["a"], correct=True))
        assert store.revision(session) != empty


def test_a_named_session_code_cannot_be_reused(db: Path, session: str) -> None:
    with ClassStore.open(db) as store, pytest.raises(ClassConfigError, match="used before"):
        store.start_session(session)


# --- faults ---------------------------------------------------------------------------------------
def test_missing_file_is_not_silently_recreated(tmp_path: Path) -> None:
    missing = tmp_path / "gone.sqlite3"
    with pytest.raises(ClassStoreError, match="the file is missing") as caught:
        ClassStore.open(missing)
    assert str(missing) in str(caught.value)
    assert not missing.exists()


def test_corrupt_file_is_a_clear_error(tmp_path: Path) -> None:
    garbage = tmp_path / "class.sqlite3"
    garbage.write_bytes(b"this is not a database, just some garbage bytes" * 100)
    for opener in (ClassStore.open, ClassStore.create):
        with pytest.raises(ClassStoreError, match="damaged or is not a database") as caught:
            opener(garbage)
        assert "move the file aside" in str(caught.value)


def test_empty_file_is_not_a_class_database(tmp_path: Path) -> None:
    empty = tmp_path / "class.sqlite3"
    empty.touch()
    with pytest.raises(ClassStoreError, match="the file is empty"):
        ClassStore.open(empty)


def test_someone_elses_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE photos (id INTEGER)")
    connection.commit()
    connection.close()
    with pytest.raises(ClassStoreError, match="not a backedu class database"):
        ClassStore.create(other)


def test_newer_schema_is_refused(db: Path, session: str) -> None:
    connection = sqlite3.connect(db)
    connection.execute("UPDATE schema_version SET version = 99")
    connection.commit()
    connection.close()
    with pytest.raises(ClassStoreError, match="schema version 99"):
        ClassStore.open(db)


def test_locked_database_is_a_clear_error(db: Path, session: str) -> None:
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO sessions (code, started_at) VALUES ('ZZZZZZ', 'now')")
    try:
        with pytest.raises(ClassStoreError, match="locked by another program"):
            ClassStore.open(db, timeout=0.2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# --- the recording hook ---------------------------------------------------------------------------
def test_outside_class_mode_nothing_is_recorded(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv(class_config.ENV_DB, raising=False)
    monkeypatch.delenv(class_config.ENV_SESSION, raising=False)
    monkeypatch.chdir(tmp_path)
    hook = class_recorder.recorder()
    assert isinstance(hook, NoRecorder) and not hook.active
    hook.record_answer("q-one", ["a"], correct=True)
    hook.record_rating("c-one", "true")
    assert list(tmp_path.iterdir()) == []
    assert class_config.class_mode_note() == ""


def test_in_class_mode_the_hook_records(class_env: ClassConfig, db: Path) -> None:
    hook = class_recorder.recorder()
    assert isinstance(hook, ClassRecorder) and hook.active
    assert class_recorder.recorder() is hook  # one per page view (kernel)
    hook.record_answer("q-one", ["a"], correct=False)
    hook.record_answer("q-one", ["b"], correct=True)  # a retry: a second try, not a duplicate
    hook.record_rating("c-one", "not-sure")
    assert hook.flush(10)
    with ClassStore.open(db) as store:
        stored = store.responses(class_env.session)
    assert [(r.kind, r.item, r.seq, r.response) for r in stored] == [
        ("answer", "q-one", 1, ("a",)),
        ("answer", "q-one", 2, ("b",)),
        ("rating", "c-one", 1, ("not-sure",)),
    ]
    assert {r.view for r in stored} == {hook.view}
    assert "Class code: " + class_env.session in class_config.class_mode_note()


def test_bad_settings_record_nothing_and_tell_the_teacher(monkeypatch, capfd) -> None:
    monkeypatch.setenv(class_config.ENV_DB, "/tmp/x.sqlite3")
    monkeypatch.setenv(class_config.ENV_SESSION, "nope")
    assert isinstance(class_recorder.recorder(), NoRecorder)
    assert (
        "nothing is recorded: environment variable BACKEDU_CLASS_SESSION" in capfd.readouterr().out
    )


def test_bad_input_to_the_hook_is_reported_not_raised(class_env: ClassConfig, capfd) -> None:
    hook = ClassRecorder(class_env)
    hook.record_rating("c-one", "maybe")
    hook.record_answer("Q!", ["a"], correct=True)
    assert hook.flush(5) and hook.stored == 0
    err = capfd.readouterr().out
    assert "could not record a rating of 'c-one'" in err
    assert "could not record an answer to 'Q!'" in err


@pytest.mark.parametrize("fault", ["corrupt", "missing", "replaced"])
def test_broken_database_never_raises_into_the_lesson(
    class_env: ClassConfig, db: Path, capfd, fault: str
) -> None:
    if fault == "corrupt":
        for extra in db.parent.glob("class.sqlite3-*"):
            extra.unlink()
        db.write_bytes(b"\x00garbage\xff" * 512)
    elif fault == "missing":
        db.unlink()
    else:
        db.unlink()
        with ClassStore.create(db) as store:
            store.start_session()  # a different session: ours is not in the new file
    hook = ClassRecorder(class_env, retry_delays=(0.05,))
    hook.record_answer("q-one", ["a"], correct=True)  # must not raise
    assert not hook.flush(0.5)
    assert hook.pending == 1 and hook.stored == 0
    expected = {
        "corrupt": "damaged or is not a database",
        "missing": "the file is missing",
        "replaced": "is not in it",
    }[fault]
    assert hook.last_error is not None and expected in hook.last_error
    err = capfd.readouterr().out
    assert err.count(expected) == 1, "one report per problem, not one per retry"
    assert "backedu class mode: could not save answers" in err
    hook.close()  # a closed recorder drops what waits and takes nothing new
    hook.record_answer("q-two", ["a"], correct=True)
    assert hook.pending == 0 and hook.flush(1)


def test_answers_wait_out_a_lock_and_are_saved_once(
    class_env: ClassConfig, db: Path, capfd
) -> None:
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    hook = ClassRecorder(class_env, timeout=0.1, retry_delays=(0.1,))
    try:
        hook.record_answer("q-one", ["a"], correct=True)
        hook.record_rating("c-one", "false")
        assert not hook.flush(0.6)
        assert "locked by another program" in capfd.readouterr().out
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert hook.flush(10)
    assert hook.stored == 2 and hook.last_error is None
    assert "saving answers works again" in capfd.readouterr().out
    with ClassStore.open(db) as store:
        assert len(store.responses(class_env.session)) == 2


def test_teacher_log_goes_to_the_terminal_not_the_log_file(capfd) -> None:
    # `backedu class` keeps standard output for the teacher and sends standard error to its log.
    class_recorder.teacher_log("hello teacher")
    captured = capfd.readouterr()
    assert captured.out == "backedu class mode: hello teacher\n" and captured.err == ""


def test_qr_codes() -> None:
    terminal = qr.qr_terminal("http://192.168.1.20:8866/")
    assert "█" in terminal and len(terminal.splitlines()) > 10
    svg = qr.qr_svg("http://192.168.1.20:8866/")
    assert svg.startswith("<svg") and "<script" not in svg
