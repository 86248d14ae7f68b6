"""Recording unanswered questions, retention, grouping, and the `review` command."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.config import ConfigError, load_config
from bot.engine import Engine
from bot.factbase import FactBase
from bot.feedback import (
    DAY,
    FeedbackError,
    FeedbackStore,
    Record,
    Utterances,
    group_questions,
    hash_user,
    open_store,
    review_report,
)

NOW = 2_000_000_000.0  # a fixed clock: rows are stamped relative to it


@pytest.fixture
def store(tmp_path: Path) -> FeedbackStore:
    with FeedbackStore(tmp_path / "feedback.sqlite3", retention_days=30) as opened:
        yield opened  # type: ignore[misc]


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


# ---------------------------------------------------------------- recording


def test_a_record_keeps_question_outcome_candidates_and_time(store: FeedbackStore) -> None:
    store.record("how fast did it go", "unknown", [("duration", 0.2571), ("launch", 0.1)], NOW)
    (record,) = store.records()
    assert record == Record(
        "how fast did it go", "unknown", (("duration", 0.257), ("launch", 0.1)), NOW
    )


def test_only_unknown_and_clarify_answers_are_recorded(
    store: FeedbackStore, engine: Engine
) -> None:
    answered = engine.ask("when did ms-23 land?")
    refused = engine.ask("what's the weather like in paris")
    gap = engine.ask("what was the apogee of ms-23")
    assert answered.status == "answered" and refused.status == gap.status == "unknown"
    assert not store.record_answer(answered, NOW)
    assert store.record_answer(refused, NOW)
    assert store.record_answer(gap, NOW)
    recorded = {r.question: r for r in store.records()}
    assert set(recorded) == {refused.question, gap.question}
    assert recorded[gap.question].intent == "apsis"
    assert recorded[gap.question].candidates[0][0] == "apsis"


def test_no_user_ids_unless_hashed(store: FeedbackStore) -> None:
    store.record("q1", "unknown", when=NOW)
    store.record("q2", "unknown", when=NOW, user_hash=hash_user(123456789, "a" * 16))
    hashes = [h for (h,) in rows(store.path, "SELECT user_hash FROM questions ORDER BY id")]
    assert hashes[0] is None
    assert isinstance(hashes[1], str) and "123456789" not in hashes[1]


def test_user_hashes_are_keyed_by_the_salt() -> None:
    assert hash_user(42, "s" * 16) == hash_user("42", "s" * 16)
    assert hash_user(42, "s" * 16) != hash_user(42, "t" * 16)
    with pytest.raises(FeedbackError, match="salt"):
        hash_user(42, "")


def test_an_unknown_outcome_is_refused(store: FeedbackStore) -> None:
    with pytest.raises(ValueError, match="outcome must be one of"):
        store.record("q", "answered")


def test_long_questions_are_cut(store: FeedbackStore) -> None:
    store.record("x" * 10_000, "unknown", when=NOW)
    assert len(store.records()[0].question) == 4000


# ---------------------------------------------------------------- votes


def test_votes_count_per_intent_and_a_thumbs_down_records_the_question(
    store: FeedbackStore, engine: Engine
) -> None:
    landing = engine.ask("when did ms-23 land?")
    store.vote_answer(landing, True, NOW)
    store.vote_answer(landing, True, NOW)
    store.vote_answer(landing, False, NOW)
    store.vote("rocket", False, NOW)
    counts = {v.intent: (v.helpful, v.unhelpful) for v in store.vote_counts()}
    assert counts == {"landing": (2, 1), "rocket": (0, 1)}
    (record,) = store.records()
    assert (record.question, record.outcome, record.intent) == (
        "when did ms-23 land?",
        "unhelpful",
        "landing",
    )


# ---------------------------------------------------------------- retention


def test_rows_older_than_the_retention_period_are_deleted(store: FeedbackStore) -> None:
    store.record("old", "unknown", when=NOW - 31 * DAY)
    store.vote("launch", True, NOW - 31 * DAY)
    store.record("recent", "clarify", when=NOW - 29 * DAY)
    store.vote("launch", False, NOW - 29 * DAY)
    # record() purges relative to its own time; the rows above were written in the past.
    assert store.purge(now=NOW) == 2
    assert [r.question for r in store.records()] == ["recent"]
    assert [(v.helpful, v.unhelpful) for v in store.vote_counts()] == [(0, 1)]


def test_recording_purges_as_it_goes(store: FeedbackStore) -> None:
    store.record("old", "unknown", when=NOW - 40 * DAY)
    store.record("new", "unknown", when=NOW)
    assert [r.question for r in store.records()] == ["new"]


def test_opening_the_store_purges(tmp_path: Path) -> None:
    path = tmp_path / "f.sqlite3"
    with FeedbackStore(path, retention_days=1000) as store:
        store.record("ancient", "unknown", when=1.0)
    with FeedbackStore(path, retention_days=1) as store:
        assert store.records() == []


def test_a_retention_of_zero_days_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FeedbackError, match="retention_days"):
        FeedbackStore(tmp_path / "f.sqlite3", retention_days=0)


# ---------------------------------------------------------------- grouping


def records(*pairs: tuple[str, str | None]) -> list[Record]:
    return [Record(q, "unknown", ((intent, 0.4),) if intent else (), NOW) for q, intent in pairs]


def test_mission_names_are_taken_out_of_utterances(factbase: FactBase) -> None:
    names = Utterances(a for m in factbase.missions.values() for a in m.aliases)
    assert names("What was the apogee of Soyuz MS-23?") == "what was the apogee of"
    assert names("how big was ms-22's radiator hole") == "how big was radiator hole"
    assert names("<@123> ISS 69S speed") == "speed"
    assert names("what about smsa") == "what about smsa"  # no alias inside a word


def test_every_entitys_names_are_taken_out_as_the_engine_reads_them(factbase: FactBase) -> None:
    """People's and craft's names go, as mission names do; words that also say what is
    asked stay ("roscosmos" is the operator, "the leak" the damage)."""
    names = Utterances.of(factbase)
    assert names("when did Rubio land?") == "when did land"
    assert names("who built Dragon Endurance") == "who built"
    assert names("who runs roscosmos") == "who runs roscosmos"
    assert names("when was the leak") == "when was the leak"


def test_similar_questions_group_most_frequent_first(factbase: FactBase) -> None:
    groups = group_questions(
        records(
            ("how fast did it go", "duration"),
            ("how fast did it go?", "duration"),
            ("How fast was it going", "duration"),
            ("how fast did it go", "launch"),
            ("what's the weather", None),
            ("whats the weather like", None),
            ("how much did it cost", "cargo_mass"),
            ("how much did it weigh", "cargo_mass"),
        ),
        Utterances(stopwords=factbase.stopwords),
    )
    assert [g.count for g in groups] == [4, 2, 1, 1]
    fast, weather, *rest = groups
    assert fast.utterances == (("how fast did it go", 3), ("how fast was it going", 1))
    assert fast.intent == "duration"  # the nearest intent of most of them
    assert weather.intent is None
    # Function words alone do not make two questions the same.
    assert sorted(g.utterances[0][0] for g in rest) == [
        "how much did it cost",
        "how much did it weigh",
    ]


def test_review_prints_paste_ready_example_lines(factbase: FactBase) -> None:
    groups = group_questions(
        records(("how fast did it go", "duration"), ("how fast was it going", "duration")),
        Utterances(stopwords=factbase.stopwords),
    )
    report = review_report(groups, [], examples={"duration": ["How fast was it going"]})
    assert "1. 2x, nearest intent: duration (0.40); unknown 2" in report
    block = report.split("knowledge/intents.yaml:\n", 1)[1]
    assert yaml.safe_load(block) == ["how fast did it go"]  # the known example is left out


def test_review_offers_no_examples_for_vague_or_far_questions() -> None:
    vague = group_questions([Record("when?", "clarify", (("docking", 0.97),), NOW)])
    assert "too vague" in review_report(vague, [], vague=frozenset({"when"}))
    far = group_questions([Record("weather", "unknown", (("cargo", 0.1),), NOW)])
    assert "Out of scope" in review_report(far, [])


def test_review_sends_known_gaps_to_facts_not_examples() -> None:
    gap = [Record("apogee?", "unknown", (("apsis", 0.95),), NOW, "soyuz-ms-23", "apsis")]
    report = review_report(group_questions(gap), [])
    assert "Understood as 'apsis', which the sources do not give" in report
    assert "paste" not in report


# ---------------------------------------------------------------- the command


def test_review_command_reports_groups_and_votes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    db = tmp_path / "feedback.sqlite3"
    with FeedbackStore(db) as store:
        for question in ["how fast did ms-23 go", "how fast did it go", "whats the weather"]:
            store.record_answer(engine.ask(question))
        store.vote_answer(engine.ask("when did ms-23 land?"), True)
    assert main(["review", "--db", str(db), "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 recorded question(s) in 2 group(s)")
    assert '"how fast did go" x1' in out and '"how fast did it go" x1' in out
    assert "2." not in out  # --limit 1
    assert "landing" in out and "👍    1" in out


def test_review_without_a_database_says_how_to_get_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.sqlite3"
    assert main(["review", "--db", str(missing)]) == 2
    assert "turn on [feedback] enabled" in capsys.readouterr().err
    assert not missing.exists()  # review never creates one


def test_review_reads_the_database_path_from_the_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bot.toml").write_text(
        '[feedback]\nenabled = true\npath = "data/fb.sqlite3"\n', encoding="utf-8"
    )
    with FeedbackStore(tmp_path / "data" / "fb.sqlite3") as store:
        store.record("how fast did it go", "unknown", [("duration", 0.3)])
    assert main(["review", "--config", str(tmp_path / "bot.toml")]) == 0
    assert "1 recorded question(s)" in capsys.readouterr().out


def test_an_empty_database_reports_nothing_recorded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    FeedbackStore(tmp_path / "f.sqlite3").close()
    assert main(["review", "--db", str(tmp_path / "f.sqlite3")]) == 0
    assert capsys.readouterr().out.strip() == "No recorded questions."


def test_a_file_that_is_not_sqlite_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "f.sqlite3"
    bad.write_text("not a database " * 100, encoding="utf-8")
    with pytest.raises(FeedbackError, match="not a usable feedback database"):
        FeedbackStore(bad)


# ---------------------------------------------------------------- configuration


def test_feedback_is_off_by_default_in_the_example_config() -> None:
    config = load_config(Path(__file__).resolve().parent.parent / "config.example.toml", {})
    assert not config.feedback.enabled
    assert not config.feedback.record_user_ids
    assert config.feedback.retention_days == 90


def test_recording_user_ids_needs_a_salt(tmp_path: Path) -> None:
    path = tmp_path / "bot.toml"
    path.write_text("[feedback]\nenabled = true\nrecord_user_ids = true\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="FEEDBACK_SALT"):
        load_config(path, {})
    config = load_config(path, {"FEEDBACK_SALT": "s" * 16})
    assert config.feedback.salt == "s" * 16
    assert "s" * 16 not in repr(config)
    assert config.feedback.path == (tmp_path / "feedback.sqlite3").resolve()


def test_the_bot_opens_a_store_only_when_the_option_is_on(tmp_path: Path) -> None:
    path = tmp_path / "bot.toml"
    path.write_text('[feedback]\npath = "fb.sqlite3"\n', encoding="utf-8")
    assert open_store(load_config(path, {}).feedback) is None
    path.write_text('[feedback]\nenabled = true\npath = "fb.sqlite3"\n', encoding="utf-8")
    store = open_store(load_config(path, {}).feedback)
    assert store is not None and store.path == (tmp_path / "fb.sqlite3").resolve()
    store.close()


def test_review_refuses_a_database_that_is_not_ours(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(FeedbackError, match="not a feedback database"):
        FeedbackStore(other, read_only=True)
