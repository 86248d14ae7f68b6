"""Find which missions a question names, strictly by number.

MS-22 and MS-23 differ by one digit, and Progress MS-22 is a cargo ship, not
Soyuz MS-22. Aliases are therefore matched as whole token sequences looked up
in a dictionary (never fuzzily), and a generic pattern recognises mission-like
names the fact base does not know ("Apollo 11", "Soyuz MS-21", "Crew-7") so the
engine can refuse them instead of answering with the default mission's facts.
Lookup cost depends on the question's length, not on the number of missions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.text import alias_key

# Vehicle and programme names: followed by a number they name a mission or craft.
VEHICLES = frozenset(
    {
        "soyuz",
        "progress",
        "apollo",
        "gemini",
        "mercury",
        "vostok",
        "voskhod",
        "shenzhou",
        "tianzhou",
        "crew",
        "artemis",
        "expedition",
        "cygnus",
        "dragon",
        "axiom",
        "ax",
        "starliner",
        "luna",
        "chandrayaan",
        "gaganyaan",
        "salyut",
        "skylab",
        "zond",
        "chang",
        "inspiration",
        "polaris",
        "htv",
        "kosmos",
        "cosmos",
        "iss",
    }
)
# Words that may stand before a name without changing which craft it is
# ("SpaceX Crew-5", "the ISS MS-23"): they never make a mission on their own.
NEUTRAL = frozenset({"spacex", "nasa", "boeing", "roscosmos", "iss", "the"})
# Series designators: "MS-21" is a mission name even without "Soyuz" in front.
DESIGNATORS = frozenset({"ms", "tma", "tm", "sts", "crs", "ng", "oft", "cft"})
_NUMBER = re.compile(r"\d{1,3}")


@dataclass(frozen=True, slots=True)
class Mention:
    """A mission named in a question: tokens [start, end) and the mission id, or None
    when it names a mission the fact base does not know."""

    mission: str | None
    start: int
    end: int
    text: str


class MissionIndex:
    """Alias token sequences -> mission id, built once per fact base."""

    def __init__(self, aliases: Mapping[str, Iterable[str]]) -> None:
        self._index: dict[tuple[str, ...], str] = {}
        for mission_id, names in aliases.items():
            for name in names:
                self._index[alias_key(name)] = mission_id
        self._longest = max((len(k) for k in self._index), default=1)
        # A known "Kestrel 7" makes "kestrel" a vehicle word, so "Kestrel 9" is refused
        # as an unknown mission rather than matched as a question about Kestrel 7.
        self._vehicles = VEHICLES | {
            key[0]
            for key in self._index
            if len(key) >= 2
            and key[0].isalpha()
            and _NUMBER.fullmatch(key[-1])
            and key[0] not in NEUTRAL
            and key[0] not in DESIGNATORS
        }

    def __len__(self) -> int:
        return len(self._index)

    def resolve(self, name: str) -> str | None:
        """The mission id an alias (as a user types it) names, or None."""
        return self._index.get(alias_key(name))

    def mentions(self, tokens: tuple[str, ...]) -> list[Mention]:
        """Missions named in `tokens`, known or not, left to right, without overlaps.

        At each position the longer of the known alias and the generic mission pattern
        wins, the known alias on a tie: "progress ms 22" is unknown although "ms 22" is
        Soyuz MS-22, while "soyuz ms 22" is Soyuz MS-22.
        """
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            known, unknown = self._known_at(tokens, i), self._unknown_at(tokens, i)
            best = known
            if unknown is not None and (known is None or unknown.end > known.end):
                best = unknown
            if best is None:
                i += 1
                continue
            found.append(best)
            i = best.end
        return found

    def _known_at(self, tokens: tuple[str, ...], i: int) -> Mention | None:
        for n in range(min(self._longest, len(tokens) - i), 0, -1):
            key = tokens[i : i + n]
            mission = self._index.get(key)
            if mission is not None:
                return Mention(mission, i, i + n, " ".join(key))
        return None

    def _unknown_at(self, tokens: tuple[str, ...], i: int) -> Mention | None:
        """A mission-like name at i: [NEUTRAL...] VEHICLE [DESIGNATOR] NUMBER [s|p],
        or DESIGNATOR NUMBER."""
        j = i
        while j < len(tokens) and tokens[j] in NEUTRAL and tokens[j] not in self._vehicles:
            j += 1
        if j >= len(tokens) or self._known_at(tokens, j) is not None:
            return None  # "SpaceX Crew-5": the known name decides.
        vehicle = tokens[j] if tokens[j] in self._vehicles else None
        if vehicle:
            j += 1
        designator = j < len(tokens) and tokens[j] in DESIGNATORS
        if designator:
            j += 1
        if not (vehicle or designator) or j >= len(tokens) or not _NUMBER.fullmatch(tokens[j]):
            return None
        j += 1
        if j < len(tokens) and tokens[j] in {"s", "p"}:
            j += 1
        elif vehicle == "iss":
            return None  # "the ISS 2023 crew": a year, not a flight such as ISS 70S.
        if vehicle in NEUTRAL and self._known_at(tokens, j - (2 if designator else 1)):
            return None  # "the ISS MS-23" is MS-23.
        return Mention(None, i, j, " ".join(tokens[i:j]))
