import pytest

from bot.engine import Engine
from bot.factbase import FactBase
from bot.text import tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("when did MS-23 land?", ["soyuz-ms-23"]),
        ("ms23 landing", ["soyuz-ms-23"]),
        ("MS 23", ["soyuz-ms-23"]),
        ("Soyuz MS-23", ["soyuz-ms-23"]),
        ("ISS 69S", ["soyuz-ms-23"]),
        ("69s", ["soyuz-ms-23"]),
        ("the ISS MS-23 docking", ["soyuz-ms-23"]),
        ("soyuz ms-22", ["soyuz-ms-22"]),
        ("MS-24", ["soyuz-ms-24"]),
        ("SpaceX Crew-5", ["spacex-crew-5"]),
        ("soyuz 34", ["soyuz-34"]),
        ("**MS-23** 🚀", ["soyuz-ms-23"]),
        ("ms-23's crew", ["soyuz-ms-23"]),
        ("ms-23 vs ms-22", ["soyuz-ms-23", "soyuz-ms-22"]),
    ],
)
def test_known_missions_are_found(engine: Engine, text: str, expected: list[str]) -> None:
    missions = engine.factbase.missions
    found = [m.entity for m in engine.entities.mentions(tokens(text))]
    assert [m for m in found if m is None or m in missions] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Soyuz MS-21",
        "ms-25",
        "Progress MS-22",
        "progress ms 23",
        "Apollo 11",
        "Crew-7",
        "SpaceX Crew 9",
        "ISS 70S",
        "Shenzhou 15",
        "Artemis 2",
        "STS-107",
        "expedition 69",
    ],
)
def test_other_missions_are_recognised_as_unknown(engine: Engine, text: str) -> None:
    mentions = engine.entities.mentions(tokens(text))
    assert mentions and all(m.mission is None for m in mentions)


@pytest.mark.parametrize(
    "text", ["soyuz 2.1a rocket", "the iss in 2023", "when did it land", "crew of three"]
)
def test_ordinary_words_and_numbers_are_not_missions(engine: Engine, text: str) -> None:
    missions = engine.factbase.missions
    assert [m for m in engine.entities.mentions(tokens(text)) if m.entity in missions] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("who is francisco rubio", ["francisco-rubio"]),
        ("prokopiev", ["sergey-prokopyev"]),  # a typo in a personal name
        ("rubbio and petlin", ["francisco-rubio", "dmitry-petelin"]),
        ("endurence what is it", ["crew-dragon-endurance"]),  # a long craft name, misspelt
        ("the soyuz 2.1a rocket", ["soyuz-2-1a"]),
        ("which dragon capsule", ["crew-dragon-endurance"]),
        ("the replacement soyuz", ["soyuz-ms-23"]),
        ("the empty soyuz", ["soyuz-ms-23"]),
        ("the leaky soyuz", ["soyuz-ms-22"]),
        ("the busted one", ["soyuz-ms-22"]),
        ("the spacex ship", ["crew-dragon-endurance"]),
        ("the coolant leak", ["ms-22-coolant-leak"]),
        ("mission management team", ["iss-mission-management-team"]),
    ],
)
def test_people_craft_and_events_are_found(engine: Engine, text: str, expected: list[str]) -> None:
    assert [m.entity for m in engine.entities.mentions(tokens(text))] == expected


def test_a_misspelt_first_name_belongs_to_the_name_after_it(engine: Engine) -> None:
    [rubio] = engine.entities.mentions(tokens("who is fransisco rubio"))
    assert (rubio.entity, rubio.start, rubio.text) == ("francisco-rubio", 2, "fransisco rubio")
    # ...but "francisco" alone is nobody, misspelt or not
    assert engine.entities.mentions(tokens("a trip to san fransisco")) == []


@pytest.mark.parametrize(
    "text", ["astronauts", "the station", "space", "radio", "energy", "dragons", "endure"]
)
def test_typo_tolerance_is_for_names_only(engine: Engine, text: str) -> None:
    assert engine.entities.mentions(tokens(text)) == []


def test_resolve_is_strict_on_numbers(engine: Engine) -> None:
    assert engine.resolve_mission("ms-23") == "soyuz-ms-23"
    assert engine.resolve_mission("MS23") == "soyuz-ms-23"
    assert engine.resolve_mission("ms-22") == "soyuz-ms-22"
    assert engine.resolve_mission("ms-2") is None
    assert engine.resolve_mission("ms-233") is None
    assert engine.resolve_mission("soyuz-ms-23") == "soyuz-ms-23"


def test_a_known_name_scheme_makes_its_siblings_unknown_missions() -> None:
    from bot.entities import EntityIndex

    index = EntityIndex({"kestrel-7": ["Kestrel 7", "HF-7"], "soyuz-ms-23": ["Soyuz MS-23"]})
    [known] = index.mentions(tokens("when did kestrel 7 launch"))
    assert known.mission == "kestrel-7"
    [other] = index.mentions(tokens("when did kestrel 9 launch"))
    assert (other.mission, other.text) == (None, "kestrel 9")
    assert index.mentions(tokens("the 7 dwarfs")) == []


def test_the_default_mission_leads_every_list(engine: Engine) -> None:
    assert engine.mission_order[0] == "soyuz-ms-23"
    assert set(engine.mission_order) == set(engine.factbase.missions)
    assert engine.complete_missions("")[0] == ("soyuz-ms-23", "Soyuz MS-23")


def test_a_possessive_s_after_a_known_mission_is_not_another_mission(engine: Engine) -> None:
    [mention] = engine.entities.mentions(tokens("what was ms 22s problem"))
    assert mention.entity == "soyuz-ms-22"
    [iss] = engine.entities.mentions(tokens("when did iss 69s launch"))
    assert iss.entity == "soyuz-ms-23"


def test_the_missions_an_entity_takes_part_in(factbase: FactBase) -> None:
    """What an answer about a person, craft or event may be labelled with."""
    assert factbase.missions_of("soyuz-ms-23") == {"soyuz-ms-23"}
    assert {"soyuz-ms-22", "soyuz-ms-23"} <= factbase.missions_of("sergey-prokopyev")
    assert factbase.missions_of("ms-22-coolant-leak") == {"soyuz-ms-22"}
    assert factbase.missions_of("crew-liners-to-ms-23") == {"soyuz-ms-22", "soyuz-ms-23"}
    assert "soyuz-ms-24" not in factbase.missions_of("francisco-rubio")
