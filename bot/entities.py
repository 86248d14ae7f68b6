"""Find which entities a question names: missions strictly by number, people forgivingly.

MS-22 and MS-23 differ by one digit, and Progress MS-22 is a cargo ship, not
Soyuz MS-22. Aliases are therefore matched as whole token sequences looked up
in a dictionary (never fuzzily), and a generic pattern recognises mission-like
names the fact base does not know ("Apollo 11", "Soyuz MS-21", "Crew-7") so the
engine can refuse them instead of answering with the default mission's facts.
A person's one-word name is the exception: "prokopiev" and "rubbio" are who
people mean, and a name carries no number to confuse.
Lookup cost depends on the question's length, not on the number of entities.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz.distance import OSA

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


# A one-word personal name this long or longer is matched despite a typo.
_MIN_FUZZY_NAME = 5


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity named in a question: tokens [start, end) and the entity id, or None
    when it names a mission the fact base does not know."""

    entity: str | None
    start: int
    end: int
    text: str

    @property
    def mission(self) -> str | None:
        """The id named (kept for callers that only ever indexed missions)."""
        return self.entity


def _numbers_free(key: tuple[str, ...]) -> tuple[str, ...]:
    return tuple("#" if word.isdigit() else word for word in key)


class EntityIndex:
    """Alias token sequences -> entity id, built once per fact base."""

    def __init__(
        self, aliases: Mapping[str, Iterable[str]], names: Mapping[str, Iterable[str]] = ()
    ) -> None:
        """`aliases`: entity id -> its aliases, matched exactly; `names`: entity id -> the
        personal names among them, whose single words are matched despite a typo."""
        self._index: dict[tuple[str, ...], str] = {}
        # last word -> the words before it in an entity's aliases, for typos there:
        # "fransisco rubio" is Francisco Rubio, though "francisco" alone is nobody.
        self._before: dict[tuple[str, str], set[str]] = {}
        for entity_id, alias_list in aliases.items():
            for name in alias_list:
                key = alias_key(name)
                self._index[key] = entity_id
                for a, b in itertools.pairwise(key):
                    if a.isalpha() and len(a) >= _MIN_FUZZY_NAME:
                        self._before.setdefault((entity_id, b), set()).add(a)
        self._longest = max((len(k) for k in self._index), default=1)
        # an alias written with its numbers left out -> the entities written so
        kin: dict[tuple[str, ...], set[str]] = {}
        for key, entity_id in self._index.items():
            kin.setdefault(_numbers_free(key), set()).add(entity_id)
        self._kin = {shape: frozenset(ids) for shape, ids in kin.items()}
        self._names: dict[str, dict[str, str]] = {}
        for entity_id, name_list in dict(names).items():
            for name in name_list:
                for word in alias_key(name):
                    if len(word) >= _MIN_FUZZY_NAME and word.isalpha():
                        self._names.setdefault(word[0], {})[word] = entity_id
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

    def kin(self, name: str) -> frozenset[str]:
        """The entities with an alias written like `name` but for its numbers: "ms 21"
        is written like MS-22's "ms 22" and MS-23's "ms 23"."""
        return self._kin.get(_numbers_free(alias_key(name)), frozenset())

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
            if best.entity is not None and (not found or found[-1].end < best.start):
                best = self._with_typo_before(tokens, best)
            found.append(best)
            i = best.end
        return found

    def _with_typo_before(self, tokens: tuple[str, ...], mention: Mention) -> Mention:
        """The mention grown by a misspelt word of the entity's name just before it."""
        if mention.start == 0 or mention.entity is None:
            return mention
        word = tokens[mention.start - 1]
        limit = _typo_limit(word)
        if not limit:
            return mention
        for name in self._before.get((mention.entity, tokens[mention.start]), ()):
            if 0 < OSA.distance(word, name, score_cutoff=limit) <= limit:
                text = " ".join(tokens[mention.start - 1 : mention.end])
                return Mention(mention.entity, mention.start - 1, mention.end, text)
        return mention

    def _known_at(self, tokens: tuple[str, ...], i: int) -> Mention | None:
        for n in range(min(self._longest, len(tokens) - i), 0, -1):
            key = tokens[i : i + n]
            entity = self._index.get(key)
            if entity is not None:
                return Mention(entity, i, i + n, " ".join(key))
        return self._name_at(tokens, i)

    def _name_at(self, tokens: tuple[str, ...], i: int) -> Mention | None:
        """A personal name with a typo ("prokopiev"): one edit, two for long names."""
        word = tokens[i]
        limit = _typo_limit(word)
        if not limit:
            return None
        best = None
        for name, entity in self._names.get(word[0], {}).items():
            distance = OSA.distance(word, name, score_cutoff=limit)
            if distance <= limit and (best is None or distance < best[0]):
                best = (distance, entity)
        return Mention(best[1], i, i + 1, word) if best else None

    def _unknown_at(self, tokens: tuple[str, ...], i: int) -> Mention | None:
        """A mission-like name at i: [NEUTRAL...] VEHICLE [DESIGNATOR] NUMBER [s|p],
        or DESIGNATOR NUMBER."""
        j = i
        while j < len(tokens) and tokens[j] in NEUTRAL and tokens[j] not in self._vehicles:
            j += 1
        if j >= len(tokens):
            return None
        start = j
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
            known = self._known_at(tokens, i)
            if tokens[j] == "s" and vehicle != "iss" and known is not None and known.end == j:
                return None  # "ms 22s problem": MS-22's, not a flight called MS-22S
            j += 1
        elif vehicle == "iss":
            return None  # "the ISS 2023 crew": a year, not a flight such as ISS 70S.
        known = self._known_at(tokens, start)
        if known is not None and known.end >= j:
            return None  # "SpaceX Crew-5": the known name decides; "crew" alone does not.
        if vehicle in NEUTRAL and self._known_at(tokens, j - (2 if designator else 1)):
            return None  # "the ISS MS-23" is MS-23.
        return Mention(None, i, j, " ".join(tokens[i:j]))


def _typo_limit(word: str) -> int:
    """How many edits a word of a name may be off by: one, two for a long word, none for
    a short one or one with digits."""
    if len(word) < _MIN_FUZZY_NAME or not word.isalpha():
        return 0
    return 1 if len(word) < 8 else 2
