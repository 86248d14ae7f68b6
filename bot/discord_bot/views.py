"""Buttons under answers: each suggestion answers its topic when pressed.

Suggestion buttons are DynamicItems: their custom_id carries the mission and the
topic, so a button keeps working after the bot restarts.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.discord_bot.limits import BUTTON_LABEL, BUTTONS_PER_ROW, ROWS, clip
from bot.engine import Answer

if TYPE_CHECKING:
    from bot.discord_bot.client import MissionBot


class SuggestionButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"mb:topic:(?P<mission>[a-z0-9-]{1,60}):(?P<intent>[a-z0-9_]{1,30})",
):
    def __init__(self, mission: str, intent: str, label: str) -> None:
        super().__init__(
            discord.ui.Button(
                label=clip(label, BUTTON_LABEL),
                style=discord.ButtonStyle.secondary,
                custom_id=f"mb:topic:{mission}:{intent}",
            )
        )
        self.mission, self.intent = mission, intent

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> SuggestionButton:
        label = getattr(item, "label", None) or match["intent"]
        return cls(match["mission"], match["intent"], label)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        bot: MissionBot = interaction.client
        try:
            await bot.answer_button(interaction, self.mission, self.intent)
        except Exception as error:  # a button is no command: report it like one
            await bot.on_app_command_error(interaction, error)


def answer_view(answer: Answer) -> discord.ui.View | None:
    """Buttons for the answer's suggestions, or None when it has none."""
    if not answer.topics:
        return None
    view = discord.ui.View(timeout=None)
    for (mission, intent), label in list(zip(answer.topics, answer.suggestions, strict=True))[
        : BUTTONS_PER_ROW * ROWS
    ]:
        view.add_item(SuggestionButton(mission, intent, label))
    return view
