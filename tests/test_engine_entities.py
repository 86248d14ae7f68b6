"""People, craft, organisations and the crew: each answered from its own facts, never
from a mission's fact that merely shares the topic word."""

from __future__ import annotations

import pytest

from bot.engine import Context, Engine


def ask_all(engine: Engine, *questions: str) -> list:
    context, answers = Context(), []
    for question in questions:
        answer = engine.ask(question, context)
        context = context.after(answer)
        answers.append(answer)
    return answers


# ------------------------------------------------ the four wrong answers of issue 11


def test_a_persons_time_in_space_is_not_the_spacecrafts_flight(engine: Engine) -> None:
    answer = engine.ask("how long was rubio in space on this trip?")
    assert answer.status == "answered"
    assert "371 days" in answer.text and "215" not in answer.text
    assert answer.entity is not None and answer.entity.id == "francisco-rubio"
    sections = {c.section for c in answer.citations}
    assert {"Lead", "Infobox: Landing Date"} <= sections  # both ends of the span


def test_a_topic_the_conversations_mission_lacks_is_not_borrowed(engine: Engine) -> None:
    _, launch = ask_all(engine, "tell me about soyuz ms-24", "when did that one launch?")
    assert (launch.status, launch.mission) == ("unknown", "soyuz-ms-24")
    assert "don't give" in launch.text and "24 February" not in launch.text


def test_how_many_after_a_crew_answer_counts_the_crew(engine: Engine) -> None:
    _, count = ask_all(engine, "who flew home on ms-23", "how many ppl is that")
    assert count.status == "answered"
    assert count.text.startswith("That is 3 people")
    assert "215" not in count.text


@pytest.mark.parametrize(
    "question",
    ["how many cosmonauts were in the crew", "how many of the crew were cosmonauts"],
)
def test_a_count_of_part_of_a_crew_counts_that_part(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and answer.text.startswith("2 people"), answer.text


def test_both_kinds_of_crew_member_are_the_whole_crew(engine: Engine) -> None:
    answer = engine.ask("how many astronauts and cosmonauts were there")
    assert answer.text.startswith("3 people"), answer.text


@pytest.mark.parametrize(
    ("question", "precedent"),
    [
        ("and ms-22 came back empty like which one", "Soyuz 32"),
        ("and the uncrewed return of MS-22, what was that likened to?", "Soyuz 32"),
    ],
)
def test_like_which_one_asks_for_the_precedent(
    engine: Engine, question: str, precedent: str
) -> None:
    answer = engine.ask(question)
    assert answer.intent == "precedent" and precedent in answer.text, answer.text


def test_the_craft_a_person_came_down_in_is_their_landing(engine: Engine) -> None:
    answer = engine.ask("which spacecraft did petelin come down in")
    assert (answer.status, answer.intent, answer.mission) == ("answered", "landing", "soyuz-ms-23")


def test_how_many_aboard_at_launch_of_an_uncrewed_flight_is_no_one(engine: Engine) -> None:
    answer = engine.ask("how many ppl were on ms-23 when it launched")
    assert answer.status == "answered" and "uncrewed" in answer.text, answer.text
    assert not answer.text.startswith("3 people")


def test_that_one_after_a_precedent_is_the_earlier_flight(engine: Engine) -> None:
    *_, launch = ask_all(
        engine, "and ms-23 launched empty like which one?", "when did that one fly"
    )
    assert (launch.status, launch.mission) == ("unknown", "soyuz-34"), launch.text


def test_they_after_an_answer_giving_a_mission_are_its_crew(engine: Engine) -> None:
    """The answer names MS-24 and no one: "they" are MS-24's people, whom the source
    does not name, not the MS-22 crew."""
    _, crew = ask_all(
        engine,
        "what happened to the crewed flight that was originally meant to be ms-23",
        "who were they",
    )
    assert (crew.status, crew.mission) == ("unknown", "soyuz-ms-24"), crew.text


def test_a_statement_asked_as_a_question_is_checked_by_its_day(engine: Engine) -> None:
    wrong_day = engine.ask("ms-23 launched on 26 feb?")
    assert wrong_day.text.startswith("No: ") and "24 February 2023" in wrong_day.text
    assert engine.ask("ms-23 landed 27 sept 2023?").text.startswith("Yes: ")
    assert not engine.ask("ms-23 launch date?").text.startswith(("Yes", "No"))


def test_a_day_of_the_month_after_a_filler_is_that_day(engine: Engine) -> None:
    _, day, apart = ask_all(
        engine,
        "ms-23 launched on 26 feb?",
        "so what happened on the 26th",
        "how many days apart is that",
    )
    assert day.status == "answered" and "arrived" in day.text, day.text
    assert apart.value is not None and apart.value.value == 2, apart.text


def test_it_after_a_missions_plan_may_be_the_missions_own_craft(engine: Engine) -> None:
    """Crew-5 has no capacity of its own; "it" after its lifeboat plan is also its Dragon."""
    _, capacity = ask_all(
        engine, "what was crew-5's role in all this", "why could it take extra people"
    )
    assert capacity.status == "answered" and "seven" in capacity.text, capacity.text
    assert capacity.entity is not None and capacity.entity.id == "crew-dragon-endurance"


def test_what_a_craft_does_nowadays_is_not_what_it_was_designed_for(engine: Engine) -> None:
    answer = engine.ask("how many people does crew dragon actually fly with nowadays")
    assert answer.status != "answered", answer.text


def test_struck_through_text_is_retracted(engine: Engine) -> None:
    answer = engine.ask("~~ms-22~~ ms-23 when did it launch")
    assert (answer.status, answer.mission, answer.intent) == ("answered", "soyuz-ms-23", "launch")
    assert "24 February 2023" in answer.text


# ------------------------------------------------ who people are, and what they did


@pytest.mark.parametrize(
    ("question", "entity", "expected"),
    [
        ("Who is Francisco Rubio?", "francisco-rubio", "NASA astronaut"),
        ("who's sergey prokopyev", "sergey-prokopyev", "Roscosmos cosmonaut"),
        ("who is prokopiev", "sergey-prokopyev", "Roscosmos cosmonaut"),  # typo
        ("what agency does dmitry petelin work for", "dmitry-petelin", "Roscosmos"),
        ("which crew member was from nasa", "nasa", "Francisco Rubio"),
        ("When did Petelin launch into space?", "dmitry-petelin", "21 September 2022"),
        ("when did rubio come back to earth", "francisco-rubio", "27 September 2023"),
        ("what's petelin's first name", "dmitry-petelin", "Dmitry"),
        ("what's dmitry's last name", "dmitry-petelin", "Petelin"),
        ("sergey who? the cosmonaut in this article", "sergey-prokopyev", "Prokopyev"),
    ],
)
def test_people(engine: Engine, question: str, entity: str, expected: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered", answer.text
    assert answer.entity is not None and answer.entity.id == entity
    assert expected in answer.text
    assert answer.citations


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("which dragon capsule got rubio's soyuz seat liner", "Endurance"),
        ("who decided to move rubio's seat liner to endurance?", "mission management team"),
        ("why a crew dragon specifically", "crew of seven"),
        (
            "how did moving rubio's seat liner out of ms-22 help prokopyev and petelin",
            "heat load",
        ),
        (
            "had a soyuz seat liner ever been moved into a crew dragon before this?",
            "first time",
        ),
        ("what day did the replacement soyuz reach the space station?", "26 February"),
        ("what is the soyuz 2.1a", "Soyuz 2.1a rocket launched Soyuz MS-23"),
        ("what was crew-6's role", "emergency evacuation vehicle after Crew-5"),
        ("how long was ms-22 up there", "188 days"),
    ],
)
def test_relations_and_reasons(engine: Engine, question: str, expected: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered", answer.text
    assert expected in answer.text


def test_a_person_is_never_answered_with_a_mission_fact(engine: Engine) -> None:
    answer = engine.ask("what rocket did rubio fly on")
    assert answer.entity is not None and answer.entity.id == "francisco-rubio"
    assert "Soyuz 2.1a" not in answer.text  # MS-23's rocket; the source gives none for MS-22


def test_an_organisation_named_in_passing_does_not_capture_the_question(engine: Engine) -> None:
    answer = engine.ask("why did roscosmos send up another soyuz")
    assert (answer.status, answer.mission, answer.intent) == ("answered", "soyuz-ms-23", "purpose")


@pytest.mark.parametrize(
    "question",
    [
        "who was the commander of ms-23",
        "when did ms-23 undock",
        "what time did ms-23 dock",
        "who was the director of nasa",
        "who were the cosmonauts originally assigned to ms-23?",
        "when was ms-23 originally scheduled to launch with a crew",
        "how long did the ms-23 reentry and descent take?",
    ],
)
def test_what_the_source_never_says_is_not_given(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "unknown"
    assert "don't give" in answer.text


def test_json_names_the_entity_an_answer_is_about(engine: Engine) -> None:
    data = engine.ask("when did petelin launch").as_dict()
    assert data["entity"] == {"id": "dmitry-petelin", "kind": "person", "name": "Dmitry Petelin"}
    assert data["mission"] == "soyuz-ms-22"  # the mission that fact belongs to
    assert engine.ask("when did ms-23 land").as_dict()["entity"]["kind"] == "mission"
    assert engine.ask("what is the capital of france").as_dict()["entity"] is None


# ------------------------------------------------ follow-ups that point back


def test_that_one_is_the_mission_the_answer_named(engine: Engine) -> None:
    before, after, launch = ask_all(
        engine, "what came before ms-23", "and after?", "when did that one launch?"
    )
    assert before.intent == "previous_mission" and "Soyuz MS-22" in before.text
    assert after.intent == "next_mission" and "Soyuz MS-24" in after.text
    assert (launch.status, launch.mission, launch.intent) == ("unknown", "soyuz-ms-24", "launch")


def test_he_is_the_last_person_named(engine: Engine) -> None:
    _, launch, liner, when = ask_all(
        engine, "who is rubio", "when did he launch", "what about his seat liner", "when was that"
    )
    assert launch.entity.id == "francisco-rubio" and "21 September 2022" in launch.text
    assert liner.intent == "seat_liners" and "Endurance" in liner.text
    assert when.status == "answered"


@pytest.mark.parametrize(
    ("first", "follow_up", "intent", "expected"),
    [
        ("when did ms-23 launch", "where", "launch_site", "Baikonur"),
        ("where did ms-23 land", "what time tho", "landing", "11:17 UTC"),
        ("what damaged ms-22", "when did that happen", "when", "14 December 2022"),
    ],
)
def test_terse_follow_ups_keep_the_entity_and_change_the_topic(
    engine: Engine, first: str, follow_up: str, intent: str, expected: str
) -> None:
    _, answer = ask_all(engine, first, follow_up)
    assert (answer.status, answer.intent) == ("answered", intent)
    assert expected in answer.text


def test_a_pointing_word_with_nothing_to_point_at_is_not_a_follow_up(engine: Engine) -> None:
    assert engine.ask("when did it").status == "unknown"
    assert engine.ask("what about him").status == "unknown"


# ------------------------------------------------ how people actually ask


def test_a_rambling_message_is_read_by_its_question(engine: Engine) -> None:
    answer = engine.ask(
        "Long story short, I'm making a timeline poster. What happened on 17 January 2023?"
    )
    assert answer.status == "answered" and "Dragon Endurance" in answer.text


def test_a_story_about_something_else_keeps_its_words(engine: Engine) -> None:
    answer = engine.ask(
        "My car's temperature gauge keeps going up and there's green fluid underneath. "
        "How do I fix a coolant leak?"
    )
    assert answer.status == "unknown"


def test_two_topics_joined_by_and_are_both_answered(engine: Engine) -> None:
    answer = engine.ask("When and where did Soyuz MS-23 land?")
    assert answer.status == "answered"
    assert "27 September 2023" in answer.text and "Kazakh Steppe" in answer.text
    assert {c.section for c in answer.citations} >= {
        "Infobox: Landing Date",
        "Infobox: Landing Site",
    }


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        (
            "Before I forget — what's the COSPAR designation for MS-23, and its SATCAT number?",
            ("2023-024A", "55688"),
        ),
        ("soyuz ms-23 launch site + rocket?", ("Baikonur", "Soyuz 2.1a")),
        (
            "My dad was an engineer and always wonders who actually builds these things. "
            "Who manufactured MS-23 and who was the launch contractor?",
            ("Energia", "RKTs Progress"),
        ),
        ("where did ms-23 land and when", ("Kazakh Steppe", "27 September 2023")),
    ],
)
def test_two_questions_in_one_are_each_answered(
    engine: Engine, question: str, wanted: tuple[str, str]
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered", answer.text
    assert all(w in answer.text for w in wanted), answer.text


@pytest.mark.parametrize(
    ("question", "unwanted"),
    [
        ("and when did it land?", "Kazakh Steppe"),  # one topic asked: one answer
        ("What was the launch date and time of Soyuz MS-23?", "27 September"),
        ("landing date ms-23 + time pls", "24 February"),
    ],
)
def test_one_question_with_and_gets_one_answer(
    engine: Engine, question: str, unwanted: str
) -> None:
    answer = engine.ask(question, Context(mission="soyuz-ms-23", intent="launch"))
    assert answer.status == "answered", answer.text
    assert unwanted not in answer.text


def test_the_asking_clause_of_a_long_sentence_is_the_question(engine: Engine) -> None:
    answer = engine.ask(
        "my teacher said soyuz capsules always land in the ocean, where did ms-23 actually "
        "come down"
    )
    assert answer.status == "answered" and "Kazakh Steppe" in answer.text


def test_a_clause_that_points_back_keeps_the_sentence(engine: Engine) -> None:
    answer = engine.ask(
        "I'm kind of confused about the numbering. The crewed flight that was supposed to be "
        "MS-23 — what happened to it?"
    )
    assert answer.status == "answered" and "MS-24" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how long was the crew in space", "371 days"),
        # the crew called what people call three men, not their spacecraft's 188 days
        ("total days in space for the three guys who launched on ms-22?", "371 days"),
        ("names of the three guys who landed on ms 23?", "Francisco Rubio"),
        ("when did the cosmonauts' seat liners move", "2 March 2023"),
        ("how many people was the crew dragon designed for", "crew of seven"),
        ("what replaced ms-22", "Soyuz MS-23 replaced the damaged Soyuz MS-22"),
    ],
)
def test_groups_craft_and_relations(engine: Engine, question: str, expected: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered", answer.text
    assert expected in answer.text


@pytest.mark.parametrize(
    "question",
    ["how old is rubio", "what did petelin say about it", "who designed the ms-23 patch"],
)
def test_topics_the_source_never_covers_are_not_given(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "unknown", answer.text
    assert "don't give" in answer.text


def test_the_crew_names_its_group_only_for_what_the_group_holds(engine: Engine) -> None:
    photo = engine.ask("is there a pic of the crew")
    assert (photo.status, photo.intent, photo.mission) == ("answered", "crew_photo", "soyuz-ms-23")
    assert engine.ask("who was on the crew-5 crew").status == "unknown"


def test_coming_back_crewed_is_not_launching_crewed(engine: Engine) -> None:
    back = engine.ask("did ms-22 come back with people or without?")
    assert (back.status, back.intent) == ("answered", "crewed_return")
    assert back.text.startswith("Soyuz MS-22 returned to Earth uncrewed")  # no yes-or-no


def test_one_topic_for_each_of_two_named_missions(engine: Engine) -> None:
    answer = engine.ask("how long did ms-22 fly, and how long did ms-23?")
    assert "188 days" in answer.text and "215 days" in answer.text


def test_on_which_day_asks_for_one_of_several_dated_moves(engine: Engine) -> None:
    answer = engine.ask("on which day did they move rubio's seat liner to endurance?")
    assert "17 January 2023" in answer.text and "6 March" not in answer.text


def test_a_name_that_only_dates_the_question_does_not_bind(engine: Engine) -> None:
    """The plan was MS-22's crew's, not the replacement's: "before the replacement
    arrived" only says when."""
    answer = engine.ask(
        "what was the emergency plan if they needed to evacuate before the replacement arrived"
    )
    assert answer.status == "answered" and "Crew-5" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "how much coolant leaked out of ms22",
        "how far from the planned spot did ms-23 land",
        "how fast was the micrometeoroid that hit ms-22",
        "how long did it take to move prokopyev's seat liner into ms-23",
    ],
)
def test_an_amount_no_fact_states_is_not_given(engine: Engine, question: str) -> None:
    """The damage fact tells of the leak, not how much leaked: the reply says the source
    gives no amount, and quotes what it does say."""
    answer = engine.ask(question)
    assert answer.status == "unknown" and "don't give that amount" in answer.text
    assert answer.citations


def test_how_long_a_happening_took_is_told_by_its_first_and_last_day(engine: Engine) -> None:
    """Rubio's liner move is dated 17 January with work through 18 January: that is
    how long it took, where the cosmonauts' one-day move gives no length."""
    answer = engine.ask("how long did the dragon seat install take")
    assert answer.status == "answered" and "18 January" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how long did ms-23 fly", "215 days"),
        ("how many crew did ms-22 launch with", "crew of three"),
        ("how many people was the crew dragon designed for", "seven"),
    ],
)
def test_an_amount_a_fact_states_is_answered(engine: Engine, question: str, expected: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and expected in answer.text, answer.text


def test_a_day_stands_for_the_one_event_of_that_day(engine: Engine) -> None:
    answer = engine.ask("days between 6 march and ms-22 return")
    assert answer.status == "answered" and answer.value is not None
    assert answer.value.value == 22
    assert any("6 March" in c.quote for c in answer.citations)


def test_a_craft_leaving_is_its_return(engine: Engine) -> None:
    answer = engine.ask("how long between ms-23 docking and ms-22 leaving")
    assert answer.value is not None and answer.value.value == 30, answer.text


def test_how_many_days_counts_between_the_last_two_dated_answers(engine: Engine) -> None:
    *_, days = ask_all(
        engine, "when did ms23 go up", "and when did it come down", "how many days is that"
    )
    assert days.status == "answered" and "215 days" in days.text
    *_, days = ask_all(
        engine, "when did rubio launch", "and when did he land", "how many days is that"
    )
    assert days.status == "answered" and "371 days" in days.text


def test_a_follow_up_is_read_after_the_conversations_topic(engine: Engine) -> None:
    """After its homecoming, "was anyone on it" asks who came back on MS-22, not who
    launched on it."""
    _, crewed = ask_all(engine, "when did ms-22 come back", "was anyone on it")
    assert crewed.status == "answered" and "uncrewed" in crewed.text, crewed.text
    assert crewed.intent == "crewed_return"
    _, launch = ask_all(engine, "when did ms-22 launch", "was anyone on it")
    assert launch.intent == "crewed_launch"


@pytest.mark.parametrize(
    "question",
    [
        "was the seat liner swap a first?",
        "was the Soyuz-to-Dragon seat liner swap a first?",
        "had seat liners been swapped between two soyuz before?",
        "was moving a seat liner something new",
    ],
)
def test_a_facet_of_a_named_topic_is_what_is_asked(engine: Engine, question: str) -> None:
    """The seat liners are named, but whether the swap was a first is asked; and it is the
    swap's precedent, not MS-23's (Soyuz 34)."""
    answer = engine.ask(question)
    assert answer.status == "answered" and "first time" in answer.text, answer.text
    assert "Soyuz 34" not in answer.text


def test_a_terse_follow_up_is_not_read_as_a_facet(engine: Engine) -> None:
    _, before = ask_all(engine, "what came after ms-23", "and before that?")
    assert "first time" not in before.text


def test_the_happening_a_question_names_sets_its_reading(engine: Engine) -> None:
    """'Aboard ... for landing' asks who came back on it, not who launched on it."""
    landing = engine.ask("how many people were aboard soyuz ms-23 for landing")
    assert landing.intent == "crewed_return" and "Rubio" in landing.text
    launch = engine.ask("was anyone aboard ms-23 when it launched")
    assert launch.intent == "crewed_launch" and "No one" in launch.text


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("is it true that crew dragon can hold 7 ppl?", "seven"),
        ("I read somewhere MS-23 went up in March 2023. Is that true?", "24 February 2023"),
        (
            "lol i always mix these up. ms-22 was the broken one and ms-23 was the "
            "replacement, or the other way round?",
            "Soyuz MS-22's radiator",
        ),
    ],
)
def test_a_claim_asked_about_is_read_without_the_asking(
    engine: Engine, question: str, told: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and told in answer.text, answer.text


def test_where_and_where_is_two_places_not_a_span_between_two_events(engine: Engine) -> None:
    answer = engine.ask(
        "My friend says Soyuz MS-23 was launched from Kazakhstan and landed in Russia. I think "
        "she's wrong about something. Where did it launch from and where did it land?"
    )
    assert "Baikonur" in answer.text and "Kazakh Steppe" in answer.text, answer.text
    assert "215 days" not in answer.text


def test_a_date_in_the_story_is_what_the_question_asks_about(engine: Engine) -> None:
    answer = engine.ask(
        "I scribbled 28 March 2023 in my notes and forgot why. What happened that day?"
    )
    assert answer.status == "answered" and "returned to Earth uncrewed" in answer.text
    other = engine.ask("I have a dentist appointment on 6 March. What happened to my calendar?")
    assert other.status == "unknown"


def test_his_and_their_pick_the_persons_move_of_several(engine: Engine) -> None:
    """Two seat liners went into MS-23: "his" and "their" say whose."""
    *_, his = ask_all(engine, "tell me about rubio", "when was his seat liner moved to ms23")
    assert "6 March" in his.text and "2 March" not in his.text, his.text
    *_, theirs = ask_all(
        engine, "who are prokopyev and petelin", "when were their seat liners moved to ms-23"
    )
    assert "2 March 2023" in theirs.text and "6 March" not in theirs.text, theirs.text


@pytest.mark.parametrize(
    "follow_up",
    [
        "when did it go into the new soyuz",
        "and when did it move to ms-23",
        "When was it moved back into a Soyuz?",
    ],
)
def test_it_after_a_persons_move_is_the_thing_moved(engine: Engine, follow_up: str) -> None:
    """After Rubio's seat liner went into Dragon Endurance, "it" is his seat liner, not the
    new Soyuz the question names (whose launch that would be)."""
    *_, moved = ask_all(
        engine, "who is francisco rubio", "what happened with his seat liner in january", follow_up
    )
    assert moved.status == "answered" and moved.intent == "seat_liners", moved.text
    assert "6 March" in moved.text and "launched" not in moved.text, moved.text
    *_, launch = ask_all(engine, "when did ms-22 launch", "when did it reach the station")
    assert "26 February" not in launch.text  # "it" is still MS-22 after an event of a craft


@pytest.mark.parametrize(
    ("question", "entity"),
    [
        ("which nasa astronaut was involved", "francisco-rubio"),
        ("who was the nasa guy on ms-22", "francisco-rubio"),
        ("the nasa guys name on ms22?", "francisco-rubio"),
        ("who were the roscosmos cosmonauts in this story", "ms-22-cosmonauts"),
        ("which two cosmonauts were stuck with the damaged soyuz?", "ms-22-cosmonauts"),
        # "who was the ..." asks who that is, whatever the clause after it says
        ("yo who was the nasa astronaut stuck with the ms-22 problem", "francisco-rubio"),
        # one of a crew, picked out of it by a description
        ("which of the ms-22 crew was the nasa guy", "francisco-rubio"),
        ("which one of the three is the nasa guy", "francisco-rubio"),
    ],
)
def test_someone_named_by_a_description_is_named(
    engine: Engine, question: str, entity: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and answer.entity is not None, answer.text
    assert answer.entity.id == entity
    assert ("Rubio" if entity == "francisco-rubio" else "Prokopyev") in answer.text


@pytest.mark.parametrize(
    "question",
    ["how many helicopters were at the ms-23 landing", "how many people watched the ms-23 launch?"],
)
def test_how_many_of_what_the_source_never_counts_is_not_the_crew(
    engine: Engine, question: str
) -> None:
    assert engine.ask(question).status != "answered"


def test_a_closing_clause_asking_only_the_time_is_of_the_topic_before(engine: Engine) -> None:
    answer = engine.ask("was ms-23 launched at night or what, what's the UTC time")
    assert answer.intent == "launch" and "00:24 UTC" in answer.text, answer.text


def test_a_persons_answer_in_a_conversation_is_about_its_mission(engine: Engine) -> None:
    *_, agency = ask_all(
        engine,
        "who flew home on ms-23?",
        "which of them was the american",
        "and who did he work for?",
    )
    assert (agency.mission, agency.entity.id if agency.entity else None) == (
        "soyuz-ms-23",
        "francisco-rubio",
    ), agency.text
    assert engine.ask("who did rubio work for").mission is None  # no mission in view


def test_two_amounts_compared_are_both_given(engine: Engine) -> None:
    same = engine.ask("was rubio's time in space the same as the ms-23 flight length?")
    assert same.text.startswith("No: Francisco Rubio"), same.text
    assert "371 days" in same.text and "215 days" in same.text
    _, against = ask_all(
        engine,
        "how many days was the ms-23 flight",
        "how does that compare to rubio's time in space",
    )
    assert "371 days" in against.text and "215 days" in against.text, against.text


@pytest.mark.parametrize("question", ["ms-23 = iss 69s?", "is 69s ms-23?"])
def test_two_names_of_one_mission_asked_together_are_confirmed(
    engine: Engine, question: str
) -> None:
    answer = engine.ask(question)
    assert answer.text == "Yes: Soyuz MS-23 is also known as ISS 69S.", answer.text


def test_which_of_two_named_is_the_one_that_holds_it(engine: Engine) -> None:
    answer = engine.ask("ms-22 vs ms-23: which one had the radiator hole")
    assert answer.mission == "soyuz-ms-22" and "radiator" in answer.text, answer.text


def test_a_description_asked_about_keeps_the_topic(engine: Engine) -> None:
    answer = engine.ask("when did the nasa guy land")
    assert answer.intent == "landing" and "27 September 2023" in answer.text


def test_and_his_after_a_move_is_his_move_of_the_same_mission(engine: Engine) -> None:
    _, his, apart = ask_all(
        engine,
        "prokopyev and petelin seat liners, when did they get moved to ms-23?",
        "and rubio's?",
        "how many days apart is that",
    )
    assert his.entity is not None and his.entity.id == "rubio-liner-to-ms-23", his.text
    assert "6 March" in his.text and "17 January" not in his.text
    assert apart.text.startswith("4 days passed between them"), apart.text


def test_a_day_claimed_for_a_persons_move_does_not_pick_anothers(engine: Engine) -> None:
    """The cosmonauts' liners moved on 2 March; Rubio's, asked about, on 6 March."""
    answer = engine.ask("Rubio's seat liner was moved to ms-23 on march 2?")
    assert answer.entity is not None and answer.entity.id == "rubio-liner-to-ms-23"
    assert "6 March" in answer.text and "Prokopyev" not in answer.text, answer.text


def test_a_why_follows_the_topics_reasons_on(engine: Engine) -> None:
    """Why it came back is why it came back uncrewed: the damage, not a yes-or-no."""
    answer = engine.ask("why was ms-22 brought back empty?")
    assert (answer.status, answer.intent) == ("answered", "damage"), answer.text
    assert "micrometeoroid" in answer.text


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("did ms-23 land on 28 march", "No: Soyuz MS-23 landed on 27 September 2023"),
        ("ms-23 launched in march right?", "No: Soyuz MS-23 launched on 24 February 2023"),
        ("MS-23 launched on 24 February 2023, correct?", "Yes: Soyuz MS-23 launched"),
        ("was the coolant leak on dec 15?", "No: Soyuz MS-22 had its coolant leak on 14 Dec"),
        ("did dmitry petelin land in ms-23", "Yes: Francisco Rubio, Sergey Prokopyev and Dm"),
        ("did the ms-22 crew launch on ms-23?", "No: Francisco Rubio, Sergey Prokopyev and D"),
        ("was petelin on ms-23 when it launched", "No: Francisco Rubio, Sergey Prokopyev and"),
        ("is 2023-024A the cospar id of ms-23?", "Yes: The COSPAR ID of Soyuz MS-23"),
        ("ms-23 cospar id is 2023-025A right?", "No: The COSPAR ID of Soyuz MS-23 is 2023-024A"),
        ("was ms-23 operated by nasa?", "No: Soyuz MS-23 was operated by Roscosmos"),
        ("did energia build ms-23?", "Yes: The Soyuz MS-23 spacecraft was built by Energia"),
        ("is it true that crew dragon can hold 7 ppl?", "Yes: SpaceX originally designed"),
        ("did ms-23 launch from vostochny?", "No: Soyuz MS-23 launched from Baikonur"),
        ("is ms-22 the one before ms-23", "Yes: The mission before Soyuz MS-23 was Soyuz MS-22"),
        ("was ms-24 the mission before ms-23?", "No: The mission before Soyuz MS-23 was Soyuz"),
        ("did prokopyev's seat liner go into the dragon too?", "No: The seat liners of Serg"),
        ("did ms-23 land in kazakhstan?", "Yes: Soyuz MS-23 landed on the Kazakh Steppe"),
        ("ms-23 landed on the kazakh steppe, yes or no", "Yes: Soyuz MS-23 landed on"),
        ("was rubio in space for more than a year?", "Yes: Francisco Rubio, Sergey Pro"),
        ("was the ms-23 flight more than half a year long?", "Yes: Soyuz MS-23 flew for"),
        ("was ms-23 up for 7 months?", "Yes: Soyuz MS-23 flew for 215 days"),
        ("was rubio in space for less than 300 days?", "No: Francisco Rubio, Sergey Pro"),
        ("did ms-23 fly for about 250 days?", "No: Soyuz MS-23 flew for 215 days"),
        ("were there 72 days between the leak and ms-23 launch?", "Yes: 72 days passed"),
        ("ms-23 docked 26 feb 2023 - true or false", "Yes: Soyuz MS-23 arrived at the"),
        ("was the ms-23 inclination 51.66 degrees?", "Yes: Soyuz MS-23's orbit was incl"),
        ("was ms-23 inclined at 52 degrees?", "No: Soyuz MS-23's orbit was inclined"),
        ("was petelin on board for the ms-23 landing?", "Yes: Dmitry Petelin is a Rosc"),
        ("ms-21 came right before ms-23 right?", "No: The mission before Soyuz MS-23 was"),
        ("is ms-23 also called ISS 68S", "No: Soyuz MS-23 is also known as ISS 69S"),
        ("ms-23 launched from baikonur on 24 feb 2023, correct?", "Yes: Soyuz MS-23 launc"),
        ("ms-23 launched from baikonur on 25 feb 2023, correct?", "No: Soyuz MS-23 launch"),
    ],
)
def test_a_yes_or_no_the_fact_base_settles_says_yes_or_no(
    engine: Engine, question: str, verdict: str
) -> None:
    answer = engine.ask(question)
    assert answer.text.startswith(verdict), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "did frank rubio come back on ms-23 or on a dragon?",  # an either-or, not yes-or-no
        "when did ms-23 land?",
        "did ms-23 land after 28 march?",  # an order, answered as one
        "anything in jan 2023?",
        "ms-23 launched from vostochny on 24 feb 2023, correct?",  # the right day, not place
        "he says RKTs Progress built the ms-23 capsule, i say not. who actually built it?",
        "Roscosmos alone decided to move Rubio's liner to the Dragon, yes?",  # not who
    ],
)
def test_no_verdict_where_none_is_asked(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and not answer.text.startswith(("Yes:", "No:"))


def test_and_before_that_steps_back_along_the_timeline(engine: Engine) -> None:
    _, leak, launch, first = ask_all(
        engine, "anything in jan 2023?", "and before that?", "and before that?", "and before?"
    )
    assert "coolant leak on 14 December 2022" in leak.text
    assert "launched on 21 September 2022" in launch.text
    assert first.status == "unknown" and "nothing before" in first.text


def test_and_before_that_after_a_missions_dated_topic_is_the_happening_before(
    engine: Engine,
) -> None:
    """A docking answer is about MS-23, and dates its arrival: the step is from that."""
    _, launch = ask_all(engine, "when did ms-23 dock w the iss", "and before that?")
    assert launch.text == "Soyuz MS-23 launched on 24 February 2023 at 00:24 UTC."
    _, after = ask_all(engine, "when did ms-23 land", "and after?")
    assert after.status == "unknown" and "nothing after" in after.text


def test_which_of_those_came_first_orders_the_listed_events(engine: Engine) -> None:
    _, first = ask_all(engine, "what happened in march 2023", "which of those came first")
    assert first.text.startswith("First: The seat liners of Sergey Prokopyev"), first.text


def test_why_is_answered_by_a_reason(engine: Engine) -> None:
    """Why MS-22 came back empty is its damage, not the fact that it did."""
    answer = engine.ask("why did ms-22 come back empty")
    assert answer.status == "answered" and "radiator" in answer.text, answer.text


def test_why_with_no_reason_in_the_source_says_so(engine: Engine) -> None:
    answer = engine.ask("why was the crewed ms-23 flight delayed")
    assert answer.status == "unknown" and "don't say why" in answer.text, answer.text
    assert "MS-24" in answer.text  # what the source does say, cited
    assert answer.citations


def test_a_statement_that_gives_its_reason_answers_why(engine: Engine) -> None:
    answer = engine.ask("why did ms-23 have cargo in it")
    assert answer.status == "answered" and "uncrewed" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "when was the crewed ms-23 originally supposed to launch",
        "when was ms-23 rolled out to the launch pad",
    ],
)
def test_when_a_statement_gives_no_date_says_so(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "unknown" and "don't give a date" in answer.text, answer.text
    assert answer.citations


def test_when_is_answered_by_a_dated_statement(engine: Engine) -> None:
    answer = engine.ask("what year did ms-22 launch")
    assert answer.status == "answered" and "2022" in answer.text


def test_a_date_asked_picks_that_days_happening(engine: Engine) -> None:
    answer = engine.ask("which soyuz came back on 28 march 2023")
    assert answer.mission == "soyuz-ms-22" and "28 March 2023" in answer.text
    named = engine.ask("did ms-23 land on 28 march")  # named: MS-23's own landing says no
    assert named.mission == "soyuz-ms-23" and "27 September 2023" in named.text
    _, dated = ask_all(
        engine, "what launched in february 2023", "which spacecraft launched on 21 september 2022"
    )
    assert dated.mission == "soyuz-ms-22", dated.text  # the date outweighs the conversation


def test_the_askers_own_things_are_not_the_documents(engine: Engine) -> None:
    answer = engine.ask("my car's radiator is leaking coolant what do i do")
    assert answer.status == "unknown" and "Soyuz MS-22" not in answer.text


def test_a_question_asked_inside_a_sentence_is_read(engine: Engine) -> None:
    answer = engine.ask("my friend asked me when ms-23 landed, do you know?")
    assert answer.status == "answered" and "27 September 2023" in answer.text


def test_the_crew_photo_says_whose_crew_it_shows(engine: Engine) -> None:
    answer = engine.ask("the crew photo is of which crew")
    assert "Soyuz MS-22 crew" in answer.text
    assert {c.section for c in answer.citations} >= {"Infobox: Crew Photo"}


@pytest.mark.parametrize(
    ("first", "follow_up", "expected"),
    [
        ("who decided to move rubio's seat liner to the dragon", "why", "emergency"),
        ("who's on the left in the ms-23 crew photo", "and the right?", "Petelin"),
        ("what did petelin fly up on", "and down?", "Soyuz MS-23"),
    ],
)
def test_terse_follow_ups_move_the_topic(
    engine: Engine, first: str, follow_up: str, expected: str
) -> None:
    _, answer = ask_all(engine, first, follow_up)
    assert answer.status == "answered" and expected in answer.text, answer.text


def test_a_day_alone_follows_the_month_asked_before(engine: Engine) -> None:
    _, sixth, apart = ask_all(
        engine, "what happened on march 2", "and on the 6th?", "how many days apart is that"
    )
    assert "6 March 2023" in sixth.text and "Rubio" in sixth.text
    assert "4 days" in apart.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [("prokopyev agency?", "Roscosmos"), ("what did rubio launch on", "Soyuz MS-22")],
)
def test_a_close_reading_no_entity_of_the_kind_holds_is_set_aside(
    engine: Engine, question: str, expected: str
) -> None:
    """People have agencies, not operators; they launch on a spacecraft, not a rocket."""
    answer = engine.ask(question)
    assert answer.status == "answered" and expected in answer.text, answer.text


def test_a_close_reading_the_source_covers_for_no_one_is_not_set_aside(engine: Engine) -> None:
    """The source names no commander: that is "not given", not the crew list."""
    answer = engine.ask("who was commander of soyuz ms-23 for landing")
    assert answer.status != "answered", answer.text


def test_they_before_anyone_is_named_is_the_crew(engine: Engine) -> None:
    answer = engine.ask("were they in space more than a year?")
    assert "371 days" in answer.text and "215" not in answer.text, answer.text


def test_a_facet_close_behind_the_named_topic_is_what_is_asked(engine: Engine) -> None:
    answer = engine.ask("who made the call to move rubio's seat liner to endurance")
    assert "mission management team decided" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what does the doc say about spacex crew-5", "Crew-5"),
        ("how did moving rubio's liner help the cosmonauts", "heat load"),
        ("did ms-22 bring anyone home", "uncrewed"),
        ("was it a soyuz-fg or a 2.1a or 2.1b?", "Soyuz 2.1a"),
        ("did they land in russia?", "Kazakhstan"),
        ("Which part of the MS-22 had the hole?", "radiator"),
        ("what does the patch caption say about the insignia", "insignia"),
        ("ms-23 carried cargo like which kind of spacecraft", "Progress MS"),
        ("ms23 went up empty like which old one", "Soyuz 34"),
        ("what day did they finish setting up rubio's seat liner in the dragon", "18 January"),
    ],
)
def test_phrasings_from_the_development_sets(engine: Engine, question: str, expected: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and expected in answer.text, answer.text


def test_two_halves_about_different_entities_are_one_question(engine: Engine) -> None:
    answer = engine.ask("which astronauts and cosmonauts were aboard for landing")
    assert "No one was on board" not in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "what did ms-23 carry up since nobody was on board",
        "what did ms-23 carry up if nobody was in it?",
        "Since MS-23 flew up without a crew, what did it carry?",  # the reason leads
        "For a quiz: what did ms-23 carry up, so i can check my answer sheet?",  # a purpose
    ],
)
def test_a_reason_the_asker_gives_is_not_what_is_asked(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "dry cargo" in answer.text, answer.text


def test_the_head_of_an_agency_is_not_its_operations(engine: Engine) -> None:
    assert engine.ask("who is the head of roscosmos?").status != "answered"


def test_a_topic_of_another_kind_is_not_read_of_a_craft(engine: Engine) -> None:
    """A patch's designer is a mission's; of Crew Dragon, who designed it is its maker."""
    answer = engine.ask("who designed crew dragon")
    assert (answer.status, answer.intent) == ("answered", "manufacturer"), answer.text
    assert engine.ask("who designed the ms-23 patch").status == "unknown"


def test_an_everyday_if_is_no_reason_given(engine: Engine) -> None:
    answer = engine.ask("i need to know if my vacation was approved")
    assert answer.status == "unknown", answer.text


def test_a_condition_that_tells_the_topic_apart_is_read(engine: Engine) -> None:
    answer = engine.ask("how could rubio get home if the station had to be evacuated")
    assert answer.intent == "lifeboat", answer.text


def test_a_time_asked_after_and_is_of_the_same_topic(engine: Engine) -> None:
    answer = engine.ask("What date did Soyuz MS-23 launch, and at what time UTC?")
    assert "00:24 UTC" in answer.text and "landed" not in answer.text, answer.text


def test_the_crews_emergency_plan_and_who_it_is_about(engine: Engine) -> None:
    answer = engine.ask("which spacex mission was the backup ride home for the ms-22 crew")
    assert answer.status == "answered" and "Crew-5" in answer.text, answer.text
    plan, _capsule = ask_all(
        engine, "why was crew-5 considered for the ms-22 crew", "which capsule was that"
    )
    assert plan.entity is not None and plan.entity.id == "spacex-crew-5"


def test_a_clause_opened_by_a_filler_word_is_read_as_the_question(engine: Engine) -> None:
    answer = engine.ask(
        "i've been following the iss news for a while and honestly the ms-22 thing was wild, "
        "but can someone remind me what date the empty replacement soyuz actually docked?"
    )
    assert answer.status == "answered" and "26 February" in answer.text, answer.text


def test_the_storys_happenings_set_the_scene_for_a_question_naming_one(engine: Engine) -> None:
    answer = engine.ask(
        "i was reading about the radiator getting hit and the leak, but when did the "
        "replacement actually launch?"
    )
    assert "24 February 2023" in answer.text and "coolant leak" not in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "was ms-23 launched uncrewed like soyuz 32?",
        "MS-23 launched empty just like Soyuz 32 did, right?",
        "is the ms-23 uncrewed launch compared to soyuz 32 or soyuz 34?",
    ],
)
def test_a_question_relating_two_missions_gets_the_statement_of_both(
    engine: Engine, question: str
) -> None:
    """MS-23's precedent tells of Soyuz 34 (and 32); its uncrewed launch does not."""
    answer = engine.ask(question)
    assert (answer.status, answer.intent) == ("answered", "precedent"), answer.text
    assert "like Soyuz 34" in answer.text


def test_a_close_call_relating_two_missions_goes_to_the_statement_of_both(
    engine: Engine,
) -> None:
    """MS-24's overview tells of MS-23; the source gives MS-24 no precedent."""
    answer = engine.ask("how is ms-24 related to ms-23")
    assert (answer.status, answer.intent, answer.mission) == ("answered", "overview", "soyuz-ms-24")


def test_two_names_of_one_mission_asked_the_same_are_confirmed(engine: Engine) -> None:
    answer = engine.ask("is ISS 69S the same thing as soyuz ms-23")
    assert answer.intent == "other_names" and answer.text.startswith("Yes:"), answer.text


def test_a_facet_asked_of_what_lacks_it_is_not_answered_with_another_topic(
    engine: Engine,
) -> None:
    """Who decided to launch MS-23 empty is not in the source; its uncrewed launch is
    not the answer to that."""
    answer = engine.ask("who made the decision to launch ms-23 without a crew")
    assert answer.status != "answered", answer.text


@pytest.mark.parametrize(
    "question",
    ["did ms-23 launch before apollo 11?", "did progress ms-21 have a coolant leak too?"],
)
def test_an_unknown_mission_unlike_those_named_is_still_refused(
    engine: Engine, question: str
) -> None:
    """Only a name written like one the question names ("ms-21" beside "ms-23") is read
    as a value claimed; Apollo 11 is a mission the bot knows nothing of."""
    answer = engine.ask(question)
    assert answer.status == "unknown" and answer.text.startswith("I have no facts about")


@pytest.mark.parametrize(
    ("first", "then", "about"),
    [
        # the answer is about Crew-5, though the question named the MS-22 crew
        (
            "which spacex mission was the emergency backup for getting the ms-22 crew home",
            "who was flying on that one",
            "spacex-crew-5",
        ),
        ("what comes after ms23 anyway", "who's flying on that one", "soyuz-ms-24"),
    ],
)
def test_that_one_points_at_the_craft_of_the_last_answer_not_its_people(
    engine: Engine, first: str, then: str, about: str
) -> None:
    _, answer = ask_all(engine, first, then)
    assert answer.status == "unknown" and answer.mission == about, answer.text


def test_the_cosmonauts_are_named_by_what_they_are(engine: Engine) -> None:
    answer = engine.ask("which of the three crew members were russian cosmonauts")
    assert answer.entity is not None and answer.entity.id == "ms-22-cosmonauts"
    assert "Sergey Prokopyev and Dmitry Petelin" in answer.text


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("what's 2023-024A", "cospar_id"),
        ("what is 31/6", "launch_site"),
        ("whats 55688", "satcat"),
    ],
)
def test_an_identifier_alone_asks_what_it_identifies(
    engine: Engine, question: str, intent: str
) -> None:
    answer = engine.ask(question)
    assert (answer.status, answer.intent, answer.mission) == ("answered", intent, "soyuz-ms-23")


def test_an_identifier_is_not_lent_to_another_mission(engine: Engine) -> None:
    _, answer = ask_all(engine, "when did ms-22 launch", "is it 2023-024A?")
    assert answer.intent != "cospar_id" and "2023-024A" not in answer.text


def test_who_is_answered_with_people_not_a_date(engine: Engine) -> None:
    answer = engine.ask("who came back to earth on ms-23?")
    assert answer.status == "answered" and "Rubio" in answer.text, answer.text
    # a close topic the source gives no one keeps it from guessing
    assert engine.ask("Who commanded Soyuz MS-23 for the return to Earth?").status != "answered"
    # ...nor whether it came back crewed, a close topic that lists no one
    answer = engine.ask("who was on board ms-23 when it came back down?")
    assert answer.status == "answered" and "Prokopyev" in answer.text
    # a close call asking "who" is the reading that lists people
    answer = engine.ask("who was launched aboard soyuz ms-22")
    assert (answer.status, answer.intent) == ("answered", "crew")
    for question in (
        "who was the commander of ms-23 when it came back",
        "who was the captain of ms-23 when it came back",
    ):
        assert engine.ask(question).status != "answered"


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("ms-22 went up in 2022 or 2023?", "Soyuz MS-22 launched on 21 September 2022"),
        ("was the leak in 2022 or 2023", "coolant leak on 14 December 2022"),
        ("i forget, was it launched in feb or march 2023?", "launched on 24 February 2023"),
    ],
)
def test_an_either_or_of_dates_gets_the_date_of_the_happening(
    engine: Engine, question: str, told: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and told in answer.text, answer.text
    assert not answer.text.startswith(("Yes", "No"))


@pytest.mark.parametrize(
    "question",
    [
        "Which spacecraft served as emergency evacuation after Crew-5?",
        "which spacex capsule was lined up as the emergency backup after crew-5",
    ],
)
def test_which_after_a_name_is_another_that_the_statement_ties_to_it(
    engine: Engine, question: str
) -> None:
    """Crew-5 dates the question; Crew-6 is what it asks for."""
    answer = engine.ask(question)
    assert (answer.status, answer.mission) == ("answered", "spacex-crew-6"), answer.text


def test_a_facet_held_but_undated_is_not_dated_by_its_topic(engine: Engine) -> None:
    """The team's decision is told without a date; the liner move's date is not it."""
    answer = engine.ask("when did the mission management team decide on the seat liner swap")
    assert (answer.status, answer.intent) == ("unknown", "decision"), answer.text
    assert "don't give a date" in answer.text


def test_which_capsule_after_an_answer_is_the_one_spacecraft_it_named(engine: Engine) -> None:
    _, answer = ask_all(
        engine,
        "which spacex mission was the emergency backup for getting the ms-22 crew home",
        "which capsule was it",
    )
    assert answer.entity is not None and answer.entity.id == "crew-dragon-endurance"
    assert "Endurance" in answer.text


def test_a_happening_asked_of_the_wrong_mission_says_whose_it_is(engine: Engine) -> None:
    """The leak happened to MS-22 only: asked of MS-23, the answer says so, and "when
    did that happen" then dates the leak."""
    leak, when = ask_all(engine, "was there a leak on ms-23?", "when was it")
    assert leak.status == "answered" and leak.mission == "soyuz-ms-22"
    assert leak.text.startswith("My sources tell that of Soyuz MS-22, not of Soyuz MS-23:")
    assert "14 December 2022" in when.text
    # a topic the named mission lacks, with no happening named, is still not given
    assert engine.ask("did ms-22 have a patch?").status == "unknown"


def test_they_after_three_people_named_is_their_crew(engine: Engine) -> None:
    _, answer = ask_all(engine, "who launched with rubio", "what agency are they from")
    assert answer.entity is not None and answer.entity.id == "ms-22-crew"
    assert "NASA astronaut Francisco Rubio and Roscosmos cosmonauts" in answer.text


def test_and_the_crew_keeps_the_topic_for_the_crew(engine: Engine) -> None:
    _, answer = ask_all(engine, "how long was ms-23 in space", "and the crew?")
    assert answer.intent == "duration" and "371 days" in answer.text, answer.text


@pytest.mark.parametrize("question", ["ms23 landing site + date", "where did ms-23 land and when"])
def test_a_topic_and_its_date_are_both_told(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "Kazakh Steppe" in answer.text and "27 September 2023" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "what was the name of the dragon capsule",
        "name of the crew dragon capsule involved",
        "which dragon capsule got rubio's seat",
    ],
)
def test_a_craft_named_only_by_what_it_is_is_named(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.entity is not None and answer.entity.id == "crew-dragon-endurance"
    assert answer.status == "answered" and "Crew Dragon Endurance" in answer.text


def test_a_colon_closes_the_preamble_of_a_question(engine: Engine) -> None:
    answer = engine.ask(
        "random q while i'm procrastinating on my essay: what rocket launched ms-23, was it "
        "a soyuz-fg or something newer?"
    )
    assert (answer.status, answer.intent) == ("answered", "rocket"), answer.text


def test_an_organisation_named_takes_the_close_reading_it_holds(engine: Engine) -> None:
    answer = engine.ask("what did energia make")
    assert (answer.status, answer.intent) == ("answered", "manufacturer")
    assert answer.entity is not None and answer.entity.id == "energia"
    # ...but not past a topic no one has
    assert engine.ask("who is the head of roscosmos?").status != "answered"


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("is endurance a soyuz or a dragon", "Crew Dragon Endurance was"),
        ("was ms-23 a russian or american spacecraft", "Russian Soyuz spaceflight"),
    ],
)
def test_an_either_or_of_kinds_gets_the_overview_that_settles_it(
    engine: Engine, question: str, says: str
) -> None:
    answer = engine.ask(question)
    assert (answer.status, answer.intent) == ("answered", "overview") and says in answer.text
    # an either-or of happenings asks their order, not what the thing is
    order = engine.ask("which came first, ms-22's return or ms-23's docking")
    assert order.intent != "overview"
    # ...and a topic that reads the question answers it
    crewed = engine.ask("was ms-23 crewed or uncrewed")
    assert crewed.intent == "crewed_launch"


def test_a_follow_up_to_a_mission_the_fact_base_lacks_is_about_that_mission(
    engine: Engine,
) -> None:
    """Not the default mission's launch: the conversation is about MS-25."""
    first, launch, thanks, named = ask_all(
        engine, "what was soyuz ms-25 about", "when did it launch", "thanks", "when did ms-23 land"
    )
    assert first.status == launch.status == "unknown"
    assert 'no facts about "soyuz ms 25"' in launch.text
    assert "soyuz ms 25" not in thanks.text
    assert (named.status, named.mission) == ("answered", "soyuz-ms-23")


def test_they_with_his_is_the_man_named_not_the_crew(engine: Engine) -> None:
    _, liner, when = ask_all(
        engine, "who's francisco rubio", "what did they do with his seat liner", "when was that"
    )
    assert liner.status == "answered" and liner.entity is not None
    assert liner.entity.id == "francisco-rubio" and "Endurance" in liner.text
    assert "17 January 2023" in when.text


def test_that_one_after_a_precedent_is_the_earlier_mission(engine: Engine) -> None:
    """MS-22's precedent gives Soyuz 32 as its value: "that one" is Soyuz 32, whose
    launch the source does not date, not MS-22."""
    *_, when = ask_all(
        engine,
        "what happened to ms-22 in the end",
        "which old mission was that like",
        "when did that one fly",
    )
    assert (when.status, when.mission) == ("unknown", "soyuz-32")


def test_a_topic_held_elsewhere_is_not_the_answer_for_an_organisation_it_never_names(
    engine: Engine,
) -> None:
    # Energia built the spacecraft; the lifeboat plan is Crew-5's and never names it
    energia = engine.ask("what role did energia play")
    assert energia.status != "answered" or "Crew-5" not in energia.text, energia.text
    assert energia.mission != "spacex-crew-5"
    # SpaceX is named in that plan, and the mission team's decision is told beside it
    spacex = engine.ask("did spacex help or smth")
    assert spacex.status == "answered" and "Crew-5" in spacex.text, spacex.text
    team = engine.ask("what was the role of the iss mission management team")
    assert team.status == "answered", team.text
    # ...and NASA's astronaut is the one whose seat liner the plan moved
    nasa = engine.ask("what role did nasa play in this")
    assert nasa.status == "answered" and "Rubio" in nasa.text, nasa.text


def test_a_when_clause_dates_a_yes_or_no_question_it_does_not_ask(engine: Engine) -> None:
    # the landing's date is the clause; whether anyone was aboard then is asked
    crewed = engine.ask("was ms-23 crewed when it landed")
    assert crewed.intent == "crewed_return" and "Rubio" in crewed.text, crewed.text
    _, empty = ask_all(engine, "when did ms-22 come back", "was anybody in it when it came back")
    assert empty.intent == "crewed_return" and "uncrewed" in empty.text, empty.text
    # a "when" question is still one
    assert engine.ask("when did ms-23 land").intent in ("landing", "when")


@pytest.mark.parametrize(
    ("question", "expected"),
    [("who is petelin again", "Roscosmos cosmonaut"), ("launch date again?", "24 February 2023")],
)
def test_again_asks_once_more_and_says_nothing_else(
    engine: Engine, question: str, expected: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and expected in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who launched on ms-22", "Francisco Rubio"),
        ("who launched on ms-23", "launched empty"),
        ("who came home in the new soyuz", "Dmitry Petelin"),
        # who launched it, or was its contractor: not the people it carried
        ("who launched ms-23", "RKTs Progress"),
        ("who was the contractor on ms-23", "RKTs Progress"),
    ],
)
def test_who_travelled_on_a_mission_is_its_people(
    engine: Engine, question: str, expected: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and expected in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [("why is soyuz 34 mentioned", "precedent"), ("why was crew-5 mentioned", "lifeboat")],
)
def test_why_something_is_mentioned_is_what_it_is_in_the_story(
    engine: Engine, question: str, expected: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and expected in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("why were there doubts about ms-22's safety", "micrometeoroid"),
        ("why were people worried about ms-22's safety", "radiator"),
        ("who's on the right side of the photo", "from left, Rubio, Prokopyev and Petelin"),
    ],
)
def test_doubts_and_the_photo_are_asked_in_their_own_words(
    engine: Engine, question: str, expected: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and expected in answer.text, answer.text


def test_a_time_clause_that_opens_the_question_only_dates_it(engine: Engine) -> None:
    # "before ms-23 docked, ...": MS-23 dates the plan, as in "...before ms-23 docked"
    for question in (
        "before ms-23 docked, what was the emergency option for getting the crew home",
        "what was the emergency option for getting the crew home before ms-23 docked",
    ):
        answer = engine.ask(question)
        assert answer.status == "answered" and "Crew-5" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what was roscosmos's role in ms-23", "Roscosmos operated Soyuz MS-23"),
        ("what role did energia play", "Energia built"),
        ("whats energia got to do w/ ms-23", "Energia built"),
    ],
)
def test_an_organisations_role_is_what_its_statement_says_it_did(
    engine: Engine, question: str, expected: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and expected in answer.text, answer.text


def test_a_role_the_source_does_not_give_is_not_an_organisations_statement(
    engine: Engine,
) -> None:
    # NASA's statement is of the crew, not of MS-23; Petelin's role is never given
    for question in ("how is nasa involved in ms-23", "what was petelin's role on the crew"):
        assert engine.ask(question).intent != "overview", question


def test_a_persons_job_before_is_a_career_the_source_does_not_give(engine: Engine) -> None:
    # "job" alone would match the seat-liner move's purpose; what he did before NASA is never said
    answer = engine.ask("what was rubio's job before nasa")
    assert answer.status != "answered", answer.text


@pytest.mark.parametrize(
    ("question", "status"),
    [
        ("did ms-22 have any problems in flight", "answered"),
        ("any issues during the flight of ms-22", "answered"),
        ("did ms-23 have any problems in flight", "unknown"),  # the source tells of none
    ],
)
def test_problems_in_flight_are_a_missions_damage(
    engine: Engine, question: str, status: str
) -> None:
    answer = engine.ask(question)
    assert (answer.status, answer.intent) == (status, "damage"), answer.text


@pytest.mark.parametrize(
    ("question", "intent", "expected"),
    [
        ("what got moved on march 2", "on_date", "Prokopyev and Dmitry Petelin were moved"),
        ("what arrived on feb 26", "on_date", "Soyuz MS-23 arrived"),
        ("who landed on 27 sep 2023", "crew", "Francisco Rubio"),
        ("who launched on 21 sept 2022", "crew", "Francisco Rubio"),
    ],
)
def test_a_happening_word_and_its_day_name_the_happening(
    engine: Engine, question: str, intent: str, expected: str
) -> None:
    answer = engine.ask(question)
    assert (answer.status, answer.intent) == ("answered", intent), answer.text
    assert expected in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "my package arrived on feb 26",
        "when does my order arrive on feb 26",
        "what arrived on 3 feb",
    ],
)
def test_a_happening_word_on_a_day_is_not_enough_outside_the_story(
    engine: Engine, question: str
) -> None:
    assert engine.ask(question).status != "answered", question


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what happened on dec 14?? something broke right", "coolant leak"),
        ("yo what went down on 17 january 2023 w/ the iss soyuz thing", "Dragon Endurance"),
        ("what were they doing on jan 18th", "Dragon Endurance"),
        ("gimme a rundown of march 2023 pls, what all happened", "3 things happened"),
        ("wht did they do in jan 2023 on the station", "Dragon Endurance"),  # not the docking
    ],
)
def test_what_happened_on_a_date_is_asked_whatever_else_is_said(
    engine: Engine, question: str, expected: str
) -> None:
    answer = engine.ask(question)
    assert (answer.status, answer.intent) == ("answered", "on_date"), answer.text
    assert expected in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "what's going on on dec 14 in new york",
        "what happened in the stock market in march 2023",
        "what happened to my order on march 2",
    ],
)
def test_what_happened_on_a_date_elsewhere_is_not_the_story(engine: Engine, question: str) -> None:
    assert engine.ask(question).status != "answered", question


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("whats the significance of sept 27 2023", "Soyuz MS-23 landed"),
        ("whats the significance of 21 september 2022", "Soyuz MS-22 launched"),
    ],
)
def test_the_significance_of_a_day_is_what_happened_on_it(
    engine: Engine, question: str, expected: str
) -> None:
    answer = engine.ask(question)
    assert (answer.status, answer.intent) == ("answered", "on_date"), answer.text
    assert expected in answer.text


def test_why_a_mission_is_significant_is_its_overview(engine: Engine) -> None:
    answer = engine.ask("why is ms-23 significant")
    assert (answer.status, answer.intent) == ("answered", "overview"), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "why is ms-23 like a progress ship",
        "in what way was ms-23 like a progress ship?",
        "what is a progress ms",
    ],
)
def test_the_progress_ms_ms23_is_likened_to_is_an_entity(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered", answer.text
    assert "dry cargo and equipment" in answer.text and "Progress MS" in answer.text


def test_what_the_source_does_not_say_of_progress_ms_is_not_another_crafts(
    engine: Engine,
) -> None:
    answer = engine.ask("when did progress ms launch")
    assert answer.status == "unknown" and answer.entity is not None
    assert answer.entity.id == "progress-ms"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("MS-23 flew from Vostochny, correct?", "No: Soyuz MS-23 launched from Baikonur"),
        (
            "someone in #general said ms-23 launched from vostochny, is that right?",
            "No: Soyuz MS-23 launched from Baikonur",
        ),
        ("ms-23 landed at vostochny right?", "No: Soyuz MS-23 landed on the Kazakh Steppe"),
        ("MS-23 flew from Baikonur, correct?", "Yes: Soyuz MS-23 launched from Baikonur"),
    ],
)
def test_a_place_the_source_never_names_is_claimed_as_where(
    engine: Engine, question: str, expected: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and answer.text.startswith(expected), answer.text


def test_a_word_after_from_is_a_place_only_after_a_happening(engine: Engine) -> None:
    # "start from scratch" claims no place: the insignia question is not a launch site's
    answer = engine.ask("for ms-23's landing insignia did they start from scratch, right?")
    assert answer.intent != "launch_site", answer.text


@pytest.mark.parametrize(
    "question",
    [
        "how long did it take ms-23 to reach the iss",
        "how long did ms-23 take to get to the station",
    ],
)
def test_how_long_a_happening_took_counts_from_the_crafts_launch(
    engine: Engine, question: str
) -> None:
    answer = engine.ask(question)
    assert (answer.status, answer.intent) == ("answered", "days_between"), answer.text
    assert answer.text.startswith("It took 2 days.") and "215" not in answer.text
    assert answer.value is not None and answer.value.value == 2


@pytest.mark.parametrize(
    "question",
    [
        "how long did ms-23's reentry take",  # the descent, which the source does not time
        "how many orbits did ms-23 take to reach the iss",
        "how long does it take to get to mars",
    ],
)
def test_how_long_it_took_is_not_a_span_the_question_does_not_mean(
    engine: Engine, question: str
) -> None:
    assert engine.ask(question).intent != "days_between", question


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("what kind of coolant leaked out of ms-22", "kind of coolant"),
        ("who physically moved the seat liner into dragon", "physically"),
        ("how many people were aboard the iss when ms-23 arrived", "people were aboard the iss"),
    ],
)
def test_a_detail_the_topics_statement_does_not_name_is_not_given(
    engine: Engine, question: str, asked: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "unknown", answer.text
    assert answer.text.startswith(f'My sources don\'t give that ("{asked}")')


def test_the_topic_a_detail_is_not_given_of_still_answers_without_it(engine: Engine) -> None:
    assert engine.ask("what leaked out of ms-22").status == "answered"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how many days until ms-23 docked", "It took 2 days."),
        ("how many days till ms-23 got to the station", "It took 2 days."),
        ("how many days until ms-23 landed", "Soyuz MS-23 flew for 215 days"),
    ],
)
def test_days_until_a_happening_count_from_the_crafts_launch(
    engine: Engine, question: str, expected: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and answer.text.startswith(expected), answer.text


def test_days_until_is_counted_only_for_a_craft_named_or_talked_about(engine: Engine) -> None:
    # "got to" is an arrival's word, but no craft is named: MS-23 is not the default here
    assert engine.ask("i got to know how long until my next day off").status != "answered"


def test_days_until_a_happening_after_a_dated_answer_count_from_what_it_dated(
    engine: Engine,
) -> None:
    *_, answer = ask_all(engine, "when was the leak", "how many days until ms-23 docked")
    assert answer.status == "answered" and answer.text.startswith("74 days"), answer.text


@pytest.mark.parametrize(
    ("question", "days", "again"),
    [
        ("how many months was the crew up", "371 days", "That is about 12 months."),
        ("how many weeks did ms-23 fly", "215 days", "That is about 31 weeks."),
        ("how many weeks from ms-22 launch to the leak", "84 days", "That is about 12 weeks."),
    ],
)
def test_days_asked_in_weeks_months_or_years_are_given_in_them_too(
    engine: Engine, question: str, days: str, again: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and days in answer.text and again in answer.text


def test_days_asked_in_days_are_not_converted(engine: Engine) -> None:
    assert "That is about" not in engine.ask("how many days did ms-22 fly").text


@pytest.mark.parametrize(
    "question",
    [
        "how many crew was crew dragon originally designed for",
        "how many crew can a crew dragon hold according to this",
    ],
)
def test_a_count_of_people_may_be_asked_as_crew(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert (answer.status, answer.intent) == ("answered", "capacity"), answer.text
    assert "seven" in answer.text


def test_a_count_of_something_else_is_still_not_the_count_of_people(engine: Engine) -> None:
    assert engine.ask("how many flights had the crew dragon made").status != "answered"


def test_which_craft_a_happening_befell_is_its_own_statement(engine: Engine) -> None:
    for question in ("which soyuz had the leak", "which soyuz sprang the leak, 22 or 23?"):
        answer = engine.ask(question)
        assert (answer.status, answer.intent, answer.mission) == (
            "answered",
            "damage",
            "soyuz-ms-22",
        ), question
    *_, follow = ask_all(engine, "when did the coolant leak happen", "on which spacecraft")
    assert follow.status == "answered" and "Soyuz MS-22" in follow.text, follow.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("did the leak happen before 2023", "Before 2023: Soyuz MS-22 had its coolant leak"),
        ("was the leak before or after new year 2023", "Before 2023:"),
        ("did ms-23 launch before or after 2022", "After 2022: Soyuz MS-23 launched"),
    ],
)
def test_a_happening_against_a_year_is_before_or_after_it(
    engine: Engine, question: str, expected: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and answer.text.startswith(expected), answer.text


def test_a_happening_in_the_year_given_is_not_placed_by_the_year_alone(engine: Engine) -> None:
    # "christmas 2022" is no day the bot reads; 2022 alone cannot say before or after
    answer = engine.ask("was the leak before or after christmas 2022")
    assert not answer.text.startswith(("In 2022", "Before 2022", "After 2022")), answer.text


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("did ms-23 have the leak", "No: "),
        ("was ms-23 the one with the coolant leak", "No: "),
        ("did ms-22 have the leak", "A micrometeoroid"),  # never a Yes: see below
    ],
)
def test_whether_a_mission_had_a_happening_is_said(
    engine: Engine, question: str, verdict: str
) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered" and answer.text.startswith(verdict), answer.text
    assert "Soyuz MS-22" in answer.text


def test_a_mission_that_had_the_happening_is_not_confirmed_by_it(engine: Engine) -> None:
    # the source says when MS-23 launched, not that it launched on time
    assert not engine.ask("did ms-23 launch on time").text.startswith("Yes")


@pytest.mark.parametrize(
    ("question", "in_order"),
    [
        (
            "order of events pls: ms23 landing, ms22 landing, ms23 docking",
            ["MS-23 arrived", "MS-22 returned", "MS-23 landed"],
        ),
        (
            "put these in order: ms-23 launch, coolant leak, rubio's seat to dragon",
            ["coolant leak", "Dragon Endurance", "MS-23 launched"],
        ),
    ],
)
def test_happenings_listed_are_told_in_date_order(
    engine: Engine, question: str, in_order: list[str]
) -> None:
    """Each name goes with the happening word right after it, though the commas that
    separated them are gone ("ms23 landing, ms22 landing")."""
    answer = engine.ask(question)
    assert answer.status == "answered", answer.text
    positions = [answer.text.find(part) for part in in_order]
    assert -1 not in positions and positions == sorted(positions), answer.text


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("did the crew come home on ms-22?", "No:"),
        ("did the crew launch on ms-22", "Yes:"),
        ("did the crew launch on ms-23", "No:"),
    ],
)
def test_whether_the_crew_travelled_in_a_craft_is_about_the_crew(
    engine: Engine, question: str, verdict: str
) -> None:
    """Not MS-22's uncrewed return: the crew's own launch or landing, against the craft."""
    answer = engine.ask(question)
    assert answer.status == "answered" and answer.entity is not None, answer.text
    assert answer.entity.id == "ms-22-crew" and answer.text.startswith(verdict), answer.text
    # "how many crew were on crew-5" still asks about Crew-5
    assert engine.ask("how many crew members were on crew-5").status != "answered"


def test_why_after_a_happening_asks_its_reason(engine: Engine) -> None:
    *_, why = ask_all(engine, "what happened to rubio's seat liner?? 🤔", "why'd they do that")
    assert why.status == "answered" and "emergency" in why.text, why.text


@pytest.mark.parametrize(
    ("first", "follow_up", "entity"),
    [
        ("who is rubio", "who were the other two", "ms-22-cosmonauts"),
        ("when did rubio launch", "what agency are the other two from", "ms-22-cosmonauts"),
        ("who is petelin", "and the other two?", None),  # Rubio and Prokopyev are no crew
    ],
)
def test_the_other_two_are_the_crew_besides_the_one_named(
    engine: Engine, first: str, follow_up: str, entity: str | None
) -> None:
    *_, answer = ask_all(engine, first, follow_up)
    if entity is None:
        assert answer.entity is None or answer.entity.id != "sergey-prokopyev", answer.text
    else:
        assert answer.status == "answered" and answer.entity is not None, answer.text
        assert answer.entity.id == entity and "Prokopyev" in answer.text


def test_did_that_help_the_other_two_is_the_moves_outcome(engine: Engine) -> None:
    *_, answer = ask_all(
        engine,
        "why did they move rubio's seat liner into the dragon anyway?",
        "did that help the other two at all?",
    )
    assert answer.status == "answered" and "heat load" in answer.text, answer.text


def test_the_first_time_is_no_time_of_day(engine: Engine) -> None:
    answer = engine.ask("was that the first time anyone swapped rubio's seat liner?")
    assert not answer.text.startswith("My sources don't give the time"), answer.text
    assert engine.ask("what time did ms-23 land").text.endswith("at 11:17 UTC.")


@pytest.mark.parametrize(
    "question",
    [
        "what's the name of the crew-6 dragon capsule",
        "which dragon did crew-6 use",
        "when did crew-6's dragon launch",
    ],
)
def test_another_missions_dragon_is_not_endurance(engine: Engine, question: str) -> None:
    """Endurance was Crew-5's: "the dragon" beside Crew-6 is Crew-6's own, which the
    source does not name."""
    answer = engine.ask(question)
    assert answer.status != "answered" or "Endurance" not in answer.text, answer.text
    assert answer.entity is None or answer.entity.id != "crew-dragon-endurance"
    assert engine.ask("what's the name of the crew-5 dragon capsule").entity.id == (
        "crew-dragon-endurance"
    )


def test_two_people_one_statement_tells_of_are_the_same(engine: Engine) -> None:
    answer = engine.ask("was rubio in space longer than prokopyev")
    assert answer.status == "answered" and answer.text.startswith("The same for both:")
    assert "371 days" in answer.text
    # two statements: each is given
    both = engine.ask("rubio's time in space vs ms-23's flight")
    assert "371 days" in both.text and "215 days" in both.text
    # "its crew" is the crew group, which the statement of MS-22's flight is not
    crew = engine.ask("how long was ms-22 in space compared to its crew")
    assert "188 days" in crew.text and "371 days" in crew.text, crew.text


@pytest.mark.parametrize(
    "question",
    [
        "how long had the crew been in space when the leak happened",
        "how many days into the mission was the leak",
        "how long had ms-22 been up when it leaked",
    ],
)
def test_how_far_into_a_flight_a_happening_came(engine: Engine, question: str) -> None:
    """From the first happening of its craft: MS-22's launch to its leak is 84 days."""
    answer = engine.ask(question)
    assert answer.status == "answered" and answer.text.startswith("84 days had passed."), (
        answer.text
    )


def test_their_replacement_ship_is_ms_23(engine: Engine) -> None:
    answer = engine.ask("how many days after the crew launched did their replacement ship launch")
    assert answer.status == "answered" and "156 days" in answer.text, answer.text


def test_tell_me_about_a_happening_is_its_own_story(engine: Engine) -> None:
    """The leak has no overview of its own: its statement is the damage one."""
    answer = engine.ask("tell me about the leak")
    assert (answer.status, answer.intent) == ("answered", "damage"), answer.text
    assert "14 December" in answer.text and answer.citations


def test_what_happened_to_a_craft_with_its_happening_named_is_the_story(engine: Engine) -> None:
    answer = engine.ask("what happened to soyuz ms-22 exactly? i heard something about a leak")
    assert answer.status == "answered" and "radiator" in answer.text, answer.text
    # a date asked is still the day
    assert engine.ask("when did the leak happen").text == (
        "Soyuz MS-22 had its coolant leak on 14 December 2022."
    )


@pytest.mark.parametrize(
    ("question", "behind"),
    [
        ("who was running roscosmos back then", "who ran or headed Roscosmos"),
        ("whos in charge of nasa", "who ran or headed NASA"),
        ("who founded energia", "who built or founded Energia"),
        ("who made rkts progress", "who built or founded RKTs Progress"),
    ],
)
def test_who_is_behind_an_organisation_is_not_its_own_deed(
    engine: Engine, question: str, behind: str
) -> None:
    """"Roscosmos operated Soyuz MS-23" does not say who ran Roscosmos; no one is named."""
    answer = engine.ask(question)
    assert answer.status == "unknown", answer.text
    assert answer.text.startswith(f"My sources don't say {behind}. What they say: ")


@pytest.mark.parametrize(
    "question", ["who ran it, roscosmos?", "who's energia", "who operated ms-23"]
)
def test_an_organisation_guessed_or_asked_after_is_answered(engine: Engine, question: str) -> None:
    assert engine.ask(question).status == "answered"


@pytest.mark.parametrize(
    "question",
    [
        "when did rubio's soyuz start leaking",
        "what went wrong with the soyuz that rubio prokopyev and petelin flew up in",
    ],
)
def test_a_persons_craft_picked_by_a_happening_answers_its_topic(
    engine: Engine, question: str
) -> None:
    """He holds no damage of his own; the leak, or the flight up, picks MS-22."""
    answer = engine.ask(question)
    assert (answer.status, answer.mission) == ("answered", "soyuz-ms-22"), answer.text
    assert "radiator" in answer.text


def test_a_persons_craft_no_happening_picks_is_not_guessed(engine: Engine) -> None:
    """Rubio flew up on MS-22 and home on MS-23: "his soyuz" alone is either."""
    assert engine.ask("what was the cospar id of rubio's soyuz").status == "unknown"


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("prokopyev works for nasa?", "No: Sergey Prokopyev and Dmitry Petelin are Roscosmos"),
        ("rubio is a roscosmos cosmonaut right?", "No: Francisco Rubio is a NASA astronaut."),
        ("were prokopyev and petelin both roscosmos", "Yes: Sergey Prokopyev and Dmitry"),
    ],
)
def test_a_claimed_agency_is_checked(engine: Engine, question: str, verdict: str) -> None:
    """A statement asked with a question mark is a claim too; the cosmonauts as a group
    have their agency as the two have it."""
    answer = engine.ask(question)
    assert (answer.intent, answer.text[: len(verdict)]) == ("agency", verdict), answer.text


def test_a_length_claimed_with_a_question_mark_is_checked(engine: Engine) -> None:
    answer = engine.ask("so the crew were in space for about 6 months?")
    assert answer.text.startswith("No: Francisco Rubio, Sergey Prokopyev and Dmitry Petelin spent")


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("petelin was the american astronaut yeah", "No: "),
        ("rubio is the nasa guy right?", "Yes: "),
    ],
)
def test_a_claim_that_one_person_is_another_is_checked(
    engine: Engine, question: str, verdict: str
) -> None:
    assert engine.ask(question).text.startswith(verdict)


def test_the_crew_photo_is_theirs_and_places_each_of_them(engine: Engine) -> None:
    """The photo shows the MS-22 crew: asked of them, it is answered; "the one on the
    right" is who stands there."""
    photo, right = ask_all(
        engine, "in the ms-22 crew pic who is standing on the left", "and the one on the right"
    )
    assert photo.intent == "crew_photo" and "Rubio on the left" in photo.text, photo.text
    assert right.entity is not None and right.entity.id == "dmitry-petelin", right.text
    # who took it is still not given, with the crew's name in the question
    assert engine.ask("who took the ms-22 crew photo").status == "unknown"


def test_a_mission_dating_a_persons_question_does_not_answer_it(engine: Engine) -> None:
    """MS-22's precedent (Soyuz 32) says nothing of Petelin's earlier flights."""
    answer = engine.ask("had petelin been to space before ms-22?")
    assert answer.status == "unknown" and "Soyuz 32" not in answer.text, answer.text


@pytest.mark.parametrize(
    "follow_up", ["and the crew? they were up longer right", "and the crew that rode it down?"]
)
def test_and_the_crew_keeps_the_topic_whatever_follows(engine: Engine, follow_up: str) -> None:
    """A claim after the follow-up, or a clause saying which crew, leaves its topic."""
    _, crew = ask_all(engine, "how long was ms-23 in space", follow_up)
    assert crew.intent == "duration" and "371 days" in crew.text, crew.text


def test_who_was_on_it_after_a_landing_is_who_came_back(engine: Engine) -> None:
    """MS-22 came back empty: its crew statement says so, beside who launched on it."""
    _, aboard = ask_all(engine, "when did ms-22 come back to earth", "who was on it")
    assert "It returned to Earth uncrewed" in aboard.text, aboard.text
    _, aboard = ask_all(engine, "when did ms-23 land", "who was on it")
    assert "brought three people home" in aboard.text, aboard.text


def test_a_claimed_place_and_day_are_both_answered(engine: Engine) -> None:
    answer = engine.ask("is it true ms-23 launched from baikonur in feb 2023")
    assert answer.text == (
        "Yes: Soyuz MS-23 launched from Baikonur, Site 31/6. "
        "Soyuz MS-23 launched on 24 February 2023 at 00:24 UTC."
    )
    assert len(answer.citations) >= 2
