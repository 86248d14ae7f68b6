"""The curated fact base: YAML files plus their source documents, validated as a whole.

Layout of a knowledge directory::

    intents.yaml          what people ask: intents with example utterances
    missions/*.yaml       facts, one file per source document
    sources/*.txt         the verbatim source documents the facts cite

Loading never half-succeeds: every problem found is collected with its file and
line, and `FactBaseError` lists them all, so a curator fixes a file in one pass
and the bot never starts (or reloads) on a fact base that is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bot.source import Document, SourceError, load_document
from bot.text import alias_key
from bot.text import tokens as tokenize
from bot.yamlfile import YamlError, line_of, load_yaml

# A wheel carries the fact base inside the package, as bot/knowledge (see pyproject.toml); a
# source checkout or an editable install reads the top-level knowledge/ that curators edit.
_PACKAGE = Path(__file__).resolve().parent
DEFAULT_KNOWLEDGE_DIR = (
    _PACKAGE / "knowledge" if (_PACKAGE / "knowledge").is_dir() else _PACKAGE.parent / "knowledge"
)

VALUE_KINDS = ("text", "date", "datetime", "place", "people", "number", "id", "mission")
ENTITY_KINDS = ("mission", "person", "crew", "spacecraft", "rocket", "organisation", "event")
COMPUTED = ("when", "on_date", "days_between", "order", "count")
"""Intents answered by computing over the events or a list, not from one stored fact."""
READING_WORDS = {
    "follow_up": "fill-in words that keep a follow-up's topic (and, what about)",
    "embedding": "words before a question asked inside a sentence (asked, wonder)",
    "asked_of": "who may be asked between them and the question (asked me when)",
    "clause_fillers": "words that may open a clause before its question (so, anyway)",
    "before_question": "words that may come before a clause's question word (on what date)",
    "properties": "properties a question may ask of a thing (weight | mass, made of)",
    "requests": "phrases that ask the bot to answer and name nothing (can you help)",
    "claim_tags": "phrases that close a claim to ask if it is true (right?, correct?)",
    "bare_tags": "claim tags that close a claim without a question mark (right, correct)",
    "because": "words that open a reason the asker gives (since, because)",
    "mine": "words for the asker's own things (my, our)",
    "why": "phrases that ask for a reason (why, how come)",
    "date_parts": "the parts of a date a question may ask for (year, month)",
    "other_asks": "question words that ask something other than a date (where, who)",
    "craft": "words for a spacecraft a person flew in (spacecraft, capsule, ship)",
    "time_clauses": "words opening a clause that only dates the question (before, until)",
    "step_back": "a step back along the timeline (before, earlier)",
    "step_on": "a step on along the timeline (after, next)",
    "step_fillers": "words that may come with a timeline step (and, what, then)",
    "identity": "words that with a person named by description ask who it is (involved, name)",
    "compare": "phrases that compare two things (vs, same as, compared to, longer than)",
    "more_than": "phrases before a length a claim says was exceeded (more than, over)",
    "less_than": "phrases before a length a claim says was not reached (less than, under)",
    "roughly": "words before a length a claim gives roughly (about, around)",
    "besides": "phrases that set aside what the question already knows (besides, other than)",
    "others": "words that ask for more of the same (else, other)",
    "defining": "openings that ask what a word means (what is a, whats an)",
    "finer_than_days": "phrases asking a time between happenings finer than days (hours)",
    "day_units": "words a count of days may be asked in (days, weeks, months)",
    "people_units": "words a count of people may be asked in (people, crew, seats)",
    "plural": "pointing words for several people (they, them): the crew of those named",
    "rode": "phrases of travelling in a craft, before its name (launched on, flew in)",
    "role": "phrases that ask an organisation's part in the story (role, involved)",
    "took": "words that ask how long a happening took to come about (take, took)",
    "until": "words that count the days to a happening from its craft's first (until, till)",
    "conditional": "of the reason words, those opening a condition of the question (if)",
    "elapsed": "phrases asking how far into a flight a happening came (days into)",
    "occasion": "phrases in which a time word counts occasions (first time, last time)",
    "happening": "phrases that ask what happened, with a date (went down, rundown of)",
    "corrections": "phrases that take back what came before them (wait no, i meant)",
}
"""The lists under `reading:` in intents.yaml, and what each holds."""
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the fact base, located and with a fix a curator can apply."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class FactBaseError(ValueError):
    """The fact base is invalid; `problems` lists every error found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"the fact base has {len(problems)} problem(s):\n{lines}")


@dataclass(frozen=True, slots=True)
class Citation:
    """A verbatim quote from one section of a source document."""

    source: str
    section: str
    quote: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "section": self.section, "quote": self.quote}


@dataclass(frozen=True, slots=True)
class Value:
    """A structured value: `kind` tells how to read `value` (ISO dates, lists of names...)."""

    kind: str
    value: Any
    unit: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data = {"kind": self.kind, "value": self.value}
        if self.unit:
            data["unit"] = self.unit
        return data


@dataclass(frozen=True, slots=True)
class Entity:
    """Anything the documents speak of: a mission, person, spacecraft, rocket, organisation
    or event. `aliases` are the names people use; each resolves to exactly one entity."""

    id: str
    name: str
    aliases: tuple[str, ...]
    source: str
    kind: str = "mission"
    loose: tuple[str, ...] = ()
    """Aliases so generic ("the crew") that they name this entity only for a topic it
    holds; otherwise the question is read as if they were plain words."""


Mission = Entity
"""A mission is an entity of kind "mission"; the name stays for the front ends."""


@dataclass(frozen=True, slots=True)
class Fact:
    """A statement: an answer to `intents` about `subjects`, with the citations behind it.

    `mission` is the mission the fact belongs to (the subject itself for a mission fact;
    MS-22 for "Rubio launched on MS-22"), or None when it belongs to none."""

    id: str
    mission: str | None
    intent: str
    answer: str
    citations: tuple[Citation, ...]
    value: Value | None = None
    derived_from: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    intents: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.subjects and self.mission is not None:
            object.__setattr__(self, "subjects", (self.mission,))
        if not self.intents:
            object.__setattr__(self, "intents", (self.intent,))


@dataclass(frozen=True, slots=True)
class Event:
    """A dated happening: the timeline and the time questions are answered from these.

    Its citations state the date; where the source leaves out the year, they also
    include the quotes of the dates around it that give the year."""

    id: str
    title: str
    date: dt.date
    entities: tuple[str, ...]
    citations: tuple[Citation, ...]
    answer: str
    time: str | None = None
    """"00:24 UTC" where the source gives one."""
    topic: str | None = None
    """The intent this event is the answer to for its first entity ("launch" of MS-23)."""
    mission: str | None = None
    words: tuple[str, ...] = ()
    """Words that name this kind of happening in a question ("launch", "leak")."""
    fact: str | None = None
    """The fact that dates it, when it is dated by one."""
    until: dt.date | None = None
    """The last day of a happening that lasted ("installation continued through 18 January")."""
    thing: str | None = None
    """What happened to, when that is no entity (a person's "seat liner"): what "it" means
    after an answer about this event ("when did it go into the new soyuz")."""

    def spans(self, day: dt.date) -> bool:
        """Whether the event was going on on `day`."""
        return self.date <= day <= (self.until or self.date)

    @property
    def date_text(self) -> str:
        return format_date(self.date)


@dataclass(frozen=True, slots=True)
class Gap:
    """A question the source cannot answer because its value is garbled or missing."""

    id: str
    mission: str
    intent: str
    missing: str
    problem: str
    section: str
    see_also: tuple[str, ...]


@dataclass(frozen=True)
class Intent:
    id: str
    title: str
    description: str
    examples: tuple[str, ...]
    keywords: tuple[str, ...]
    ask: str | None = None
    """A question template ("When did {name} launch?") used for suggestions."""
    computed: str | None = None
    """How the answer is made when it is not one fact: from the events ("when",
    "on_date", "days_between", "order") or by counting a list ("count")."""
    ask_for: Mapping[str, str] = field(default_factory=dict)
    """Templates for entities of another kind than missions ("organisation": ...)."""
    related: Mapping[str, str] = field(default_factory=dict)
    """Terse follow-ups that change the topic: after a launch answer, "where?" asks for
    the launch site."""
    follow: Mapping[str, str] = field(default_factory=dict)
    """How a follow-up is read after this topic: after a landing, "was anyone on it"
    (read alone: who launched on it) asks whether it came back crewed."""
    reasons: bool = False
    """The topic's facts give reasons ("because it was sent as a replacement"): they
    answer a "why" question about it."""
    why: tuple[str, ...] = ()
    """Where a "why" question about this topic is answered, first held first: why MS-22
    came back uncrewed is its damage. A topic with neither says the source gives no
    reason."""
    dated_by: str | None = None
    """The topic that dates this one's statements, which give no day: "when did ms-22 go
    up with the crew" reads as whether it launched crewed, and is its launch's day."""
    cues: tuple[tuple[str, ...], ...] = ()
    """Phrases that ask this facet of whatever the question names, however close the
    topic named scores: "was moving a seat liner from soyuz to dragon a first" asks
    whether it was a first, "what did moving rubio's liner do for the cosmonauts" what
    it changed."""
    facet: bool = False
    """The topic asks something of another one (whether it was a first, who decided it,
    what it did): "was the seat liner swap a first" names seat liners but asks this."""
    amount: bool = False
    """The topic's facts state an amount (a duration, a size, a count, a number): a "how
    much" or "how far" question answered by another topic's fact would be a guess."""
    doer: str | None = None
    """What a "who" question asks of an organisation whose own deed this topic's fact
    tells ("who ran {name}"): "who was running roscosmos" is not answered by "Roscosmos
    operated Soyuz MS-23", and the source names no one behind any of them."""
    about: tuple[str, ...] = ()
    """The kinds of entity a topic is asked of, where not every kind: a patch's designer
    is a mission's. Of another kind ("who designed crew dragon"), a topic close behind
    that it holds is read instead of the source not giving this one."""


@dataclass(frozen=True)
class FactBase:
    """Validated, immutable knowledge: what the engine answers from."""

    missions: Mapping[str, Mission]
    intents: Mapping[str, Intent]
    facts: Mapping[str, Fact]
    gaps: Mapping[str, Gap]
    documents: Mapping[str, Document]
    entities: Mapping[str, Entity] = field(default_factory=dict)
    """Every entity, missions included, in fact-file order."""
    events: Mapping[str, Event] = field(default_factory=dict)
    """Dated happenings, in date order."""
    date_words: frozenset[str] = frozenset()
    """Words besides "when" that ask for a date ("on which day"): one of several dated
    events then answers, not the fact that tells them all."""
    time_words: frozenset[str] = frozenset()
    """Words that ask for a time of day ("what time", "utc"): a fact that knows only the
    date then says the time is not given."""
    amount_words: frozenset[str] = frozenset()
    """Words that after "how" ask for an amount ("how much", "how far"): only topics
    marked `amount` answer them."""
    confirmations: frozenset[str] = frozenset()
    """Phrases that ask whether a claim is true ("is that right", "is it true that"): the
    claim is the question, read without them."""
    reading: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Words and phrases that say how a question is read, by `READING_WORDS` key:
    "asked" before an embedded question, "since" before a reason the asker gives."""
    references: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Words that point back ("he", "that one"), by what they point at: person, thing, other."""
    stopwords: frozenset[str] = frozenset()
    domain_terms: frozenset[str] = frozenset()
    vague_terms: frozenset[str] = frozenset()
    spellings: Mapping[str, str] = field(default_factory=dict)
    """Words read as another: chat spellings ("wen" -> "when"), month names ("feb" -> "date")."""
    _by_topic: dict[tuple[str, str], Fact | Gap] = field(default_factory=dict, repr=False)
    _owners: dict[str, dict[str, None]] = field(default_factory=dict, repr=False)
    _answering: dict[str, dict[str, Fact | Gap]] = field(default_factory=dict, repr=False)
    """intent -> missions holding it, in fact-file order: lookups stay O(1) at any size."""
    _tied: dict[str, set[str]] = field(default_factory=dict, repr=False)
    """entity or event -> the missions it takes part in (see `missions_of`)."""

    def __post_init__(self) -> None:
        if not self.entities:
            object.__setattr__(self, "entities", dict(self.missions))
        for fact in self.facts.values():
            for subject in fact.subjects:
                for intent in fact.intents:
                    self._add(subject, intent, fact)
                if fact.mission:
                    self._tied.setdefault(subject, set()).add(fact.mission)
        for gap in self.gaps.values():
            self._add(gap.mission, gap.intent, gap)
        for event in self.events.values():
            crafts = {e for e in (event.mission, *event.entities) if e in self.missions}
            for entity in {event.id, *event.entities}:
                self._tied.setdefault(entity, set()).update(crafts)

    def _add(self, subject: str, intent: str, entry: Fact | Gap) -> None:
        self._by_topic[(subject, intent)] = entry
        self._answering.setdefault(intent, {})[entry.id] = entry
        if subject in self.missions:
            self._owners.setdefault(intent, {})[subject] = None

    def lookup(self, entity: str, intent: str) -> Fact | Gap | None:
        """The fact (or known gap) for `intent` about `entity` (a mission or any other)."""
        return self._by_topic.get((entity, intent))

    def topics(self, entity: str) -> list[str]:
        """Intent ids that `entity` has a fact or gap for, in catalogue order."""
        return [i for i in self.intents if (entity, i) in self._by_topic]

    def holders(self, intent: str) -> bool:
        """Whether any entity holds a fact or gap for `intent`."""
        return intent in self._answering

    def entries_for(self, intent: str) -> list[Fact | Gap]:
        """The distinct facts and gaps that answer `intent`, about whatever entity."""
        return list(self._answering.get(intent, {}).values())

    def missions_with(self, intent: str) -> Collection[str]:
        """Missions that hold a fact or gap for `intent`, in fact-file order (a view)."""
        return self._owners.get(intent, {}).keys()

    def events_of(self, entity: str) -> list[Event]:
        """The events `entity` takes part in, in date order."""
        return [e for e in self.events.values() if entity in e.entities or e.id == entity]

    def missions_of(self, entity: str) -> frozenset[str]:
        """The missions `entity` takes part in: those its facts belong to and those of its
        events. A question about Rubio that names MS-23 is about one of his missions."""
        if entity in self.missions:
            return frozenset({entity})
        return frozenset(self._tied.get(entity, ()))


# ---------------------------------------------------------------------------- loading


def load_factbase(root: Path | str = DEFAULT_KNOWLEDGE_DIR) -> FactBase:
    """Load and validate the knowledge directory `root`; raise FactBaseError listing all faults."""
    return _Loader(Path(root)).load()


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self._intents_unreadable = False
        self.reading: dict[str, frozenset[str]] = {}
        self._where: dict[str, tuple[Path, int]] = {}
        """fact or gap id -> where it is defined, for problems found across files."""

    def problem(self, path: Path, node: Any, message: str) -> None:
        self.problems.append(Problem(path, line_of(node), message))

    def load(self) -> FactBase:
        intents_path = self.root / "intents.yaml"
        intents, words, spellings, references = self._load_intents(intents_path)
        # Without a readable intents.yaml, every reference to an intent would be reported
        # unknown: the one YAML error is the problem to show.
        self._intents_unreadable = not intents
        entities: dict[str, Entity] = {}
        facts: dict[str, Fact] = {}
        gaps: dict[str, Gap] = {}
        documents: dict[str, Document] = {}
        events: dict[str, Event] = {}
        fact_files = sorted((self.root / "missions").glob("*.yaml"))
        if not fact_files:
            self.problems.append(
                Problem(self.root / "missions", 1, "no fact files (*.yaml) found; add one")
            )
        for path in fact_files:
            self._load_fact_file(path, intents, entities, facts, gaps, documents, events)
        self._check_topics(facts, gaps)
        if self._intents_unreadable:
            # Everything else names intents: fix intents.yaml first.
            own = [p for p in self.problems if p.path == intents_path]
            raise FactBaseError(own or self.problems)
        if self.problems:
            raise FactBaseError(self.problems)
        return FactBase(
            missions={k: e for k, e in entities.items() if e.kind == "mission"},
            entities=entities,
            events=dict(sorted(events.items(), key=lambda item: item[1].date)),
            references=references,
            intents=intents,
            facts=facts,
            gaps=gaps,
            documents=documents,
            stopwords=words.get("stopwords", frozenset()),
            domain_terms=words.get("domain_terms", frozenset()),
            vague_terms=words.get("vague_terms", frozenset()),
            time_words=words.get("time_words", frozenset()),
            date_words=words.get("date_words", frozenset()),
            amount_words=words.get("amount_words", frozenset()),
            confirmations=words.get("confirmations", frozenset()),
            reading=self.reading,
            spellings=spellings,
        )

    # ------------------------------------------------------------------ helpers

    def _read(self, path: Path) -> Any:
        try:
            return load_yaml(path)
        except FileNotFoundError:
            self.problems.append(Problem(path, 1, "file not found; create it"))
        except YamlError as exc:
            self.problems.append(Problem(exc.path, exc.line, str(exc).split(": ", 1)[1]))
        return None

    def _field(
        self,
        path: Path,
        node: Mapping[str, Any],
        key: str,
        kind: type | tuple[type, ...],
        what: str,
        required: bool = True,
    ) -> Any:
        """node[key] checked for presence and type; records a problem and returns None if bad."""
        if key not in node or node[key] is None:
            if required:
                self.problem(path, node, f"{what} is missing the field '{key}'; add it")
            return None
        value = node[key]
        if not isinstance(value, kind):
            expected = (
                kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            )
            self.problem(
                path,
                value if hasattr(value, "line") else node,
                f"{what}: '{key}' must be a {_kind_name(expected)}, "
                f"got {_kind_name(type(value).__name__)} {value!r:.60}",
            )
            return None
        return value

    def _strings(
        self, path: Path, node: Mapping[str, Any], key: str, what: str, required: bool = True
    ) -> tuple[str, ...]:
        items = self._field(path, node, key, list, what, required)
        if items is None:
            return ()
        good = []
        for item in items:
            if isinstance(item, str) and item.strip():
                good.append(str(item))
            else:
                self.problem(
                    path,
                    items,
                    f"{what}: every entry of '{key}' must be a non-empty text, got {item!r:.60}",
                )
        return tuple(good)

    def _kinds(self, path: Path, node: Mapping[str, Any], what: str) -> tuple[str, ...]:
        kinds = self._strings(path, node, "about", what, required=False)
        for kind in kinds:
            if kind not in ENTITY_KINDS:
                self.problem(
                    path,
                    node["about"],
                    f"{what}: 'about' names kind {kind!r}; use some of: "
                    + ", ".join(ENTITY_KINDS),
                )
        return tuple(k for k in kinds if k in ENTITY_KINDS)

    def _unique(self, path: Path, node: Any, key: str, seen: dict[str, Any], what: str) -> bool:
        if key in seen:
            self.problem(
                path,
                node,
                f"duplicate {what} id '{key}' (also at line "
                f"{line_of(seen[key])}); give one of them another id",
            )
            return False
        seen[key] = node
        return True

    # ------------------------------------------------------------------ intents

    def _load_intents(
        self, path: Path
    ) -> tuple[
        dict[str, Intent], dict[str, frozenset[str]], dict[str, str], dict[str, tuple[str, ...]]
    ]:
        data = self._read(path)
        intents: dict[str, Intent] = {}
        if data is None:
            return intents, {}, {}, {}
        if not isinstance(data, dict):
            self.problem(path, data, "expected a mapping with an 'intents' list at the top")
            return intents, {}, {}, {}
        seen: dict[str, Any] = {}
        for node in self._field(path, data, "intents", list, "intents.yaml") or []:
            if not isinstance(node, dict):
                self.problem(path, node, "each intent must be a mapping with id, title, examples")
                continue
            intent_id = self._field(path, node, "id", str, "an intent")
            if intent_id is None or not self._unique(path, node, intent_id, seen, "intent"):
                continue
            what = f"intent '{intent_id}'"
            examples = self._strings(path, node, "examples", what, required=False)
            if not examples:
                self.problem(
                    path,
                    node,
                    f"{what} has no example utterances; add a list "
                    "'examples' with questions people ask about it",
                )
            intents[intent_id] = Intent(
                id=intent_id,
                title=self._field(path, node, "title", str, what) or intent_id,
                description=self._field(path, node, "description", str, what, required=False) or "",
                examples=examples,
                keywords=self._strings(path, node, "keywords", what, required=False),
                ask=self._ask_template(path, node, "ask", what),
                ask_for=self._ask_for(path, node, what),
                related=self._related(path, node, what),
                follow=self._related(path, node, what, "follow"),
                computed=self._computed(path, node, what),
                amount=bool(self._field(path, node, "amount", bool, what, required=False)),
                facet=bool(self._field(path, node, "facet", bool, what, required=False)),
                reasons=bool(self._field(path, node, "reasons", bool, what, required=False)),
                why=self._strings(path, node, "why", what, required=False),
                dated_by=self._field(path, node, "dated_by", str, what, required=False),
                cues=tuple(
                    tokenize(c)
                    for c in self._strings(path, node, "cues", what, required=False)
                    if tokenize(c)
                ),
                about=self._kinds(path, node, what),
                doer=self._ask_template(path, node, "doer", what),
            )
        words = {}
        for key in (
            "stopwords",
            "domain_terms",
            "vague_terms",
            "time_words",
            "date_words",
            "amount_words",
            "confirmations",
        ):
            words[key] = frozenset(
                w.casefold() for w in self._strings(path, data, key, "intents.yaml", required=False)
            )
        spellings: dict[str, str] = {}
        table = self._field(path, data, "spellings", dict, "intents.yaml", required=False) or {}
        for slang, word in table.items():
            if isinstance(word, str) and word.strip() and " " not in str(slang).strip():
                spellings[str(slang).casefold()] = word.casefold()
            else:
                self.problem(
                    path,
                    table,
                    f"intents.yaml: 'spellings' maps one chat word to the word it stands for "
                    f"(wen: when), got {slang!r:.30}: {word!r:.30}",
                )
        references: dict[str, tuple[str, ...]] = {}
        table = self._field(path, data, "references", dict, "intents.yaml", required=False) or {}
        for target in table:
            if target not in ("person", "thing", "other", "others"):
                self.problem(
                    path,
                    table,
                    f"intents.yaml: 'references' has {target!r}; its keys are person (he, "
                    "his), thing (it), other (that one) and others (the other two)",
                )
                continue
            references[str(target)] = self._strings(path, table, target, "intents.yaml")
        self._load_reading(path, data)
        self._check_related(path, data, intents)
        return intents, words, spellings, references

    def _load_reading(self, path: Path, data: Mapping[str, Any]) -> None:
        table = self._field(path, data, "reading", dict, "intents.yaml", required=False) or {}
        for key in table:
            if key not in READING_WORDS:
                known = ", ".join(READING_WORDS)
                self.problem(
                    path, table, f"intents.yaml: 'reading' has {key!r}; its lists are: {known}"
                )
                continue
            words = self._strings(path, table, key, "intents.yaml: reading")
            self.reading[str(key)] = frozenset(w.casefold() for w in words)

    def _computed(self, path: Path, node: Mapping[str, Any], what: str) -> str | None:
        kind = self._field(path, node, "computed", str, what, required=False)
        if kind is not None and kind not in COMPUTED:
            self.problem(
                path,
                node["computed"],
                f"{what}: computed {kind!r} is unknown; use one of: {', '.join(COMPUTED)}",
            )
            return None
        return kind

    def _related(
        self, path: Path, node: Mapping[str, Any], what: str, key: str = "related"
    ) -> Mapping[str, str]:
        """`related: {where: launch_site}`: a terse follow-up word that moves to another
        topic; `follow: {crewed_launch: crewed_return}`: a reading that does."""
        table = self._field(path, node, key, dict, what, required=False) or {}
        return {str(k).casefold(): str(v) for k, v in table.items()}

    def _check_related(self, path: Path, data: Any, intents: Mapping[str, Intent]) -> None:
        nodes = {n.get("id"): n for n in data.get("intents") or [] if isinstance(n, dict)}
        for intent in intents.values():
            for word, target in intent.related.items():
                if target not in intents:
                    self.problem(
                        path,
                        nodes[intent.id]["related"],
                        f"intent '{intent.id}': related word {word!r} names unknown intent "
                        f"'{target}'; use an intent id",
                    )
            for target in intent.why:
                if target not in intents:
                    self.problem(
                        path,
                        nodes[intent.id]["why"],
                        f"intent '{intent.id}': 'why' names unknown intent '{target}'; "
                        "use an intent id",
                    )
            if intent.cues and not intent.facet:
                self.problem(
                    path,
                    nodes[intent.id]["cues"],
                    f"intent '{intent.id}': 'cues' say a facet is asked of what a question "
                    "names; add 'facet: true' or remove them",
                )
            if intent.dated_by is not None and intent.dated_by not in intents:
                self.problem(
                    path,
                    nodes[intent.id]["dated_by"],
                    f"intent '{intent.id}': 'dated_by' names unknown intent "
                    f"'{intent.dated_by}'; use an intent id",
                )
            for reading, target in intent.follow.items():
                for name in (reading, target):
                    if name not in intents:
                        self.problem(
                            path,
                            nodes[intent.id]["follow"],
                            f"intent '{intent.id}': 'follow' names unknown intent "
                            f"'{name}'; use an intent id",
                        )

    def _ask_template(
        self, path: Path, node: Mapping[str, Any], key: str, what: str
    ) -> str | None:
        template = self._field(path, node, key, str, what, required=False)
        if template is not None and "{name}" not in template:
            self.problem(
                path,
                node[key],
                f"{what}: '{key}' must contain {{name}} where the entity's name goes",
            )
            return None
        return template

    def _ask_for(self, path: Path, node: Mapping[str, Any], what: str) -> Mapping[str, str]:
        """`ask_for: {person: "When did {name} launch?"}`: templates for other kinds."""
        table = self._field(path, node, "ask_for", dict, what, required=False) or {}
        templates = {}
        for kind in table:
            if kind not in ENTITY_KINDS:
                self.problem(
                    path,
                    table,
                    f"{what}: 'ask_for' has {kind!r}; its keys are entity kinds: "
                    + ", ".join(ENTITY_KINDS),
                )
                continue
            template = self._ask_template(path, table, kind, f"{what} ask_for")
            if template is not None:
                templates[str(kind)] = template
        return templates

    # ------------------------------------------------------------------ fact files

    def _load_fact_file(
        self,
        path: Path,
        intents: Mapping[str, Intent],
        entities: dict[str, Entity],
        facts: dict[str, Fact],
        gaps: dict[str, Gap],
        documents: dict[str, Document],
        events: dict[str, Event],
    ) -> None:
        data = self._read(path)
        if data is None:
            return
        if not isinstance(data, dict):
            self.problem(path, data, "expected a mapping with source, missions and facts")
            return
        source_rel = self._field(path, data, "source", str, path.name)
        if source_rel is None:
            return
        source_path = (path.parent.parent / source_rel).resolve()
        try:
            document = load_document(source_path)
        except FileNotFoundError:
            self.problem(
                path,
                source_rel,
                f"source document '{source_rel}' not found "
                f"(looked for {source_path}); fix the path or add the file",
            )
            return
        except SourceError as exc:
            self.problems.append(Problem(source_path, 1, str(exc)))
            return
        documents[document.name] = document
        for key in ("missions", "entities", "events"):
            self._load_entities(path, data, document, entities, key)
        defects = self._load_defects(path, data, document)
        local: dict[str, Fact] = {}
        for node in self._field(path, data, "facts", list, path.name) or []:
            fact = self._load_fact(path, node, document, defects, intents, entities, facts)
            if fact is not None:
                self._where[fact.id] = (path, line_of(node))
                facts[fact.id] = local[fact.id] = fact
        self._derive(path, data, local, facts)
        for node in self._field(path, data, "events", list, path.name, required=False) or []:
            event = self._load_event(path, node, document, defects, intents, entities, facts)
            if event is not None:
                events[event.id] = event
        for node in self._field(path, data, "gaps", list, path.name, required=False) or []:
            gap = self._load_gap(path, node, defects, intents, entities, facts, gaps)
            if gap is not None:
                self._where[gap.id] = (path, line_of(node))
                gaps[gap.id] = gap

    def _load_entities(
        self,
        path: Path,
        data: Mapping[str, Any],
        document: Document,
        entities: dict[str, Entity],
        key: str,
    ) -> None:
        """Read the `missions`, `entities` or `events` list: ids, kinds, names and aliases."""
        claimed = {alias_key(a): e.id for e in entities.values() for a in e.aliases}
        required = key == "missions"
        for node in self._field(path, data, key, list, path.name, required) or []:
            if not isinstance(node, dict):
                self.problem(path, node, f"each entry of '{key}' must be a mapping with id, name")
                continue
            entity_id = self._field(path, node, "id", str, f"an entry of '{key}'")
            if entity_id is None:
                continue
            if entity_id in entities:
                self.problem(
                    path,
                    node,
                    f"'{entity_id}' is already defined (a {entities[entity_id].kind} from "
                    f"{entities[entity_id].source}); give this one another id",
                )
                continue
            kind = {"missions": "mission", "events": "event"}.get(key)
            if kind is None:
                kind = self._field(path, node, "kind", str, f"entity '{entity_id}'") or ""
                if kind not in ENTITY_KINDS or kind in ("mission", "event"):
                    # Reported once; the entity is still known, so that the facts about it
                    # do not each report it missing.
                    self.problem(
                        path,
                        node.get("kind", node),
                        f"entity '{entity_id}': kind {kind!r} is unknown; use one of: "
                        "person, crew, spacecraft, rocket, organisation (missions and events "
                        "have lists of their own)",
                    )
            what = f"{kind} '{entity_id}'"
            name = self._field(path, node, "title" if kind == "event" else "name", str, what)
            aliases = self._strings(path, node, "aliases", what, required=required)
            names = (name or entity_id, *aliases) if kind != "event" else aliases
            for alias in names:
                alias_tokens = alias_key(alias)
                if not alias_tokens:
                    self.problem(
                        path, node, f"{what}: alias {alias!r} has no letters or digits; remove it"
                    )
                elif claimed.get(alias_tokens, entity_id) != entity_id:
                    owner = entities[claimed[alias_tokens]]
                    self.problem(
                        path,
                        node.get("aliases", node),
                        f"{what}: alias {alias!r} already names {owner.kind} "
                        f"'{owner.id}'; an alias must resolve to one entity, so remove it "
                        "from one of them",
                    )
                else:
                    claimed[alias_tokens] = entity_id
            loose = self._strings(path, node, "loose_aliases", what, required=False)
            for alias in loose:
                tokens = alias_key(alias)
                if claimed.get(tokens, entity_id) != entity_id:
                    self.problem(
                        path,
                        node["loose_aliases"],
                        f"{what}: loose alias {alias!r} already names "
                        f"'{claimed[tokens]}'; remove it from one of them",
                    )
                claimed[tokens] = entity_id
            entities[entity_id] = Entity(
                entity_id,
                name or entity_id,
                tuple(dict.fromkeys((*names, *loose))),
                document.name,
                kind,
                tuple(loose),
            )

    def _load_defects(
        self, path: Path, data: Mapping[str, Any], document: Document
    ) -> dict[str, tuple[str, int, int, str]]:
        """Defects by id: (section, start, end, problem) spans no citation may quote."""
        defects: dict[str, tuple[str, int, int, str]] = {}
        for node in self._field(path, data, "defects", list, path.name, required=False) or []:
            if not isinstance(node, dict):
                self.problem(path, node, "each defect must be a mapping with id, section, text")
                continue
            defect_id = self._field(path, node, "id", str, "a defect")
            section_name = self._field(path, node, "section", str, f"defect '{defect_id}'")
            text = self._field(path, node, "text", str, f"defect '{defect_id}'")
            problem = self._field(path, node, "problem", str, f"defect '{defect_id}'")
            if None in (defect_id, section_name, text, problem):
                continue
            section = self._section(path, node["section"], document, section_name)
            if section is None:
                continue
            count = section.text.count(text)
            if count != 1:
                self.problem(
                    path,
                    node["text"],
                    f"defect '{defect_id}': text {text!r} occurs "
                    f"{count} times in section '{section_name}'; quote a span that "
                    "occurs exactly once",
                )
                continue
            start = section.find(text)
            defects[defect_id] = (section_name, start, start + len(text), problem)
        return defects

    def _section(self, path: Path, node: Any, document: Document, name: str) -> Any:
        section = document.section(name)
        if section is None:
            known = ", ".join(repr(s.name) for s in document.sections)
            self.problem(
                path, node, f"unknown section {name!r} in {document.name}; use one of: {known}"
            )
        return section

    def _load_fact(
        self,
        path: Path,
        node: Any,
        document: Document,
        defects: Mapping[str, tuple[str, int, int, str]],
        intents: Mapping[str, Intent],
        entities: Mapping[str, Entity],
        facts: Mapping[str, Fact],
    ) -> Fact | None:
        if not isinstance(node, dict):
            self.problem(path, node, "each fact must be a mapping with id, subject, intent, answer")
            return None
        fact_id = self._field(path, node, "id", str, "a fact")
        if fact_id is None:
            return None
        what = f"fact '{fact_id}'"
        if fact_id in facts:
            self.problem(path, node, f"duplicate fact id '{fact_id}'; give one of them another id")
            return None
        subjects = self._refs(path, node, ("subject", "mission"), entities, what)
        missions = {k: e for k, e in entities.items() if e.kind == "mission"}
        if "mission" in node:
            mission = self._ref(path, node, "mission", missions, what)
        else:
            mission = next((s for s in subjects if s in missions), None)
        topics = self._refs(path, node, ("intent",), intents, what)
        answer = self._field(path, node, "answer", str, what)
        value = self._value(path, node, what)
        derived = node.get("derived")
        citations = self._citations(path, node, document, defects, what, required=derived is None)
        if (
            not subjects
            or not topics
            or answer is None
            or ("mission" in node and mission is None)
            or (citations is None and derived is None)
        ):
            return None
        return Fact(
            fact_id,
            mission,
            topics[0],
            " ".join(answer.split()),
            citations or (),
            value,
            subjects=subjects,
            intents=topics,
        )

    def _refs(
        self,
        path: Path,
        node: Mapping[str, Any],
        keys: tuple[str, ...],
        known: Mapping[str, Any],
        what: str,
    ) -> tuple[str, ...]:
        """Ids under the first of `keys` present (one id or a list), each checked to exist."""
        key = next((k for k in keys if k in node), keys[0])
        raw = node.get(key)
        if raw is None:
            self.problem(path, node, f"{what} is missing the field '{key}'; add it")
            return ()
        items = raw if isinstance(raw, list) else [raw]
        good = []
        for item in items:
            if not isinstance(item, str):
                self.problem(
                    path,
                    raw if hasattr(raw, "line") else node,
                    f"{what}: '{key}' must be a text or a list of texts, got "
                    f"{_kind_name(type(item).__name__)} {item!r:.60}",
                )
            elif item not in known:
                self.problem(
                    path,
                    raw,
                    f"{what}: unknown {key} {item!r}; use one of: " + ", ".join(sorted(known)),
                )
            else:
                good.append(str(item))
        return tuple(good) if len(good) == len(items) else ()

    def _ref(
        self, path: Path, node: Mapping[str, Any], key: str, known: Mapping[str, Any], what: str
    ) -> str | None:
        ref = self._field(path, node, key, str, what)
        if ref is not None and ref not in known:
            self.problem(
                path,
                node[key],
                f"{what}: unknown {key} '{ref}'; use one of: " + ", ".join(sorted(known)),
            )
            return None
        return ref

    def _citations(
        self,
        path: Path,
        node: Mapping[str, Any],
        document: Document,
        defects: Mapping[str, tuple[str, int, int, str]],
        what: str,
        required: bool,
    ) -> tuple[Citation, ...] | None:
        items = self._field(path, node, "cite", list, what, required)
        if items is None:
            return None
        if not items:
            self.problem(path, node, f"{what}: 'cite' is empty; cite at least one quote")
            return None
        citations = []
        for item in items:
            if not isinstance(item, dict):
                self.problem(path, item, f"{what}: each citation is a mapping {{section, quote}}")
                continue
            section_name = self._field(path, item, "section", str, f"{what} citation")
            quote = self._field(path, item, "quote", str, f"{what} citation")
            if section_name is None or quote is None:
                continue
            section = self._section(path, item["section"], document, section_name)
            if section is None:
                continue
            start = section.find(quote)
            if start < 0:
                self.problem(
                    path,
                    item["quote"],
                    f"{what}: quote {quote!r:.80} is not in "
                    f"section '{section_name}' of {document.name}; copy the quote "
                    "verbatim from that section",
                )
                continue
            end = start + len(quote)
            for defect_id, (_, d_start, d_end, problem) in defects.items():
                if start < d_end and d_start < end:
                    self.problem(
                        path,
                        item["quote"],
                        f"{what}: the quote includes garbled "
                        f"source text (defect '{defect_id}': {problem}); quote "
                        "around it",
                    )
            citations.append(Citation(document.name, section_name, str(quote), start, end))
        return tuple(citations) if len(citations) == len(items) else None

    def _value(self, path: Path, node: Mapping[str, Any], what: str) -> Value | None:
        raw = node.get("value")
        if raw is None:
            return None
        if not isinstance(raw, dict) or "kind" not in raw or "value" not in raw:
            self.problem(
                path,
                raw if hasattr(raw, "line") else node,
                f"{what}: 'value' must be a mapping {{kind, value}}",
            )
            return None
        kind, value = raw["kind"], raw["value"]
        problem = _check_value(kind, value)
        if problem:
            self.problem(path, raw, f"{what}: {problem}")
            return None
        if isinstance(value, list):
            value = tuple(str(v) for v in value)
        elif isinstance(value, str):
            value = str(value)
        return Value(str(kind), value, raw.get("unit"))

    def _derive(
        self, path: Path, data: Mapping[str, Any], local: dict[str, Fact], facts: dict[str, Fact]
    ) -> None:
        """Compute derived facts from the facts they cite, and check the stated answer."""
        nodes = {n.get("id"): n for n in data.get("facts") or [] if isinstance(n, dict)}
        for fact_id, fact in list(local.items()):
            spec = nodes[fact_id].get("derived")
            if spec is None:
                continue
            what = f"fact '{fact_id}'"
            if (
                not isinstance(spec, dict)
                or spec.get("kind") != "days_between"
                or not (isinstance(spec.get("from"), list) and len(spec["from"]) == 2)
            ):
                self.problem(
                    path,
                    spec if hasattr(spec, "line") else nodes[fact_id],
                    f"{what}: 'derived' must be {{kind: days_between, from: "
                    "[start-fact, end-fact]}",
                )
                del facts[fact_id]
                continue
            sources = [facts.get(ref) for ref in spec["from"]]
            if any(
                s is None or s.value is None or s.value.kind not in ("date", "datetime")
                for s in sources
            ):
                self.problem(
                    path,
                    spec,
                    f"{what}: 'derived.from' must name two facts with date or datetime values",
                )
                del facts[fact_id]
                continue
            start, end = (as_date(s.value.value) for s in sources)  # type: ignore[union-attr]
            days = (end - start).days
            if str(days) not in fact.answer:
                self.problem(
                    path,
                    nodes[fact_id]["answer"],
                    f"{what}: the answer should say "
                    f"{days} days (computed from {', '.join(spec['from'])}); fix it",
                )
            citations = tuple(c for s in sources for c in s.citations)  # type: ignore[union-attr]
            facts[fact_id] = local[fact_id] = replace(
                fact,
                citations=citations,
                value=Value("number", days, "days"),
                derived_from=tuple(spec["from"]),
            )

    def _load_event(
        self,
        path: Path,
        node: Any,
        document: Document,
        defects: Mapping[str, tuple[str, int, int, str]],
        intents: Mapping[str, Intent],
        entities: Mapping[str, Entity],
        facts: Mapping[str, Fact],
    ) -> Event | None:
        """An event: dated by a fact (`fact`) or by its own `date` and `cite`."""
        if not isinstance(node, dict) or not isinstance(node.get("id"), str):
            return None  # reported by _load_entities
        event_id = str(node["id"])
        what = f"event '{event_id}'"
        participants = self._refs(path, node, ("entities",), entities, what)
        topic = self._ref(path, node, "topic", intents, what) if "topic" in node else None
        words = self._strings(path, node, "words", what, required=False)
        source_fact = None
        if "fact" in node:
            source_fact = facts.get(str(node["fact"]))
            if source_fact is None or source_fact.value is None or source_fact.value.kind not in (
                "date",
                "datetime",
            ):
                self.problem(
                    path,
                    node["fact"],
                    f"{what}: 'fact' must name a fact with a date or datetime value",
                )
                return None
            raw_date = str(source_fact.value.value)
            citations: tuple[Citation, ...] | None = source_fact.citations
            answer: str | None = node.get("answer") or source_fact.answer
        else:
            raw_date = str(self._field(path, node, "date", (str, dt.date), what) or "")
            citations = self._citations(path, node, document, defects, what, required=True)
            answer = self._field(path, node, "answer", str, what)
        try:
            when = as_date(raw_date)
        except ValueError:
            self.problem(
                path,
                node.get("date", node),
                f"{what}: date {raw_date!r} is not ISO 8601; write it like 2023-03-06",
            )
            return None
        if not participants or citations is None or answer is None:
            return None
        citations = self._dated_by(path, node, what, when, citations, facts)
        if citations is None:
            return None
        if format_date(when, year=False) not in " ".join(answer.split()):
            self.problem(
                path,
                node.get("answer", node),
                f"{what}: the answer should give the date as {format_date(when)!r}; fix it",
            )
        time = None
        if "T" in raw_date:
            time = dt.datetime.fromisoformat(raw_date.replace("Z", "+00:00")).strftime(
                "%H:%M UTC"
            )
        missions = [e for e in participants if entities[e].kind == "mission"]
        until = None
        if "until" in node:
            try:
                until = as_date(str(node["until"]))
            except ValueError:
                until = None
            if until is None or until < when or format_date(until, year=False) not in " ".join(
                c.quote for c in citations
            ):
                self.problem(
                    path,
                    node["until"],
                    f"{what}: 'until' must be an ISO date after {format_date(when)} that a "
                    "citation states",
                )
                until = None
        thing = node.get("thing")
        if thing is not None and (not isinstance(thing, str) or thing not in words):
            self.problem(
                path,
                node["thing"],
                f"{what}: 'thing' must be one of its 'words' (what the happening was to)",
            )
            thing = None
        return Event(
            event_id,
            entities[event_id].name,
            when,
            participants,
            citations,
            " ".join(answer.split()),
            time,
            topic,
            source_fact.mission if source_fact else (missions[0] if missions else None),
            words,
            source_fact.id if source_fact else None,
            until,
            thing,
        )

    def _dated_by(
        self,
        path: Path,
        node: Mapping[str, Any],
        what: str,
        when: dt.date,
        citations: tuple[Citation, ...],
        facts: Mapping[str, Fact],
    ) -> tuple[Citation, ...] | None:
        """The event's citations, plus those of `year_from` where the quote has no year.

        A quote must state the day and month; the year comes from it or from the dated
        facts on either side, which must enclose the date."""
        day_month = format_date(when, year=False)
        stated = [c for c in citations if day_month in c.quote]
        if not stated:
            self.problem(
                path,
                node.get("cite", node),
                f"{what}: no citation states {day_month!r}; quote where the source gives it",
            )
            return None
        if any(str(when.year) in c.quote for c in stated):
            return citations
        refs = node.get("year_from")
        around = [facts.get(str(r)) for r in refs] if isinstance(refs, list) else []
        dates = [
            as_date(f.value.value)
            for f in around
            if f is not None and f.value is not None and f.value.kind in ("date", "datetime")
        ]
        if not dates or len(dates) != len(around):
            self.problem(
                path,
                node.get("year_from", node),
                f"{what}: the source gives {day_month!r} without a year; add 'year_from' "
                "with the dated facts before and after it that fix the year",
            )
            return None
        if not min(dates) <= when <= max(dates) or (len(dates) < 2 and dates[0].year != when.year):
            self.problem(
                path,
                node["year_from"],
                f"{what}: {format_date(when)} is not between the dates of "
                f"{', '.join(map(str, refs))}; fix the date or year_from",
            )
            return None
        kept = list(citations)
        for extra in (c for f in around if f is not None for c in f.citations):
            # "24 February 2023" and "24 February 2023, 00:24UTC" cite one span: keep one.
            if not any(_overlap(extra, c) for c in kept):
                kept.append(extra)
        return tuple(kept)

    def _load_gap(
        self,
        path: Path,
        node: Any,
        defects: Mapping[str, tuple[str, int, int, str]],
        intents: Mapping[str, Intent],
        entities: Mapping[str, Entity],
        facts: Mapping[str, Fact],
        gaps: Mapping[str, Gap],
    ) -> Gap | None:
        if not isinstance(node, dict):
            self.problem(path, node, "each gap must be a mapping with id, mission, intent")
            return None
        gap_id = self._field(path, node, "id", str, "a gap")
        if gap_id is None:
            return None
        what = f"gap '{gap_id}'"
        if gap_id in gaps or gap_id in facts:
            self.problem(path, node, f"duplicate id '{gap_id}'; give it another id")
            return None
        subject = self._refs(path, node, ("subject", "mission"), entities, what)
        mission = subject[0] if len(subject) == 1 else None
        intent = self._ref(path, node, "intent", intents, what)
        missing = self._field(path, node, "missing", str, what)
        defect_id = self._field(path, node, "defect", str, what)
        see_also = self._strings(path, node, "see_also", what, required=False)
        for ref in see_also:
            if ref not in facts:
                self.problem(
                    path,
                    node["see_also"],
                    f"{what}: see_also names unknown fact '{ref}'; use a fact id from this file",
                )
        if defect_id is not None and defect_id not in defects:
            self.problem(
                path,
                node["defect"],
                f"{what}: unknown defect '{defect_id}'; use one of: " + ", ".join(sorted(defects)),
            )
            return None
        if None in (mission, intent, missing, defect_id):
            return None
        section, _, _, problem = defects[defect_id]  # type: ignore[index]
        return Gap(
            gap_id,
            mission,
            intent,
            missing,
            problem,
            section,  # type: ignore[arg-type]
            tuple(r for r in see_also if r in facts),
        )

    def _check_topics(self, facts: Mapping[str, Fact], gaps: Mapping[str, Gap]) -> None:
        """One fact or gap per (subject, intent): otherwise the answer would be arbitrary."""
        seen: dict[tuple[str, str], str] = {}
        keys = [(e, (s, i)) for e in facts.values() for s in e.subjects for i in e.intents]
        keys += [(g, (g.mission, g.intent)) for g in gaps.values()]
        for entry, key in keys:
            if key in seen and seen[key] != entry.id:
                path, line = self._where.get(entry.id, (self.root / "missions", 1))
                other = self._where.get(seen[key], (path, 1))
                self.problems.append(
                    Problem(
                        path,
                        line,
                        f"'{entry.id}' and '{seen[key]}' ({other[0].name}:{other[1]}) both "
                        f"answer intent '{key[1]}' for '{key[0]}'; merge them into one fact, "
                        "or take the subject or intent out of one",
                    )
                )
            seen[key] = entry.id


def _kind_name(name: str) -> str:
    """A YAML-level name for a Python type name, as a curator would say it."""
    return {
        "str": "text",
        "Scalar": "text",
        "list": "list",
        "Sequence": "list",
        "dict": "mapping",
        "Mapping": "mapping",
        "int": "number",
        "float": "number",
        "bool": "true/false",
        "NoneType": "empty value",
    }.get(name, name)


def _overlap(a: Citation, b: Citation) -> bool:
    return a.source == b.source and a.start < b.end and b.start < a.end


def format_date(day: dt.date, year: bool = True) -> str:
    """A date as the answers write it: "14 December 2022"."""
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def as_date(value: Any) -> dt.date:
    """A date, datetime or ISO text as a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    if "T" in text:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    return dt.date.fromisoformat(text)


def _check_value(kind: Any, value: Any) -> str | None:
    """Why `value` is not a valid structured value of `kind`, or None."""
    if kind not in VALUE_KINDS:
        return f"value kind {kind!r} is unknown; use one of: {', '.join(VALUE_KINDS)}"
    try:
        if kind == "date":
            dt.date.fromisoformat(str(value))
        elif kind == "datetime":
            dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        example = "2023-09-27" if kind == "date" else "2023-09-27T11:17:00Z"
        return f"{kind} value {value!r} is not ISO 8601; write it like {example}"
    if kind == "people" and not (
        isinstance(value, list) and value and all(isinstance(v, str) for v in value)
    ):
        return "a people value must be a list of names"
    if kind == "number" and (isinstance(value, bool) or not isinstance(value, int | float)):
        return f"a number value must be numeric, got {value!r}"
    if kind not in ("people", "number") and not isinstance(value, str):
        return f"a {kind} value must be text, got {value!r}"
    return None


def iter_entries(factbase: FactBase) -> Iterable[Fact | Gap]:
    yield from factbase.facts.values()
    yield from factbase.gaps.values()
