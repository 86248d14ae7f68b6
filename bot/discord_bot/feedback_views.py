"""👍/👎 under answers, and the owner's `/review` embed.

Vote buttons are DynamicItems, like the suggestion buttons: the custom_id carries
the vote, the intent and mission the answer was about, and a short key to the
answer the bot still remembers (its question and candidates, which a 👎 records).
After a restart the key is forgotten, and a vote still counts for its intent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import discord

from bot.discord_bot.embeds import COLOURS
from bot.discord_bot.limits import (
    BUTTONS_PER_ROW,
    EMBED_DESCRIPTION,
    EMBED_FIELDS,
    FIELD_NAME,
    FIELD_VALUE,
    FOOTER,
    ROWS,
    clip,
    fit,
)
from bot.feedback import Group, VoteCount, group_heading, group_lines, review_summary, vote_lines

if TYPE_CHECKING:
    from bot.discord_bot.client import MissionBot
    from bot.engine import Answer

CUSTOM_ID = 100
VOTE_PREFIX = "mb:vote"


def vote_id(helpful: bool, key: str, intent: str, mission: str | None) -> str | None:
    """`mb:vote:<up|down>:<key>:<intent>:<mission>`; the mission is left out when the
    whole would pass Discord's 100 characters, None when even that does not fit."""
    if ":" in intent:
        return None
    vote = "up" if helpful else "down"
    for where in (mission or "", ""):
        custom_id = f"{VOTE_PREFIX}:{vote}:{key}:{intent}:{where}"
        if ":" not in where and len(custom_id) <= CUSTOM_ID:
            return custom_id
    return None


class VoteButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"{VOTE_PREFIX}:(?P<vote>up|down):(?P<key>[\w-]{{1,16}}):(?P<intent>[^:]+):"
    r"(?P<mission>[^:]*)",
):
    def __init__(self, helpful: bool, key: str, intent: str, mission: str | None) -> None:
        custom_id = vote_id(helpful, key, intent, mission)
        if custom_id is None:
            raise ValueError(f"no vote button fits intent {intent!r}")
        super().__init__(
            discord.ui.Button(
                emoji="👍" if helpful else "👎",
                style=discord.ButtonStyle.secondary,
                custom_id=custom_id,
            )
        )
        self.helpful, self.key, self.intent = helpful, key, intent
        self.mission = mission if mission and custom_id.endswith(f":{mission}") else None

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> VoteButton:
        return cls(match["vote"] == "up", match["key"], match["intent"], match["mission"] or None)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        bot: MissionBot = interaction.client
        feedback = bot.get_cog("Feedback")
        try:
            if feedback is None:  # turned off since the answer was sent
                await interaction.response.send_message(
                    "Votes are not being collected right now.",
                    ephemeral=True,
                    allowed_mentions=discord.AllowedMentions.none(),
                )
                return
            await feedback.vote(interaction, self)  # type: ignore[attr-defined]
        except Exception as error:  # a button is no command: report it like one
            await bot.on_app_command_error(interaction, error)


def with_vote_buttons(
    view: discord.ui.View | None, answer: Answer, key: str
) -> discord.ui.View | None:
    """`view` (or a new one) with 👍/👎 on a row of their own, when there is room."""
    if answer.intent is None:
        return view
    try:
        buttons = [VoteButton(h, key, answer.intent, answer.mission) for h in (True, False)]
    except ValueError:
        return view
    view = view or discord.ui.View(timeout=None)
    used = len(view.children)
    row = -(-used // BUTTONS_PER_ROW)  # the first row after the suggestions
    if row >= ROWS:
        return view
    for button in buttons:
        button.row = row
        view.add_item(button)
    return view


# ---------------------------------------------------------------------------- /review


def review_embed(
    groups: Sequence[Group],
    votes: Sequence[VoteCount],
    limit: int,
    examples: Mapping[str, Iterable[str]] | None = None,
    vague: frozenset[str] = frozenset(),
) -> discord.Embed:
    """The top groups, one field each, with the paste-ready lines in a code block."""
    description = review_summary(groups, limit)
    if votes:
        description += "\n\n**Votes per intent** (👍 helpful / 👎 not)\n" + code(
            "\n".join(vote_lines(votes)), EMBED_DESCRIPTION - len(description) - 60
        )
    embed = discord.Embed(
        title="Unanswered questions",
        description=clip(description, EMBED_DESCRIPTION),
        colour=COLOURS["clarify"],
    )
    for number, group in enumerate(groups[: min(limit, EMBED_FIELDS)], start=1):
        embed.add_field(
            name=clip(f"{number}. {group_heading(group)}", FIELD_NAME),
            value=code("\n".join(group_lines(group, examples, vague)), FIELD_VALUE),
            inline=False,
        )
    embed.set_footer(
        text=clip("The full report, with lines to paste: python -m bot review", FOOTER)
    )
    return fit(embed)


def code(text: str, limit: int) -> str:
    """`text` in a code block of at most `limit` characters: user text stays inert
    (no markdown, no mentions), and a backtick in it cannot close the block."""
    fence = "```"
    body = text.replace("`", "ˋ")
    return f"{fence}\n{clip(body, max(limit - 2 * len(fence) - 2, 1))}\n{fence}"
