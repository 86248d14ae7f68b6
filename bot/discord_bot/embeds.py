"""Answers and mission overviews as embeds, always within Discord's limits.

User text is never put in an embed unescaped: `safe()` neutralises markdown and
mentions, although every send also carries AllowedMentions.none().
"""

from __future__ import annotations

import discord

from bot.discord_bot.limits import (
    EMBED_DESCRIPTION,
    EMBED_FIELDS,
    EMBED_TITLE,
    FIELD_NAME,
    FIELD_VALUE,
    FOOTER,
    clip,
    fit,
)
from bot.engine import Answer, Engine
from bot.factbase import Citation, Fact

COLOURS = {
    "answered": discord.Colour.blue(),
    "clarify": discord.Colour.gold(),
    "unknown": discord.Colour.light_grey(),
}
# The overview's lines, in order: what it was comes first, as the description.
OVERVIEW_TOPICS = (
    "launch",
    "docking",
    "landing",
    "landing_site",
    "crew",
    "rocket",
    "launch_site",
    "previous_mission",
    "next_mission",
)
FOOTER_TEXT = "Answers come only from the cited source document."


def safe(text: str) -> str:
    """User text made inert: no markdown, no mentions."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def quote_block(citation: Citation) -> str:
    return clip("> " + citation.quote.replace("\n", "\n> "), FIELD_VALUE)


def answer_embed(answer: Answer, engine: Engine) -> discord.Embed:
    """The engine's answer: text, then each source section with its verbatim quote."""
    title = "Mission bot"
    about = answer.entity.name if answer.entity else None
    if about is None and answer.mission:
        about = engine.mission_name(answer.mission)
    if about and answer.intent:
        title = f"{about} · {engine.intent_title(answer.intent)}"
    elif about:
        title = about
    embed = discord.Embed(
        title=clip(title, EMBED_TITLE),
        description=clip(answer.text, EMBED_DESCRIPTION),
        colour=COLOURS[answer.status],
    )
    for citation in answer.citations[: EMBED_FIELDS - 1]:
        embed.add_field(
            name=clip(f"Source: {citation.source} · {citation.section}", FIELD_NAME),
            value=quote_block(citation),
            inline=False,
        )
    embed.set_footer(text=clip(FOOTER_TEXT, FOOTER))
    return fit(embed)


def overview_embed(engine: Engine, mission: str) -> discord.Embed:
    """What a mission was, then one line per key fact, each naming its source section."""
    overview = engine.factbase.lookup(mission, "overview")
    description = overview.answer if isinstance(overview, Fact) else ""
    if isinstance(overview, Fact):
        description += "\n-# " + sections_of(overview)
    embed = discord.Embed(
        title=clip(engine.mission_name(mission), EMBED_TITLE),
        description=clip(description, EMBED_DESCRIPTION) or None,
        colour=COLOURS["answered"],
    )
    for intent in OVERVIEW_TOPICS:
        fact = engine.factbase.lookup(mission, intent)
        if isinstance(fact, Fact):
            embed.add_field(
                name=clip(engine.intent_title(intent), FIELD_NAME),
                value=clip(f"{fact.answer}\n-# {sections_of(fact)}", FIELD_VALUE),
                inline=False,
            )
    others = [
        engine.intent_title(i)
        for i in engine.factbase.topics(mission)
        if i not in OVERVIEW_TOPICS and i != "overview"
    ]
    if others:
        embed.add_field(
            name="Also ask about", value=clip(", ".join(others), FIELD_VALUE), inline=False
        )
    embed.set_footer(text=clip(FOOTER_TEXT, FOOTER))
    return fit(embed)


def sections_of(fact: Fact) -> str:
    names = dict.fromkeys(f"{c.source} · {c.section}" for c in fact.citations)
    return "Source: " + "; ".join(names)


def missions_embed(engine: Engine, prefix: str) -> discord.Embed:
    lines = [
        f"**{m.name}**: {', '.join(a for a in m.aliases if a != m.name)}"
        for m in (engine.factbase.missions[i] for i in engine.mission_order)
    ]
    embed = discord.Embed(
        title="Missions I know",
        description=clip("\n".join(lines), EMBED_DESCRIPTION),
        colour=COLOURS["answered"],
    )
    embed.set_footer(
        text=clip(
            f"{prefix}mission NAME for an overview, /mission NAME TOPIC for one fact.", FOOTER
        )
    )
    return fit(embed)


def unknown_mission_embed(engine: Engine, name: str) -> discord.Embed:
    """'Did you mean' over missions, and a pointer to /crew when the name is a person's."""
    nearest = [engine.mission_name(m) for m in engine.nearest_missions(name)]
    text = f"I don't know a mission called “{clip(safe(name), 100)}”."
    person = engine.resolve_person(name)
    if person is not None:
        text += f" **{engine.mission_name(person)}** is a person: try `/crew`."
    elif nearest:
        text += " Did you mean: " + ", ".join(f"**{n}**" for n in nearest) + "?"
    return discord.Embed(title="Unknown mission", description=text, colour=COLOURS["unknown"])


def person_embed(engine: Engine, person: str) -> discord.Embed:
    """Who someone is, then each dated event of theirs with the source sections behind it."""
    answer = engine.answer_topic(person, "overview")
    embed = discord.Embed(
        title=clip(engine.mission_name(person), EMBED_TITLE),
        description=clip(answer.text, EMBED_DESCRIPTION),
        colour=COLOURS[answer.status],
    )
    if answer.citations:
        names = dict.fromkeys(f"{c.source} · {c.section}" for c in answer.citations)
        embed.description = clip(f"{answer.text}\n-# Source: {'; '.join(names)}", EMBED_DESCRIPTION)
    for event in engine.events_of(person)[: EMBED_FIELDS - 1]:
        sections = "; ".join(dict.fromkeys(c.section for c in event.citations))
        embed.add_field(
            name=clip(event.date_text, FIELD_NAME),
            value=clip(f"{event.title}\n-# {sections}", FIELD_VALUE),
            inline=False,
        )
    embed.set_footer(text=clip(FOOTER_TEXT, FOOTER))
    return fit(embed)


def unknown_person_embed(engine: Engine, name: str) -> discord.Embed:
    nearest = [engine.mission_name(p) for p in engine.nearest(name, ("person",))]
    known = ", ".join(f"**{n}**" for _, n in engine.people())
    text = f"I don't know anyone called “{clip(safe(name), 100)}”."
    if nearest:
        text += " Did you mean: " + ", ".join(f"**{n}**" for n in nearest) + "?"
    elif known:
        text += f" The people in my sources: {known}."
    return discord.Embed(title="Unknown person", description=text, colour=COLOURS["unknown"])


def people_embed(engine: Engine, prefix: str) -> discord.Embed:
    lines = [f"**{name}**" for _, name in engine.people()]
    embed = discord.Embed(
        title="People I know",
        description=clip("\n".join(lines) or "None yet.", EMBED_DESCRIPTION),
        colour=COLOURS["answered"],
    )
    embed.set_footer(text=clip(f"{prefix}crew rubio · /crew name:", FOOTER))
    return embed


def about_embed(engine: Engine, prefix: str) -> discord.Embed:
    missions = ", ".join(engine.mission_name(m) for m in engine.mission_order)
    embed = discord.Embed(
        title="About this bot",
        description=(
            "I answer questions about spaceflight missions from a curated fact base and "
            "cite the section of the source each answer comes from. If my sources don't "
            "give something, I say so rather than guess."
        ),
        colour=COLOURS["answered"],
    )
    embed.add_field(name="Missions", value=clip(missions, FIELD_VALUE), inline=False)
    embed.add_field(
        name="How to ask",
        value=(
            f"`/ask question:` or `{prefix}ask when did MS-23 land?`\n"
            f"`/mission name:ms-23` or `{prefix}mission ms-23` for an overview\n"
            "`/mission name:ms-23 topic:landing` for one fact\n"
            f"`/timeline` or `{prefix}timeline ms-22` for the dated events in order, drawn\n"
            "Mention me with a question, or DM me. Follow-ups such as "
            "“and when did it land?” keep the mission of the conversation."
        ),
        inline=False,
    )
    topics = ", ".join(i.title.lower() for i in engine.factbase.intents.values())
    embed.add_field(name="Topics", value=clip(topics, FIELD_VALUE), inline=False)
    return fit(embed)
