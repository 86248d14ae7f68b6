"""Discord's size limits, in one place, and the helpers that keep output inside them."""

from __future__ import annotations

import discord

CONTENT = 2000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
EMBED_TOTAL = 6000
BUTTON_LABEL = 80
BUTTONS_PER_ROW = 5
ROWS = 5
CHOICES = 25
CHOICE_NAME = 100


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, ending in an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def fit(embed: discord.Embed) -> discord.Embed:
    """Drop trailing fields until the embed fits Discord's 6,000-character total."""
    while len(embed) > EMBED_TOTAL and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    if len(embed) > EMBED_TOTAL and embed.description:
        excess = len(embed) - EMBED_TOTAL
        embed.description = clip(embed.description, len(embed.description) - excess)
    return embed
