"""Embeds and buttons built from answers stay inside Discord's limits."""

from __future__ import annotations

import discord
import pytest

from bot.discord_bot import limits
from bot.discord_bot.cogs.missions import split_mission
from bot.discord_bot.embeds import answer_embed, missions_embed, overview_embed, safe
from bot.discord_bot.views import answer_view
from bot.engine import Engine


def assert_fits(embed: discord.Embed) -> None:
    data = embed.to_dict()
    assert len(data.get("title", "")) <= limits.EMBED_TITLE
    assert len(data.get("description", "")) <= limits.EMBED_DESCRIPTION
    assert len(data.get("fields", [])) <= limits.EMBED_FIELDS
    for field in data.get("fields", []):
        assert 0 < len(field["name"]) <= limits.FIELD_NAME
        assert 0 < len(field["value"]) <= limits.FIELD_VALUE
    assert len(embed) <= limits.EMBED_TOTAL


def test_answer_embed_names_section_and_quotes_verbatim(engine: Engine) -> None:
    embed = answer_embed(engine.ask("when did ms-23 land?"), engine)
    assert embed.title == "Soyuz MS-23 · Landing date and time"
    assert embed.description == "Soyuz MS-23 landed on 27 September 2023 at 11:17 UTC."
    [field] = embed.fields
    assert field.name == "Source: soyuz-ms-23.txt · Infobox: Landing Date"
    assert field.value == "> 27 September 2023, 11:17UTC"
    assert_fits(embed)


@pytest.mark.parametrize("mission", ["soyuz-ms-23", "soyuz-ms-22", "soyuz-ms-24", "soyuz-34"])
def test_overview_lists_key_facts_with_sections(engine: Engine, mission: str) -> None:
    embed = overview_embed(engine, mission)
    assert embed.title == engine.mission_name(mission)
    assert_fits(embed)
    for field in embed.fields:
        if field.name != "Also ask about":
            assert "Source: " in (field.value or "")


def test_ms23_overview_has_the_issue_lines(engine: Engine) -> None:
    names = [f.name for f in overview_embed(engine, "soyuz-ms-23").fields]
    for title in ("Launch date and time", "Docking", "Landing date and time", "Crew", "Rocket",
                  "Launch site and pad", "Previous mission", "Next mission"):
        assert title in names


def test_every_fact_renders_within_limits(engine: Engine) -> None:
    for fact in engine.factbase.facts.values():
        assert_fits(answer_embed(engine.answer_topic(fact.subjects[0], fact.intent), engine))
    assert_fits(missions_embed(engine, "!"))


def test_clarify_offers_one_button_per_suggestion(engine: Engine) -> None:
    answer = engine.ask("ms-23 date?")
    assert answer.status == "clarify"
    view = answer_view(answer)
    assert view is not None
    buttons = [c for c in view.children if isinstance(c, discord.ui.DynamicItem)]
    assert len(buttons) == len(answer.suggestions)
    for button, (mission, intent) in zip(buttons, answer.topics, strict=True):
        assert button.custom_id == f"mb:topic:{mission}:{intent}"
        assert len(button.custom_id) <= 100
        assert len(button.item.label or "") <= limits.BUTTON_LABEL


def test_answers_without_suggestions_have_no_view(engine: Engine) -> None:
    assert answer_view(engine.ask("when did ms-23 land")) is None


def test_user_text_is_escaped() -> None:
    assert safe("@everyone **hi** <@123456789012345678>") == (
        "@\u200beveryone \\*\\*hi\\*\\* <@\u200b123456789012345678>"
    )


@pytest.mark.parametrize(
    ("name", "topic", "expected"),
    [
        ("ms-23", None, ("soyuz-ms-23", None)),
        ("ms-23", "landing", ("soyuz-ms-23", "landing")),
        ("soyuz", "ms-23 landing site", ("soyuz-ms-23", "landing site")),
        ("iss", "69s", ("soyuz-ms-23", None)),
        ("apollo", "11", (None, "11")),
    ],
)
def test_prefix_command_words_split_into_mission_and_topic(
    engine: Engine, name: str, topic: str | None, expected: tuple[str | None, str | None]
) -> None:
    assert split_mission(engine, name, topic) == expected
