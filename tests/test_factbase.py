"""The fact base loads, every citation is verbatim, and each kind of defect is caught."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.factbase import FactBase, FactBaseError, load_factbase
from bot.source import load_document


def test_bundled_fact_base_is_valid(factbase: FactBase) -> None:
    assert "soyuz-ms-23" in factbase.missions
    assert len(factbase.facts) >= 40
    assert all(intent.examples for intent in factbase.intents.values())


def test_every_citation_is_a_verbatim_span_of_its_section(factbase: FactBase) -> None:
    for fact in factbase.facts.values():
        assert fact.citations, fact.id
        for c in fact.citations:
            document = factbase.documents[c.source]
            section = document.section(c.section)
            assert section is not None
            assert document.text[c.start : c.end] == c.quote
            assert section.start <= c.start and c.end <= section.end


@pytest.mark.parametrize("garbled", ["gee", "Cargo Mass", "-diameter", "~"])
def test_no_answer_or_quote_shows_a_garbled_source_value(factbase: FactBase, garbled: str) -> None:
    for fact in factbase.facts.values():
        assert garbled not in fact.answer
        assert all(garbled not in c.quote for c in fact.citations), fact.id


def test_repeated_crew_landing_names_are_never_quoted(factbase: FactBase) -> None:
    for fact in factbase.facts.values():
        assert all(c.section != "Infobox: Crew Landing" for c in fact.citations)


def test_derived_duration_cites_launch_and_landing(factbase: FactBase) -> None:
    fact = factbase.facts["ms23-duration"]
    assert fact.value is not None and fact.value.value == 215
    assert {c.section for c in fact.citations} == {"Infobox: Launch Date", "Infobox: Landing Date"}
    assert "215 days" in fact.answer


def test_other_missions_facts_belong_to_them(factbase: FactBase) -> None:
    assert factbase.lookup("soyuz-ms-22", "launch").answer.startswith("Soyuz MS-22")
    assert factbase.lookup("soyuz-ms-23", "damage") is None
    assert factbase.lookup("spacex-crew-5", "lifeboat") is not None
    assert factbase.lookup("soyuz-ms-23", "lifeboat") is None


# ---------------------------------------------------------------- one test per defect kind

FACTS = Path("missions") / "soyuz-ms-23.yaml"


def edit(root: Path, relative: Path | str, old: str, new: str) -> Path:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def problems(root: Path) -> list[str]:
    with pytest.raises(FactBaseError) as info:
        load_factbase(root)
    return [str(p) for p in info.value.problems]


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_yaml_syntax_error_names_file_and_line(knowledge_copy: Path) -> None:
    path = edit(knowledge_copy, FACTS, "intent: rocket\n", "intent: [rocket\n")
    [message] = problems(knowledge_copy)
    assert re.match(rf"{re.escape(str(path))}:\d+: YAML syntax error", message)
    assert "fix the YAML" in message


def test_missing_field(knowledge_copy: Path) -> None:
    path = edit(
        knowledge_copy, FACTS, "    answer: Soyuz MS-23 was launched on a Soyuz 2.1a rocket.\n", ""
    )
    [message] = problems(knowledge_copy)
    line = line_of(path, "id: ms23-rocket")
    assert message == (f"{path}:{line}: fact 'ms23-rocket' is missing the field 'answer'; add it")


def test_wrong_type(knowledge_copy: Path) -> None:
    path = edit(knowledge_copy, FACTS, "intent: rocket\n", "intent: 5\n")
    [message] = problems(knowledge_copy)
    assert message.startswith(f"{path}:{line_of(path, 'id: ms23-rocket')}: fact 'ms23-rocket': ")
    assert "'intent' must be a text or a list of texts, got number 5" in message


def test_quote_not_in_its_section(knowledge_copy: Path) -> None:
    path = edit(knowledge_copy, FACTS, "quote: Soyuz 2.1a\n", "quote: Soyuz 2.1b\n")
    [message] = problems(knowledge_copy)
    assert message.startswith(f"{path}:{line_of(path, 'quote: Soyuz 2.1b')}: ")
    assert "quote 'Soyuz 2.1b' is not in section 'Infobox: Launch Rocket'" in message
    assert "copy the quote verbatim" in message


def test_quote_of_garbled_text_is_refused(knowledge_copy: Path) -> None:
    path = edit(
        knowledge_copy, FACTS, "quote: dry cargo and equipment", "quote: ~ dry cargo and equipment"
    )
    [message] = problems(knowledge_copy)
    assert message.startswith(f"{path}:{line_of(path, 'quote: ~ dry cargo')}: ")
    assert "garbled source text (defect 'cargo-amount-missing'" in message


def test_unknown_section(knowledge_copy: Path) -> None:
    path = edit(
        knowledge_copy, FACTS, 'section: "Infobox: Launch Rocket"', 'section: "Infobox: Rocket"'
    )
    [message] = problems(knowledge_copy)
    assert message.startswith(
        f"{path}:{line_of(path, 'Infobox: Rocket')}: unknown section "
        "'Infobox: Rocket' in soyuz-ms-23.txt; use one of: 'Title'"
    )


def test_duplicate_fact_ids(knowledge_copy: Path) -> None:
    path = edit(knowledge_copy, FACTS, "id: ms23-satcat\n", "id: ms23-cospar\n")
    [message] = problems(knowledge_copy)
    lines = [
        n for n, text in enumerate(path.read_text().splitlines(), 1) if "id: ms23-cospar" in text
    ]
    assert message == (
        f"{path}:{lines[1]}: duplicate fact id 'ms23-cospar'; give one of them another id"
    )


def test_two_missions_claiming_one_alias(knowledge_copy: Path) -> None:
    path = edit(
        knowledge_copy,
        FACTS,
        "aliases: [Soyuz MS-24, MS-24]",
        "aliases: [Soyuz MS-24, MS-24, ms 23]",
    )
    [message] = problems(knowledge_copy)
    assert message.startswith(
        f"{path}:{line_of(path, 'MS-24, ms 23')}: mission 'soyuz-ms-24': "
        "alias 'ms 23' already names mission 'soyuz-ms-23'"
    )


def test_intent_without_utterances(knowledge_copy: Path) -> None:
    path = knowledge_copy / "intents.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: satcat\n")
    examples = text.index("    examples:\n", start)
    keywords = text.index("    keywords:", examples)
    path.write_text(text[:examples] + text[keywords:], encoding="utf-8")
    [message] = problems(knowledge_copy)
    assert message == (
        f"{path}:{line_of(path, 'id: satcat')}: intent 'satcat' has no example "
        "utterances; add a list 'examples' with questions people ask about it"
    )


def test_fact_for_an_unknown_intent(knowledge_copy: Path) -> None:
    path = edit(knowledge_copy, FACTS, "intent: rocket\n", "intent: rockets\n")
    [message] = problems(knowledge_copy)
    assert message.startswith(
        f"{path}:{line_of(path, 'intent: rockets')}: fact 'ms23-rocket': "
        "unknown intent 'rockets'; use one of:"
    )


def test_derived_fact_with_wrong_stated_number(knowledge_copy: Path) -> None:
    edit(knowledge_copy, FACTS, "Soyuz MS-23 flew for 215 days", "Soyuz MS-23 flew for 214 days")
    [message] = problems(knowledge_copy)
    assert "should say 215 days (computed from ms23-launch, ms23-landing)" in message


def test_all_problems_are_reported_at_once(knowledge_copy: Path) -> None:
    edit(knowledge_copy, FACTS, "quote: Soyuz 2.1a\n", "quote: Soyuz 2.1b\n")
    edit(knowledge_copy, FACTS, "intent: operator\n", "intent: operators\n")
    assert len(problems(knowledge_copy)) == 2


def test_source_document_is_the_shipped_copy() -> None:
    from bot.factbase import DEFAULT_KNOWLEDGE_DIR

    doc = load_document(DEFAULT_KNOWLEDGE_DIR / "sources" / "soyuz-ms-23.txt")
    assert doc.text.startswith("= Soyuz MS-23 =\n")


# ---------------------------------------------------------------- entities and events


def test_entities_of_every_kind_are_loaded(factbase: FactBase) -> None:
    kinds = {e.kind for e in factbase.entities.values()}
    assert kinds == {"mission", "person", "crew", "spacecraft", "rocket", "organisation", "event"}
    assert factbase.entities["francisco-rubio"].aliases[:2] == ("Francisco Rubio", "Rubio")
    assert set(factbase.missions) < set(factbase.entities)


def test_a_fact_is_indexed_under_each_subject_and_intent(factbase: FactBase) -> None:
    fact = factbase.facts["crew-time-in-space"]
    for person in ("francisco-rubio", "sergey-prokopyev", "dmitry-petelin"):
        assert factbase.lookup(person, "duration") is fact
    assert fact.value is not None and fact.value.value == 371
    assert factbase.lookup("soyuz-ms-22", "duration").value.value == 188


def test_an_alias_names_one_entity_of_any_kind(knowledge_copy: Path) -> None:
    path = edit(knowledge_copy, FACTS, "aliases: [Roscosmos]", "aliases: [Roscosmos, Rubio]")
    [message] = problems(knowledge_copy)
    assert message.startswith(f"{path}:{line_of(path, 'Roscosmos, Rubio')}: organisation ")
    assert "alias 'Rubio' already names person 'francisco-rubio'" in message


def test_an_unknown_entity_kind_is_named(knowledge_copy: Path) -> None:
    path = edit(knowledge_copy, FACTS, "    kind: rocket\n", "    kind: launcher\n")
    [message] = problems(knowledge_copy)
    assert message.startswith(f"{path}:{line_of(path, 'kind: launcher')}: entity 'soyuz-2-1a'")
    assert "kind 'launcher' is unknown" in message


def test_an_event_date_outside_its_year_sources_is_refused(knowledge_copy: Path) -> None:
    edit(knowledge_copy, FACTS, 'date: "2022-12-14"', 'date: "2023-12-14"')
    messages = problems(knowledge_copy)
    assert any(
        "event 'ms-22-coolant-leak': 14 December 2023 is not between the dates of "
        "ms22-launch, ms22-landing" in m
        for m in messages
    )


def test_an_event_without_a_year_needs_year_from(knowledge_copy: Path) -> None:
    edit(knowledge_copy, FACTS, "    year_from: [ms22-launch, ms22-landing]\n", "")
    [message] = problems(knowledge_copy)
    assert "gives '14 December' without a year; add 'year_from'" in message


def test_an_event_must_quote_its_date(knowledge_copy: Path) -> None:
    edit(knowledge_copy, FACTS, 'date: "2023-03-06"', 'date: "2023-03-07"')
    messages = problems(knowledge_copy)
    assert any("no citation states '7 March'" in m for m in messages)


def test_an_events_thing_must_be_one_of_its_words(knowledge_copy: Path) -> None:
    path = edit(knowledge_copy, FACTS, "    thing: seat liner\n", "    thing: seat belt\n")
    [message] = problems(knowledge_copy)
    assert message.startswith(f"{path}:{line_of(path, 'thing: seat belt')}: event ")
    assert "'thing' must be one of its 'words'" in message


def test_an_intents_kinds_must_be_known(knowledge_copy: Path) -> None:
    path = edit(knowledge_copy, "intents.yaml", "about: [organisation]", "about: [company]")
    [message] = problems(knowledge_copy)
    assert message.startswith(f"{path}:{line_of(path, 'about: [company]')}: intent 'leader'")
    assert "'about' names kind 'company'" in message


def test_a_doer_phrase_must_name_the_organisation(knowledge_copy: Path) -> None:
    built = 'doer: "who built or founded {name}"'
    path = edit(knowledge_copy, "intents.yaml", built, 'doer: "who"')
    [message] = problems(knowledge_copy)
    line = line_of(path, 'doer: "who"')
    assert message.startswith(f"{path}:{line}: intent 'manufacturer'")
    assert "'doer' must contain {name}" in message


def test_a_dated_by_topic_must_be_an_intent(knowledge_copy: Path) -> None:
    path = edit(knowledge_copy, "intents.yaml", "dated_by: launch", "dated_by: lift_off")
    [message] = problems(knowledge_copy)
    assert message.startswith(f"{path}:{line_of(path, 'dated_by: lift_off')}: ")
    assert "'dated_by' names unknown intent 'lift_off'" in message


def test_cues_belong_to_a_facet(knowledge_copy: Path) -> None:
    facet = "    reasons: true\n    facet: true\n"
    path = edit(knowledge_copy, "intents.yaml", facet, "    reasons: true\n")
    [message] = problems(knowledge_copy)
    assert message.startswith(f"{path}:{line_of(path, 'cues: [do for')}: intent 'outcome'")
    assert "add 'facet: true'" in message


def test_a_broken_intents_file_is_the_one_problem_shown(knowledge_copy: Path) -> None:
    path = edit(knowledge_copy, "intents.yaml", "    title: Overview\n", "    title: Overview: x\n")
    [message] = problems(knowledge_copy)
    assert message.startswith(f"{path}:") and "YAML syntax error" in message


def test_two_facts_for_one_subject_and_intent_name_both_lines(knowledge_copy: Path) -> None:
    path = edit(
        knowledge_copy,
        FACTS,
        "  - id: ms23-satcat\n    mission: soyuz-ms-23\n    intent: satcat\n",
        "  - id: ms23-satcat\n    mission: soyuz-ms-23\n    intent: cospar_id\n",
    )
    [message] = problems(knowledge_copy)
    cospar = line_of(path, "id: ms23-cospar")
    assert message.startswith(f"{path}:{line_of(path, 'id: ms23-satcat')}: 'ms23-satcat' and ")
    assert f"'ms23-cospar' (soyuz-ms-23.yaml:{cospar}) both answer intent 'cospar_id'" in message


def test_a_follow_up_reading_naming_an_unknown_intent_is_refused(knowledge_copy: Path) -> None:
    path = edit(
        knowledge_copy,
        "intents.yaml",
        "    follow: {crewed_launch: crewed_return}\n",
        "    follow: {crewed_launch: crewed_returns}\n",
    )
    [message] = problems(knowledge_copy)
    assert message.startswith(f"{path}:") and "'crewed_returns'" in message


def test_a_topic_states_an_amount_only_when_marked(factbase: FactBase) -> None:
    assert factbase.intents["duration"].amount and not factbase.intents["damage"].amount
    assert {"much", "far"} <= factbase.amount_words


def test_a_why_redirect_naming_an_unknown_intent_is_refused(knowledge_copy: Path) -> None:
    path = edit(
        knowledge_copy, "intents.yaml", "    why: [damage, purpose]\n", "    why: [damages]\n"
    )
    [message] = problems(knowledge_copy)
    assert message.startswith(f"{path}:") and "'damages'" in message


def test_an_unknown_reading_word_list_is_named_with_its_line(knowledge_copy: Path) -> None:
    path = edit(knowledge_copy, "intents.yaml", "  mine: [my, our, mine]\n", "  ours: [my]\n")
    [message] = problems(knowledge_copy)
    assert message.startswith(f"{path}:") and "'ours'" in message and "mine" in message


def test_the_reading_word_lists_are_knowledge(factbase: FactBase) -> None:
    assert {"asked", "wonder"} <= factbase.reading["embedding"]
    assert "how come" in factbase.reading["why"]
