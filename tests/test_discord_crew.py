"""`/crew` and `!crew` through the loopback Discord: who someone is, with their dates."""

from __future__ import annotations

from bot.engine import Engine
from tests.test_discord_bot import EPHEMERAL, bot_world, embed_of, fields_of, title_of


async def test_slash_crew_answers_who_someone_is_with_their_dated_events(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, _):
        handle = await fake.send_slash_command("crew", {"name": "francisco-rubio"})
        response = (await handle.wait_response()).json
        embed = embed_of(response["data"])
        assert embed["title"] == "Francisco Rubio"
        assert "NASA astronaut" in embed["description"]
        assert "Source: soyuz-ms-23.txt · Lead" in embed["description"]
        fields = fields_of(embed)
        assert list(fields) == [e.date_text for e in engine.events_of("francisco-rubio")]
        assert "Soyuz MS-22 launches" in fields["21 September 2022"]
        assert "Rubio's seat liner moved to Dragon Endurance" in fields["17 January 2023"]
        assert not response["data"].get("flags", 0) & EPHEMERAL
        fake.assert_clean()


async def test_crew_autocomplete_offers_people(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, _):
        handle = await fake.send_autocomplete("crew", "name", "prok")
        choices = (await handle.wait_response()).json["data"]["choices"]
        assert choices[0] == {"name": "Sergey Prokopyev", "value": "sergey-prokopyev"}
        handle = await fake.send_autocomplete("crew", "name", "")
        names = [c["name"] for c in (await handle.wait_response()).json["data"]["choices"]]
        assert names == ["Francisco Rubio", "Sergey Prokopyev", "Dmitry Petelin"]
        fake.assert_clean()


async def test_prefix_crew_takes_a_misspelt_name_and_sets_up_follow_ups(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, _):
        await fake.send_message(content="!crew petlin")
        embed = embed_of(await fake.wait_for_message(fake.channel.id))
        assert embed["title"] == "Dmitry Petelin"
        await fake.send_message(content=f"{fake.bot_user.mention} when did he land?")
        follow = embed_of(
            await fake.wait_for_message(
                fake.channel.id, lambda b: title_of(b) != "Dmitry Petelin"
            )
        )
        assert follow["title"] == "Dmitry Petelin · Landing date and time"
        assert "27 September 2023" in follow["description"]
        fake.assert_clean()


async def test_crew_for_someone_unknown_suggests_the_people_it_knows(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, _):
        handle = await fake.send_slash_command("crew", {"name": "neil armstrong"})
        data = (await handle.wait_response()).json["data"]
        embed = embed_of(data)
        assert embed["title"] == "Unknown person" and data["flags"] & EPHEMERAL
        assert "Francisco Rubio" in embed["description"]
        await fake.send_message(content="!crew")
        listing = embed_of(await fake.wait_for_message(fake.channel.id))
        assert listing["title"] == "People I know"
        fake.assert_clean()


async def test_a_suggestion_button_for_a_person_answers_it(engine: Engine) -> None:
    expected = engine.ask("what rocket did rubio fly on")  # no such fact: Rubio's topics
    assert expected.status == "unknown" and expected.topics
    assert all(entity == "francisco-rubio" for entity, _ in expected.topics)
    async with bot_world(engine) as (fake, _, missions):
        await fake.send_message(missions.id, "what rocket did rubio fly on")
        shown = await fake.wait_for_message(missions.id, lambda b: bool(b.get("components")))
        stored = fake.stored_messages(missions.id)[-1]
        ids = [b["custom_id"] for b in fake.buttons(stored["id"])]
        assert ids == [f"mb:topic:{e}:{i}" for e, i in expected.topics]
        assert embed_of(shown)["title"].startswith("Francisco Rubio")
        handle = await fake.click_button(stored["id"], ids[0])
        embed = embed_of((await handle.wait_response()).json["data"])
        assert embed["description"] == engine.answer_topic(*expected.topics[0]).text
        fake.assert_clean()


async def test_mission_with_a_persons_name_points_to_crew(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, _):
        handle = await fake.send_slash_command("mission", {"name": "rubio"})
        embed = embed_of((await handle.wait_response()).json["data"])
        assert embed["title"] == "Unknown mission"
        assert "**Francisco Rubio** is a person: try `/crew`." in embed["description"]
        fake.assert_clean()
