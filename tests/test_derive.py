"""`derive` turns a new source document into a fact file the bot answers from.

The fictional Kestrel 7 document (tests/data/kestrel-7.txt) stands for a mission
added by a curator: nothing is added but the source and its draft, and the bot
must answer the generic questions about it from its own source while every MS-23
answer stays exactly as it was.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.cli import main
from bot.derive import DeriveError, derive, parse_date
from bot.engine import Engine
from bot.evaluation import load_questions
from bot.factbase import DEFAULT_KNOWLEDGE_DIR, FactBase, load_factbase
from bot.source import load_document, parse_document

DATA = Path(__file__).resolve().parent / "data"
KESTREL = DATA / "kestrel-7.txt"
MS23_SOURCE = DEFAULT_KNOWLEDGE_DIR / "sources" / "soyuz-ms-23.txt"




@pytest.fixture(scope="module")
def kestrel(derived: FactBase) -> Engine:
    return Engine(derived)


# ---------------------------------------------------------------- the draft


def test_derive_writes_the_draft_and_copies_the_source(derived_root: Path) -> None:
    assert (derived_root / "missions" / "kestrel-7.yaml").is_file()
    copy = derived_root / "sources" / "kestrel-7.txt"
    assert copy.read_bytes() == KESTREL.read_bytes()


def test_the_draft_passes_check_as_written(
    derived_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--knowledge", str(derived_root)]) == 0
    assert "fact base OK" in capsys.readouterr().out


def test_mission_id_and_aliases_come_from_title_and_names(derived: FactBase) -> None:
    mission = derived.missions["kestrel-7"]
    assert mission.name == "Kestrel 7"
    assert mission.aliases == ("Kestrel 7", "Halcyon Flight 7", "HF-7")
    assert mission.source == "kestrel-7.txt"


def test_ms23_aliases_and_garbled_fields_are_found_as_a_curator_found_them(
    factbase: FactBase,
) -> None:
    draft = derive(load_document(MS23_SOURCE))
    # The curator added the descriptive names ("the replacement Soyuz") after the draft.
    curated = factbase.missions["soyuz-ms-23"].aliases
    assert tuple(draft.aliases) == curated[: len(draft.aliases)]
    assert tuple(draft.aliases) == ("Soyuz MS-23", "MS-23", "ISS 69S", "69S")
    assert {i.field for i in draft.issues} == {"Crew Landing", "Apsis", "Docking", "Cargo Mass"}
    assert draft.mission_id == "soyuz-ms-23"


def test_garbled_and_empty_fields_are_listed_not_turned_into_facts(derived_root: Path) -> None:
    text = (derived_root / "missions" / "kestrel-7.yaml").read_text(encoding="utf-8")
    head = text.split("source:", 1)[0]
    assert "line 23: the Apsis field lost its figures" in head
    assert "line 24: the Docking field is empty" in head
    assert "Spacecraft Mass" in head  # no intent covers it


def test_no_fact_quotes_a_garbled_or_empty_field(derived: FactBase) -> None:
    for fact in derived.facts.values():
        if fact.subjects[0].startswith("kestrel"):
            assert {c.section for c in fact.citations}.isdisjoint(
                {"Infobox: Apsis", "Infobox: Docking", "Infobox: Spacecraft Mass"}
            ), fact.id


def test_each_mission_cites_only_its_own_source(derived: FactBase) -> None:
    for fact in derived.facts.values():
        kestrel = fact.subjects[0].startswith("kestrel")
        expected = "kestrel-7.txt" if kestrel else "soyuz-ms-23.txt"
        assert {c.source for c in fact.citations} == {expected}, fact.id
        other = "Soyuz" if expected == "kestrel-7.txt" else "Kestrel"
        assert other not in fact.answer, fact.id


# ---------------------------------------------------------------- the bot answers


GENERIC = [
    ("When did Kestrel 7 launch?", "launch", "3 March 2031 at 14:05 UTC", "Infobox: Launch Date"),
    ("when did kestrel 7 land", "landing", "19 June 2031 at 08:42 UTC", "Infobox: Landing Date"),
    ("what rocket launched kestrel 7?", "rocket", "Heron 4B", "Infobox: Launch Rocket"),
    ("where did kestrel-7 launch from", "launch_site", "Port Avalon, LC-2", "Infobox: Launch Site"),
    ("where did kestrel 7 land", "landing_site", "Lake Tarn", "Infobox: Landing Site"),
    ("who operated kestrel 7", "operator", "Meridian Orbital Agency", "Infobox: Operator"),
    (
        "who was the crew of kestrel 7",
        "crew",
        "Ilse Varga, Tomas Okafor and Mei Lindqvist",
        "Infobox: Crew Members",
    ),
    ("who flew on HF-7?", "crew", "Ilse Varga", "Infobox: Crew Members"),
    ("what is the cospar id of kestrel 7", "cospar_id", "2031-117B", "Infobox: Cospar Id"),
    ("satcat number of halcyon flight 7", "satcat", "61907", "Infobox: Satcat"),
    ("what orbit was kestrel 7 in", "orbit", "low Earth orbit", "Infobox: Orbit Regime"),
    ("what was the inclination of kestrel 7", "inclination", "47.3°", "Infobox: Orbit Inclination"),
    ("how long was kestrel 7", "duration", "108 days", "Infobox: Launch Date"),
    ("what was kestrel 7", "overview", "crewed Meridian Orbital Agency spaceflight", "Lead"),
]


@pytest.mark.parametrize(("question", "intent", "says", "section"), GENERIC)
def test_generic_questions_about_the_new_mission_are_answered_from_its_source(
    kestrel: Engine, question: str, intent: str, says: str, section: str
) -> None:
    answer = kestrel.ask(question)
    assert (answer.status, answer.mission, answer.intent) == ("answered", "kestrel-7", intent)
    assert says in answer.text
    assert section in {c.section for c in answer.citations}
    document = kestrel.factbase.documents["kestrel-7.txt"]
    for citation in answer.citations:
        assert citation.source == "kestrel-7.txt"
        assert document.text[citation.start : citation.end] == citation.quote


@pytest.mark.parametrize(
    "intent",
    [
        "launch",
        "landing",
        "rocket",
        "launch_site",
        "operator",
        "crew",
        "cospar_id",
        "satcat",
        "orbit",
        "inclination",
    ],
)
def test_every_suggested_question_about_the_new_mission_is_answered(
    kestrel: Engine, intent: str
) -> None:
    """The bot's own suggestion ("When did Kestrel 7 launch?") must get that fact."""
    answer = kestrel.ask(kestrel.suggestion("kestrel-7", intent))
    assert (answer.status, answer.mission, answer.intent) == ("answered", "kestrel-7", intent)


@pytest.mark.parametrize(
    ("question", "intent"),
    [("what was the apogee of kestrel 7", "apsis"), ("when did kestrel 7 dock", "docking")],
)
def test_garbled_or_empty_fields_get_my_sources_dont_give(
    kestrel: Engine, question: str, intent: str
) -> None:
    answer = kestrel.ask(question)
    assert (answer.status, answer.mission, answer.intent) == ("unknown", "kestrel-7", intent)
    assert answer.text.startswith("My sources don't give")
    assert "'ee'" in answer.text or "empty" in answer.text


def test_neighbour_missions_are_refused_not_answered_with_kestrel_7(kestrel: Engine) -> None:
    answer = kestrel.ask("when did kestrel 6 launch?")
    assert (answer.status, answer.mission) == ("unknown", "kestrel-6")
    assert not answer.citations
    assert (
        kestrel.ask("what came after kestrel 7").text
        == "The mission after Kestrel 7 was Kestrel 8."
    )


def test_ms23_answers_are_unchanged_by_the_new_mission(kestrel: Engine, engine: Engine) -> None:
    questions = [
        q.question
        for name in ("eval_questions.yaml", "dev_questions.yaml")
        for q in load_questions(DATA / name)
    ]
    for question in questions:
        before, after = engine.ask(question), kestrel.ask(question)
        assert (after.status, after.mission, after.intent, after.fact, after.citations) == (
            before.status,
            before.mission,
            before.intent,
            before.fact,
            before.citations,
        ), question
        if before.mission is not None:
            assert after.text == before.text, question


# ---------------------------------------------------------------- the command line


def test_out_dash_prints_the_draft_and_adds_nothing(
    knowledge_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["derive", str(KESTREL), "--out", "-", "--knowledge", str(knowledge_copy)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# Draft fact file for Kestrel 7")
    assert "source: sources/kestrel-7.txt" in captured.out
    assert "kestrel-7.txt:23: the Apsis field" in captured.err
    assert not (knowledge_copy / "missions" / "kestrel-7.yaml").exists()
    assert not (knowledge_copy / "sources" / "kestrel-7.txt").exists()


def test_out_file_with_another_id(knowledge_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    code = main(
        [
            "derive",
            str(KESTREL),
            "--out",
            str(out),
            "--id",
            "k7",
            "--knowledge",
            str(knowledge_copy),
        ]
    )
    assert code == 0
    assert "  - id: k7\n" in out.read_text(encoding="utf-8")


def test_deriving_twice_is_refused(
    knowledge_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["derive", str(KESTREL), "--knowledge", str(knowledge_copy)]) == 0
    capsys.readouterr()
    assert main(["derive", str(KESTREL), "--knowledge", str(knowledge_copy)]) == 2
    assert "already in the fact base; pass --id" in capsys.readouterr().err


def test_a_different_source_with_the_same_file_name_is_refused(
    knowledge_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    impostor = tmp_path / "soyuz-ms-23.txt"
    impostor.write_text(KESTREL.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["derive", str(impostor), "--knowledge", str(knowledge_copy)]) == 2
    assert "already exists with other content; rename" in capsys.readouterr().err
    assert not (knowledge_copy / "missions" / "kestrel-7.yaml").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["derive", "no-such-file.txt"], "no-such-file.txt: file not found"),
        (["derive", str(KESTREL), "--id", "Kestrel 7"], "not usable; pass --id"),
        (["derive", str(KESTREL), "--id", "soyuz-ms-22"], "already in the fact base"),
    ],
)
def test_errors_say_what_to_do(
    knowledge_copy: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main([*argv, "--knowledge", str(knowledge_copy)]) == 2
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in (knowledge_copy / "missions").iterdir()) == ["soyuz-ms-23.yaml"]


def test_a_source_that_breaks_the_format_names_its_line(
    knowledge_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text("Kestrel 7 without a title line\n", encoding="utf-8")
    assert main(["derive", str(broken), "--knowledge", str(knowledge_copy)]) == 2
    assert "broken.txt:1: expected the title line" in capsys.readouterr().err


# ---------------------------------------------------------------- details


def test_aliases_another_mission_owns_are_left_out_and_reported(factbase: FactBase) -> None:
    text = "= Kestrel 9 =\n\nKestrel 9\n- Names List: MS-23, K-9\n- Operator: Meridian\n"
    draft = derive(parse_document(text, "kestrel-9.txt"), factbase)
    assert draft.aliases == ["Kestrel 9", "K-9"]
    assert draft.dropped_aliases == [("MS-23", "soyuz-ms-23")]


def test_a_neighbour_the_fact_base_knows_is_referred_to_not_added(factbase: FactBase) -> None:
    text = "= Kestrel 9 =\n\nKestrel 9\n- Previous Mission: Soyuz MS-24\n"
    draft = derive(parse_document(text, "kestrel-9.txt"), factbase)
    assert draft.neighbours == []
    (fact,) = draft.facts
    assert fact["value"] == {"kind": "mission", "value": "soyuz-ms-24"}


def test_repeated_names_are_an_issue_and_a_clean_crew_field_wins() -> None:
    text = (
        "= Kestrel 9 =\n\nKestrel 9\n"
        "- Crew Landing: Ana Ruiz (pilot), Ana Ruiz\n"
        "- Crew Launching: Ana Ruiz (pilot), Bo Chen\n"
    )
    draft = derive(parse_document(text, "kestrel-9.txt"))
    (crew,) = [f for f in draft.facts if f["intent"] == "crew"]
    assert crew["value"] == {"kind": "people", "value": ["Ana Ruiz", "Bo Chen"]}
    assert [i.field for i in draft.issues] == ["Crew Landing"]
    assert draft.gaps == []  # the crew is known from the other field


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24 February 2023, 00:24UTC", (dt.date(2023, 2, 24), dt.time(0, 24))),
        ("3 March 2031", (dt.date(2031, 3, 3), None)),
        ("March 3, 2031 14:05 UTC", (dt.date(2031, 3, 3), dt.time(14, 5))),
        ("2031-03-03T14:05Z", (dt.date(2031, 3, 3), dt.time(14, 5))),
        ("3 Mar 2031, 14:05", (dt.date(2031, 3, 3), None)),  # no zone: date only
        ("UTC", None),
        ("31 February 2023", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: object) -> None:
    assert parse_date(text) == expected


def test_a_bad_id_is_refused() -> None:
    with pytest.raises(DeriveError, match="lower-case letters"):
        derive(load_document(KESTREL), mission_id="Kestrel_7")


def test_the_first_mission_of_an_empty_knowledge_directory(
    knowledge_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """MS-23 itself, derived from its source with no fact file yet: garbled fields included."""
    (knowledge_copy / "missions" / "soyuz-ms-23.yaml").unlink()
    source = knowledge_copy / "sources" / "soyuz-ms-23.txt"
    assert main(["derive", str(source), "--knowledge", str(knowledge_copy)]) == 0
    out = capsys.readouterr().out
    assert "copied" not in out  # the source was already in place
    assert "soyuz-ms-23.txt:22: the Apsis field lost its figures" in out
    engine = Engine(load_factbase(knowledge_copy))
    assert engine.ask("when did ms-23 launch").fact == "soyuz-ms-23-launch"
    assert engine.ask("when did ms-23 dock").text.startswith("My sources don't give")
