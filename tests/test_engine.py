"""The engine: right or silent, strict about missions, and held to its accuracy target."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Context, Engine
from bot.evaluation import evaluate, load_questions
from bot.factbase import FactBase, load_factbase
from tests.test_cli import FIELDS as CONTRACT_FIELDS
from tests.test_engine_entities import ask_all

DATA = Path(__file__).parent / "data"


def test_landing_is_answered_with_a_verbatim_citation(engine: Engine) -> None:
    answer = engine.ask("When did MS-23 land?")
    assert (answer.status, answer.mission, answer.intent) == ("answered", "soyuz-ms-23", "landing")
    assert "27 September 2023" in answer.text
    assert [c.section for c in answer.citations] == ["Infobox: Landing Date"]
    document = engine.factbase.documents[answer.citations[0].source]
    assert answer.citations[0].quote in document.text


@pytest.mark.parametrize(
    ("question", "mission", "intent"),
    [
        ("when did ms-22 launch", "soyuz-ms-22", "launch"),
        ("when did ms-23 launch", "soyuz-ms-23", "launch"),
        ("MS22 crew?", "soyuz-ms-22", "crew"),
        ("who came home on ms23", "soyuz-ms-23", "crew"),
        ("ISS 69S rocket", "soyuz-ms-23", "rocket"),
    ],
)
def test_the_named_mission_is_binding(
    engine: Engine, question: str, mission: str, intent: str
) -> None:
    answer = engine.ask(question)
    assert (answer.status, answer.mission, answer.intent) == ("answered", mission, intent)
    assert all(c.source for c in answer.citations)


@pytest.mark.parametrize(
    ("question", "intent", "said"),
    [
        # a destination is the mission type's "to the ISS", not its COSPAR ID
        ("what was ms-23's destination", "mission_type", "mission to the ISS"),
        # a premise after the question does not tell its topic; a condition may
        ("what did ms-23 carry on the way up since nobody was on board", "cargo", "dry cargo"),
        ("how would the crew get home if the station had to be evacuated", "lifeboat", "Crew-5"),
        ("what did they put in ms23", "cargo", "dry cargo"),  # not its rocket
        # a vague word ("help") read the one way what is named holds, far ahead of others
        ("how did it help prokopyev and petelin", "outcome", "heat load"),
        ("did it help the russians too", "outcome", "heat load"),
        # a crew flight's part in the story is the lifeboat plan
        ("what was crew-5 considered for in this whole soyuz mess", "lifeboat", "emergency"),
        ("what was crew-6 supposed to serve as in all this", "lifeboat", "Crew-6"),
        ("what's crew-6 for in this context", "lifeboat", "Crew-6"),
    ],
)
def test_everyday_wordings_reach_their_topic(
    engine: Engine, question: str, intent: str, said: str
) -> None:
    answer = engine.ask(question)
    assert (answer.status, answer.intent) == ("answered", intent)
    assert said in answer.text


def test_a_topic_the_named_mission_lacks_is_not_borrowed_from_another(engine: Engine) -> None:
    answer = engine.ask("what rocket launched ms-22?")  # only MS-23's rocket is in the source
    assert answer.status == "unknown"
    assert answer.mission == "soyuz-ms-22"
    assert not answer.citations
    assert "don't give" in answer.text


@pytest.mark.parametrize(
    "question",
    ["when did apollo 11 land", "soyuz ms-21 crew", "progress ms-22 launch date", "crew-7 crew"],
)
def test_unknown_missions_are_refused(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert (answer.status, answer.mission, answer.citations) == ("unknown", None, ())
    assert "no facts about" in answer.text


@pytest.mark.parametrize(
    ("question", "intent"),
    [("ms-23 apogee?", "apsis"), ("how heavy was the cargo on ms-23", "cargo_mass")],
)
def test_garbled_values_are_reported_as_missing(engine: Engine, question: str, intent: str) -> None:
    answer = engine.ask(question)
    assert (answer.status, answer.intent) == ("unknown", intent)
    assert answer.text.startswith("My sources don't give")
    assert answer.value is None
    garbled = {"Infobox: Apsis", "Infobox: Cargo Mass"}
    assert not garbled & {c.section for c in answer.citations}
    assert answer.suggestions  # what the source does say instead


def test_derived_mission_length_cites_both_ends(engine: Engine) -> None:
    answer = engine.ask("how many days was ms-23 in space")
    assert answer.intent == "duration"
    assert "215" in answer.text
    sections = {c.section for c in answer.citations}
    assert {"Infobox: Launch Date", "Infobox: Landing Date"} <= sections


def test_follow_up_keeps_the_mission_of_theask_all(engine: Engine) -> None:
    first = engine.ask("when did ms-22 launch?")
    follow = engine.ask("and when did it land?", Context().after(first))
    assert (follow.status, follow.mission, follow.intent) == ("answered", "soyuz-ms-22", "landing")
    switch = engine.ask("and ms-23?", Context().after(follow))
    assert (switch.mission, switch.intent) == ("soyuz-ms-23", "landing")


def test_without_context_the_default_mission_answers(engine: Engine) -> None:
    answer = engine.ask("when did it land?")
    assert (answer.mission, answer.intent) == ("soyuz-ms-23", "landing")


def test_close_candidates_are_offered_not_guessed(engine: Engine) -> None:
    answer = engine.ask("ms-23 date?")
    assert answer.status == "clarify"
    assert {"launch", "landing"} <= {intent for _, intent in answer.topics}
    assert len(answer.suggestions) == len(answer.topics) >= 2


@pytest.mark.parametrize("question", ["when", "ms-23 when?", "what?", "who", "how"])
def test_a_bare_question_word_is_never_answered(engine: Engine, question: str) -> None:
    assert engine.ask(question).status != "answered"


@pytest.mark.parametrize(
    "question",
    [
        "when does my flight land",
        "what's the time",
        "good bot",
        "what is the capital of france",
        # "need" and "off" name no topic alone: not the purpose, not a lift-off
        "what do i need to do",
        "when do i get a day off",
    ],
)
def test_everyday_questions_are_not_answered(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "unknown"
    assert not answer.citations


def test_every_suggestion_asks_for_its_own_topic(engine: Engine) -> None:
    """Suggestions become buttons and follow-up questions: each must resolve to itself,
    for people, craft and events as for missions."""
    for entity, about in engine.factbase.entities.items():
        if about.kind == "event":
            continue  # an event's buttons answer by topic; its title is not a name to ask by
        for intent in engine.factbase.topics(entity):
            question = engine.suggestion(entity, intent)
            answer = engine.ask(question)
            about = answer.entity.id if answer.entity else None
            expected = engine.factbase.lookup(entity, intent)
            assert expected is not None
            # The same statement: one fact may answer several intents ("crew", "agency").
            assert (about, answer.fact) == (entity, expected.id), question


def test_a_suggestion_is_worded_for_the_kind_of_entity(engine: Engine) -> None:
    assert engine.suggestion("soyuz-ms-23", "spacecraft") == (
        "What is the serial number of the Soyuz MS-23 spacecraft?"
    )
    # a person flew on spacecraft; he has no serial number
    assert engine.suggestion("sergey-prokopyev", "spacecraft") == (
        "Which spacecraft did Sergey Prokopyev fly on?"
    )


def test_every_fact_is_reachable_by_topic(engine: Engine) -> None:
    for fact in engine.factbase.facts.values():
        answer = engine.answer_topic(fact.subjects[0], fact.intent)
        assert answer.status == "answered"
        assert answer.fact == fact.id
        assert answer.citations == fact.citations


def test_answer_json_has_the_documented_fields(engine: Engine) -> None:
    data = engine.ask("when did ms-23 launch").as_dict()
    assert set(data) >= CONTRACT_FIELDS
    assert 0.0 <= data["confidence"] <= 1.0
    assert set(data["citations"][0]) == {"source", "section", "quote"}


def test_held_out_accuracy(engine: Engine) -> None:
    """The engine on the older held-out set (tests/data/eval_questions.yaml), labelled by
    intent: no worse than before people, craft and events were modelled (91.7% in
    scope, 3.4% false answers, no entity confusion), and no worse than it reaches now
    (94.6%, 2.3%). The failure message gives the aggregates only: a held-out set's misses
    are not read, or it is no longer held out.
    """
    report = evaluate(engine, load_questions(DATA / "eval_questions.yaml"))
    assert len(report.in_scope) >= 150 and len(report.out_of_scope) >= 50
    aggregates = report.summary().split("\n\n")[0]
    assert not report.entity_confusions, aggregates
    assert report.accuracy >= 0.946, aggregates
    assert report.false_answer_rate <= 0.012, aggregates


def test_blind_held_out_accuracy(engine: Engine) -> None:
    """The engine on the held-out set written blind, from the source document alone
    (tests/data/heldout10_blind_questions.yaml). The targets are at least 95% of in-scope
    questions right, at most 1% wrong answers and no entity confusion; the engine
    reaches less (see README, Accuracy), and answers some questions wrongly, two of them
    about another mission (which ones has not been read). This test holds it to what it
    reaches, so that no change makes it worse unnoticed. The failure message gives
    aggregates only.
    """
    questions = load_questions(DATA / "heldout10_blind_questions.yaml")
    report = evaluate(engine, questions)
    conversations = {q.conversation for q in questions if q.conversation is not None}
    assert len(questions) >= 300 and len(conversations) >= 15
    aggregates = report.summary().split("\n\n")[0]
    # plain numbers, so that a failure shows the aggregates and never the report's rows
    accuracy, wrong = report.accuracy, report.wrong_answer_rate
    confusions = len(report.entity_confusions)
    assert accuracy >= 0.862, aggregates
    assert wrong <= 0.061, aggregates
    assert confusions <= 2, aggregates


def test_a_context_from_an_older_fact_base_is_ignored(engine: Engine) -> None:
    """After a reload drops a mission or topic, remembered conversations still work."""
    answer = engine.ask("and when did it land?", Context("soyuz-ms-99", "no-such-topic"))
    assert (answer.mission, answer.intent) == ("soyuz-ms-23", "landing")
    answer = engine.ask("and ms-22?", Context("soyuz-ms-23", "no-such-topic"))
    assert (answer.status, answer.mission) == ("answered", "soyuz-ms-22")


def test_a_decisive_lead_is_answered_without_a_spaceflight_word(engine: Engine) -> None:
    answer = engine.ask("how come it flew up with nobody inside")
    assert (answer.status, answer.intent) == ("answered", "crewed_launch")


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("did it come home in september?", "landing"),
        ("launched in feb, right?", "launch"),
        ("so it docked in feb?", "docking"),
    ],
)
def test_a_month_name_asks_for_a_date(engine: Engine, question: str, intent: str) -> None:
    answer = engine.ask(question)
    assert (answer.status, answer.intent) == ("answered", intent)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("where was the hole on ms-22?", "damage"),
        ("what did ms-23 ride to orbit on", "rocket"),
        ("what happened to the og crew of ms23", "original_mission"),
        ("has anyone swapped soyuz seat liners between two soyuz before", "precedent"),
        ("did ms-23 fly for about 250 days?", "duration"),
        ("I read somewhere MS-23 went up in March 2023. Is that true?", "when"),
    ],
)
def test_phrasings_users_wrote_reach_their_topic(
    engine: Engine, question: str, intent: str
) -> None:
    """Phrasings from the development sets that the examples now cover."""
    answer = engine.ask(question)
    assert (answer.status, answer.intent) == ("answered", intent), answer.text


@pytest.mark.parametrize(
    "question", ["what's the weather like in march", "any holidays in december"]
)
def test_a_month_name_alone_does_not_make_a_question_about_spaceflight(
    engine: Engine, question: str
) -> None:
    assert engine.ask(question).status != "answered"


def test_lookups_by_topic_do_not_scan_the_fact_base(factbase: FactBase) -> None:
    """Owners of a topic come from an index (benchmarks/scale.py: flat up to 1,000 missions)."""
    assert list(factbase.missions_with("lifeboat")) == ["spacex-crew-5", "spacex-crew-6"]
    assert list(factbase.missions_with("damage")) == ["soyuz-ms-22"]
    assert not factbase.missions_with("no-such-topic")


def test_clearing_caches_leaves_answers_unchanged(engine: Engine) -> None:
    """Benchmarks time cold questions with clear_caches(); answers must not depend on it."""
    before = engine.ask("wen did ms23 lnad")
    engine.clear_caches()
    assert engine._score.cache_info().currsize == 0
    assert engine.ask("wen did ms23 lnad") == before


def test_the_words_that_say_how_a_question_is_read_come_from_the_fact_base(
    engine: Engine, knowledge_copy: Path
) -> None:
    # "asked" marks the question inside the sentence; without it the story dilutes it
    question = "my friend asked me when ms-23 landed"
    answer = engine.ask(question)
    assert (answer.status, answer.intent) == ("answered", "landing")
    intents = knowledge_copy / "intents.yaml"
    text = intents.read_text(encoding="utf-8")
    intents.write_text(text.replace("    asked, asks,", "    asks,"), "utf-8")
    assert Engine(load_factbase(knowledge_copy)).ask(question).status == "unknown"


def test_an_unpunctuated_question_tag_asks_whether_the_claim_holds(engine: Engine) -> None:
    answer = engine.ask("ms-23 launched from cape canaveral didnt it")
    assert answer.status == "answered" and answer.text.startswith("No: ")
    assert "Baikonur" in answer.text
    # "was it" closes no claim unpunctuated: "when was it" asks
    assert not engine.ask("ms-23 docked when was it").text.startswith(("Yes", "No"))


@pytest.mark.parametrize(
    "question",
    ["tl;dr what was soyuz ms-23 for", "tl;dr: who flew home on ms-23"],
)
def test_words_that_only_ask_again_are_not_read(engine: Engine, question: str) -> None:
    context = Context("soyuz-ms-23", "crew", entity="ms-22-crew")
    assert engine.ask(question, context).status == "answered"


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("the leak was on 14 december right", "Yes: "),
        ("crew dragon was designed for 4 people right", "No: "),
        ("ms-23 landed in russia proper right", "No: "),
        ("ms-23 docked with tiangong right?", "Soyuz MS-23 arrived at the International"),
        # a year claimed is checked like a day
        ("ms22 launched in 2023 right?", "No: "),
        ("ms-22 launched in 2022, right?", "Yes: "),
        ("did ms-23 land in 2024?", "No: "),
    ],
)
def test_a_bare_tag_closes_a_claim_without_a_question_mark(
    engine: Engine, question: str, verdict: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and answer.text.startswith(verdict)
    # a direction is no tag: "on the far right" of the crew photo
    context = engine.ask("who is in the ms-23 crew photo")
    far = engine.ask("and who is on the far right", Context().after(context))
    assert far.intent == "crew_photo"


def test_a_claimed_value_the_people_on_board_do_not_settle_is_not_given(engine: Engine) -> None:
    answer = engine.ask("ms-23 flew to mir right?")
    assert answer.status == "unknown"
    assert answer.text.startswith('My sources don\'t give that ("mir"). What they say:')


def test_a_question_asked_of_someone_inside_a_sentence_is_found(engine: Engine) -> None:
    answer = engine.ask("my dad asked us where ms-23 came down")
    assert (answer.status, answer.intent) == ("answered", "landing_site")


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("My notes have MS-23's catalog number as 55698. Correct?", "satcat"),
        ("The seat liner went into Dragon Endeavour, right?", "seat_liners"),
        # a word that closes a claim only when set apart from it
        ("list the crew photo names from left to right", "crew_photo"),
        # ...but a negated auxiliary's tag closes a claim unpunctuated
        ("it went up on a soyuz 2.1b didn't it", "rocket"),
    ],
)
def test_a_claim_closed_by_a_tag_is_read_without_it(
    engine: Engine, question: str, intent: str
) -> None:
    answer = engine.ask(question)
    assert (answer.status, answer.intent) == ("answered", intent)


def test_a_clause_asking_after_a_preposition_is_the_question(engine: Engine) -> None:
    answer = engine.ask("For a piece I'm fact-checking: on what date did Soyuz MS-23 land?")
    assert (answer.status, answer.intent) == ("answered", "landing")
    # ...but "from when to when" asks nothing on its own words
    answer = engine.ask(
        "so rubio had his seat in the spacex capsule for a while, from when to when?"
    )
    assert answer.intent != "landing"


def test_a_statement_that_dates_one_event_counts_for_days_between(engine: Engine) -> None:
    context = Context()
    for question in (
        "when were prokopyev's and petelin's seat liners moved into ms-23?",
        "and when did ms-23 get to the station?",
    ):
        context = context.after(engine.ask(question, context))
    answer = engine.ask("how many days apart is that", context)
    assert answer.status == "answered" and answer.value is not None and answer.value.value == 4


def test_the_country_of_a_place_the_source_does_not_place_is_not_given(engine: Engine) -> None:
    """The source says MS-23 launched from Baikonur, never in which country that is."""
    assert engine.ask("what country is baikonur in").status != "answered"
    landed = engine.ask("what country did ms-23 land in")
    assert landed.status == "answered" and "Kazakhstan" in landed.text


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("what was the radiator made of", "made of"),
        ("who makes the seat liners", "makes"),
        ("What is the weight of the Soyuz MS-23 spaceship?", "weight"),
        ("what was ms-23's touchdown speed", "speed"),
        ("did nasa pay roscosmos anything for the replacement soyuz", "pay"),
        ("what food was in ms-23's cargo?", "food"),
        ("what were the exact landing coordinates of ms-23", "coordinates"),
        ("what was the weather at the landing site when ms-23 came down", "weather"),
        ("who was rubio's backup astronaut", "backup astronaut"),
        ("who was the iss commander when ms-23 arrived", "commander"),
        ("who decided to launch ms-23 without a crew", "decided"),
        ("who was the flight director in mission control for the ms-23 landing", "flight director"),
        ("what did ms-22 carry back to earth", "carry back"),
        ("when did rubio prokopyev and petelin start training", "training"),
        ("what was the serial number of the soyuz 2.1a booster", "serial number"),
        ("where's rubio from originally", "from originally"),
        ("what does MS stand for in soyuz ms", "stand for"),
        ("when were the ms-22 crew originally supposed to come home", "supposed to"),
        ("who took the crew photo", "took the crew photo"),
        ("what specific equipment was packed inside ms-23's cargo?", "specific equipment"),
    ],
)
def test_a_property_the_statement_does_not_tell_is_not_given(
    engine: Engine, question: str, named: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "unknown" and answer.citations
    assert answer.text.startswith(f'My sources don\'t give that ("{named}"). What they say:')


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("rubio is from roscosmos isnt he", "NASA astronaut"),  # agency, not operator
        ("who was launched on ms-22 with rubio", "Sergey Prokopyev"),
        ("crew dragon was designed for 4 ppl originally right?", "seven"),
    ],
)
def test_a_topic_nothing_of_its_kind_has_gives_way_to_one_it_has(
    engine: Engine, question: str, says: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and says in answer.text


def test_a_topic_no_one_has_is_still_not_given(engine: Engine) -> None:
    # "quotes" is no one's: the landing, a topic people have, does not answer it
    answer = engine.ask("what did petelin say after landing")
    assert answer.status != "answered"


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("who makes the spacecraft", ["Energia"]),  # the topic's own words: "built by"
        ("quick q - who operated ms-23 and who manufactured it?", ["Roscosmos", "Energia"]),
        ("who decided to move rubio's seat liner", ["mission management team"]),
        ("who ran mission control for ms-23", ["Roscosmos"]),
    ],
)
def test_a_property_the_topic_is_about_is_answered(
    engine: Engine, question: str, says: list[str]
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and all(word in answer.text for word in says)


@pytest.mark.parametrize(
    "question",
    ["What is happen on 14 December with the Soyuz?", "what went down on december 14th"],
)
def test_a_day_with_no_happening_named_asks_what_happened_then(
    engine: Engine, question: str
) -> None:
    answer = engine.ask(question)
    assert (answer.status, answer.intent) == ("answered", "on_date")
    assert "coolant leak" in answer.text


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("why crew dragon tho", "seven"),  # the name alone, and "why"
        ("why did they send ms-23 up empty??", "replacement"),
        ("For what reason they moved seat of Rubio to Dragon?", "lifeboat"),
    ],
)
def test_a_why_between_close_readings_takes_the_one_that_gives_a_reason(
    engine: Engine, question: str, says: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and says in answer.text


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("what year did ms-23 get to the station", "26 February"),
        ("soooo the leak on ms22 was when exactly lol", "14 December"),
        ("ms-23 went up on feb 25 right?", "24 February"),  # a date given, to be checked
    ],
)
def test_the_date_of_the_one_happening_named_is_answered(
    engine: Engine, question: str, day: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and day in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Where did the uncrewed Soyuz MS-22 land on 28 March 2023?",  # a place asked
        "who was the captain of ms-23 when it came back",
        "when should the flight land",  # nothing of the document named
    ],
)
def test_a_date_in_a_question_that_asks_something_else_is_not_its_answer(
    engine: Engine, question: str
) -> None:
    assert engine.ask(question).intent != "when"


@pytest.mark.parametrize(
    ("question", "intent", "told"),
    [
        ("MS-23 was in a geostationary orbit, wasn't it?", "orbit", "low Earth orbit"),
        ("was ms-23 in a geostationary orbit?", "orbit", "low Earth orbit"),
        ("did ms-23 splash down in the ocean?", "landing_site", "Kazakh Steppe"),
    ],
)
def test_a_claimed_value_the_source_never_uses_does_not_hide_what_is_claimed(
    engine: Engine, question: str, intent: str, told: str
) -> None:
    answer = engine.ask(question)
    assert (answer.status, answer.intent) == ("answered", intent)
    assert told in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "is the iss visible tonight from london",
        "did ms-23 bring up fresh food",
        "is insomnia curable",  # names nothing of the document
        "is flight dl123 delayed",
    ],
)
def test_a_yes_or_no_with_several_unknown_words_is_not_read_without_them(
    engine: Engine, question: str
) -> None:
    """One unknown word may be a value claimed; several ask about something else."""
    assert engine.ask(question).status != "answered"


def test_a_closing_request_points_back_to_the_sentence_before_it(engine: Engine) -> None:
    question = (
        "My kid is doing a school project on rockets. "
        "She keeps asking me which rocket launched ms-23. Do you know?"
    )
    answer = engine.ask(question)
    assert "Soyuz 2.1a" in answer.text or "What rocket launched Soyuz MS-23?" in (
        answer.suggestions
    )


@pytest.mark.parametrize("question", ["help", "thanks for the help", "thanks, that's helpful"])
def test_help_alone_names_no_topic(engine: Engine, question: str) -> None:
    assert engine.ask(question).status == "unknown"


def test_the_heat_load_statement_is_about_ms_22_too(engine: Engine) -> None:
    answer = engine.ask("what does the seat liner move do to the heat load in ms-22")
    assert (answer.status, answer.mission) == ("answered", "soyuz-ms-22")
    assert "heat load" in answer.text


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("who designed crew dragon", "SpaceX designed the Crew Dragon"),
        ("what's the link between soyuz 34 and ms-23", "Soyuz 34"),
        ("is swapping seat liners between spacecraft something new?", "first time"),
        ("which iss team made the seat decision", "mission management team"),
        ("which one is the american", "Francisco Rubio is a NASA astronaut"),
    ],
)
def test_phrasings_from_the_development_misses(engine: Engine, question: str, says: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and says in answer.text


def test_the_craft_a_person_landed_in_is_not_the_person(engine: Engine) -> None:
    *_, flight = ask_all(
        engine,
        "who's francisco rubio",
        "when did he land",
        "and the spacecraft he landed in, how long was its flight",
    )
    assert flight.mission == "soyuz-ms-23" and "215 days" in flight.text


def test_a_person_answer_is_about_the_mission_the_question_names(engine: Engine) -> None:
    answer = engine.ask("who was the nasa astronaut on ms-22")
    assert (answer.status, answer.mission) == ("answered", "soyuz-ms-22")
    assert answer.entity is not None and answer.entity.id == "francisco-rubio"


def test_an_aside_after_the_question_is_read_apart(engine: Engine) -> None:
    answer = engine.ask("ok so when did that coolant leak happen then? I bet it was in November")
    assert answer.status == "answered" and "14 December 2022" in answer.text


def test_a_name_that_only_dates_the_question_still_anchors_it(engine: Engine) -> None:
    answer = engine.ask("what was the plan if something went wrong before ms23 showed up")
    assert answer.status == "answered" and "Crew-5" in answer.text


def test_the_other_one_with_nothing_else_named_is_not_the_same_one(engine: Engine) -> None:
    *_, other = ask_all(engine, "which one was like ms-22", "and the other one?")
    assert other.status != "answered" or other.mission != "soyuz-ms-22"


def test_a_full_day_in_a_short_follow_up_asks_what_happened_then(engine: Engine) -> None:
    *_, day = ask_all(engine, "what happened on 6 march 2023", "and on the 2nd of march?")
    assert (day.status, day.intent) == ("answered", "on_date")
    assert "Prokopyev and Dmitry Petelin" in day.text


@pytest.mark.parametrize(
    ("question", "days"),
    [
        ("between the ms-23 launch and the old capsule coming home, how many days", "32 days"),
        (
            "Their favorite story is the Soyuz that sprang a leak and the one that got sent "
            "to rescue the crew. How many days went by between the leak and the rescue ship "
            "launching?",
            "72 days",
        ),
    ],
)
def test_days_between_the_two_events_the_question_names(
    engine: Engine, question: str, days: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and answer.text.startswith(days)


def test_a_comparison_gets_both_facts(engine: Engine) -> None:
    answer = engine.ask("ms-23 manufacturer vs launch contractor?")
    assert answer.status == "answered"
    assert "Energia" in answer.text and "RKTs Progress" in answer.text


def test_the_dragon_capsule_has_a_name(engine: Engine) -> None:
    answer = engine.ask("what is the full name of the dragon capsule")
    assert answer.status == "answered" and "Endurance" in answer.text
    # asked loosely, it is named by its overview, not answered with its maker
    loose = engine.ask("wat is the name of the dragon capsule 🐉")
    assert loose.intent == "overview" and loose.text.startswith("Crew Dragon Endurance was")


@pytest.mark.parametrize(
    ("questions", "says"),
    [
        pytest.param(
            (
                "on what date did Soyuz MS-23 land?",
                "And the landing site?",
                "How many days after its launch was that?",
            ),
            "215 days",
            id="a dated answer is remembered across an undated one",
        ),
        pytest.param(
            (
                "Who is Francisco Rubio in this story?",
                "When he launched to the space?",
                "And how many days he was in space until he come back to Earth?",
            ),
            "371 days",
            id="how many days between close readings is the amount",
        ),
        pytest.param(
            ("which spacex mission was a lifeboat option for the ms-22 crew", "why them"),
            "seven",
            id="a bare why asks the reason of what was just said",
        ),
        pytest.param(
            ("when was the coolant leak", "what year was that"),
            "2022",
            id="what year was that dates the last happening",
        ),
        pytest.param(
            ("who landed in ms-23", "where"),
            "Kazakh",
            id="a terse follow-up keeps the happening the question named: where",
        ),
        pytest.param(
            ("who landed in ms-23", "what time"),
            "11:17",
            id="a terse follow-up keeps the happening the question named: what time",
        ),
        pytest.param(
            ("what's in the crew photo", "who's in the middle"), "Prokopyev", id="the middle"
        ),
        pytest.param(
            ("what's in the crew photo", "who's on the far left"), "Rubio", id="the far left"
        ),
        pytest.param(
            ("what did the iss mission management team decide", "why"),
            "emergency",
            id="why after the decision",
        ),
        pytest.param(
            ("who was on ms-22", "how many ppl is that", "name them"),
            "Rubio",
            id="name them after a count",
        ),
        pytest.param(
            ("how big was the hole in the radiator of ms-22?", "And what made this hole?"),
            "meteoroid",
            id="what made the hole",
        ),
        pytest.param(
            ("who decided to move rubio's seat liner to the dragon", "when did that happen"),
            "17 January 2023",
            id="when did that happen dates the happening the last question named",
        ),
    ],
)
def test_follow_ups_in_a_conversation(
    engine: Engine, questions: tuple[str, ...], says: str
) -> None:
    *_, answer = ask_all(engine, *questions)
    assert answer.status == "answered" and says in answer.text


def test_a_vehicle_named_is_not_answered_with_its_missions_fact(engine: Engine) -> None:
    """The rocket's serial number is not the one of MS-23's spacecraft."""
    answer = engine.ask("serial number of the soyuz 2.1a rocket used for ms-23?")
    assert answer.status == "unknown" and "No.754" not in answer.text, answer.text
    assert answer.entity is not None and answer.entity.id == "soyuz-2-1a"


@pytest.mark.parametrize(
    "question",
    [
        "how many hours did ms-23 take to dock after launch? exact number pls",
        "what time did ms-23 reach orbit after launch",
    ],
)
def test_the_time_between_happenings_is_given_in_days_only(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "unknown" and "only the days: 2 days" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "about"),
    [("what mission comes after ms-24?", "soyuz-ms-24"), ("what was before ms-22", "soyuz-ms-22")],
)
def test_the_mission_next_to_one_is_not_the_one_next_to_the_default(
    engine: Engine, question: str, about: str
) -> None:
    # MS-23's next mission is MS-24: that says nothing of the one after MS-24
    answer = engine.ask(question)
    assert (answer.status, answer.mission) == ("unknown", about)
    # ...while a claim that names both is checked
    claim = engine.ask("The Soyuz that came after MS-23 was MS-24, right?")
    assert claim.status == "answered" and claim.text.startswith("Yes")


@pytest.mark.parametrize(
    "question",
    [
        "besides crew-5, what other options were considered for the ms-22 crew?",
        "did the leak damage anything else on ms-22 besides the radiator",
    ],
)
def test_what_the_question_sets_aside_does_not_answer_it(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "unknown" and answer.citations
    assert answer.text.startswith("My sources don't give anything besides that. What they say:")


def test_a_name_set_aside_leaves_the_question_about_the_others(engine: Engine) -> None:
    answer = engine.ask("apart from rubio, who else was on ms-22")
    assert (answer.status, answer.mission, answer.intent) == ("answered", "soyuz-ms-22", "crew")
    # what is set aside need not be what the statement tells
    answer = engine.ask("other than the date, where else did ms-23 land")
    assert (answer.status, answer.intent) == ("answered", "landing_site")


@pytest.mark.parametrize("question", ["what's a seat liner anyway", "what is a micrometeoroid"])
def test_what_a_word_means_is_not_given(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "unknown" and answer.citations
    assert answer.text.startswith("My sources don't give what that word means. What they say:")
    # naming a thing, it asks about that thing
    assert engine.ask("what is a soyuz ms-23").status == "answered"


@pytest.mark.parametrize(
    "question",
    ["when was the crewed ms-23 supposed to launch", "crewed ms-23 was supposed to launch when"],
)
def test_a_date_asked_of_a_statement_without_one_is_not_given(
    engine: Engine, question: str
) -> None:
    # a closing "when" asks for a date too
    answer = engine.ask(question)
    assert answer.status == "unknown" and answer.citations
    assert answer.text.startswith("My sources don't give a date for that. What they say:")


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("how many orbits did ms-23 do in total", "orbits"),
        ("how many times has prokopyev been to space", "times"),
    ],
)
def test_a_count_of_what_a_number_does_not_count_is_not_given(
    engine: Engine, question: str, counted: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "unknown" and answer.citations
    assert answer.text.startswith(f'My sources don\'t give that ("{counted}"). What they say:')
    # a count of days may be asked in months; people as "ppl"
    assert engine.ask("how many months was the crew up").status == "answered"
    assert engine.ask("how many ppl was crew dragon originally designed for").status == "answered"


def test_a_time_asked_of_a_statement_without_one_is_not_given(engine: Engine) -> None:
    answer = engine.ask("what time did ms-23 reach orbit")
    assert answer.status == "unknown"
    assert answer.text.startswith("My sources don't give a time for that. What they say:")
    # ...while "the first time" asks no time of day
    first = engine.ask("was this the first time a seat liner went from soyuz to crew dragon?")
    assert first.status == "answered"


@pytest.mark.parametrize(
    "question",
    ["who was the original crew of ms-23", "who was supposed to fly on ms-23 originally"],
)
def test_who_was_to_fly_originally_is_not_given(engine: Engine, question: str) -> None:
    """The source says the crewed flight went to MS-24, not who was on it: that is no
    answer to "who" (the bot may ask which was meant, or say it is not given)."""
    answer = engine.ask(question)
    assert answer.status != "answered", answer.text


@pytest.mark.parametrize(
    ("question", "facet"),
    [
        ("was moving a seat liner from soyuz to dragon a first", "precedent"),
        ("what was new about the seat liner swap", "precedent"),
        ("what did moving rubios liner out do for the two cosmonauts in ms-22", "outcome"),
    ],
)
def test_a_facet_cued_is_asked_of_what_is_named(engine: Engine, question: str, facet: str) -> None:
    """The liner move is named; whether it was a first, or what it changed, is asked."""
    answer = engine.ask(question)
    assert (answer.status, answer.intent) == ("answered", facet), answer.text


def test_an_undocking_asked_before_a_landing_is_not_the_landing(engine: Engine) -> None:
    answer = engine.ask("when did ms-23 undock from the iss before landing")
    assert (answer.status, answer.intent) == ("unknown", "undocking"), answer.text


def test_a_request_to_tell_is_no_yes_or_no_question(engine: Engine) -> None:
    """"Can you tell me..." asks what, not whether; "do you know if..." asks whether."""
    answer = engine.ask("Can you tell me the exact launch pad at Baikonur for MS-23?")
    assert answer.status == "answered" and not answer.text.startswith("Yes"), answer.text
    answer = engine.ask("do you know if ms-23 launched from baikonur")
    assert answer.text.startswith("Yes: Soyuz MS-23 launched from Baikonur"), answer.text


def test_a_topic_and_when_is_dated_by_the_topics_own_happening(engine: Engine) -> None:
    """"where from" names no happening; the launch site's "when" is the launch."""
    answer = engine.ask("soyuz ms-23 where from and when")
    assert answer.text == (
        "Soyuz MS-23 launched from Baikonur, Site 31/6. "
        "Soyuz MS-23 launched on 24 February 2023 at 00:24 UTC."
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("when did ms-22 launch... wait no sorry, ms-23* launch", ("soyuz-ms-23", "launch")),
        ("when did ms-22 land, no wait, ms-23", ("soyuz-ms-23", "landing")),
    ],
)
def test_a_name_the_asker_takes_back_is_left_out(
    engine: Engine, question: str, expected: tuple[str, str]
) -> None:
    answer = engine.ask(question)
    assert (answer.mission, answer.intent) == expected, answer.text
