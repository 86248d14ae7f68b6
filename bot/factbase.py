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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.source import Document, SourceError, load_document
from bot.text import alias_key
from bot.yamlfile import YamlError, line_of, load_yaml

# A wheel carries the fact base inside the package, as bot/knowledge (see pyproject.toml); a
# source checkout or an editable install reads the top-level knowledge/ that curators edit.
_PACKAGE = Path(__file__).resolve().parent
DEFAULT_KNOWLEDGE_DIR = (
    _PACKAGE / "knowledge" if (_PACKAGE / "knowledge").is_dir() else _PACKAGE.parent / "knowledge"
)

VALUE_KINDS = ("text", "date", "datetime", "place", "people", "number", "id", "mission")


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
class Mission:
    id: str
    name: str
    aliases: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class Fact:
    """An answer to one intent about one mission, with the citations that support it."""

    id: str
    mission: str
    intent: str
    answer: str
    citations: tuple[Citation, ...]
    value: Value | None = None
    derived_from: tuple[str, ...] = ()


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


@dataclass(frozen=True, slots=True)
class Intent:
    id: str
    title: str
    description: str
    examples: tuple[str, ...]
    keywords: tuple[str, ...]
    ask: str | None = None
    """A question template ("When did {name} launch?") used for suggestions."""


@dataclass(frozen=True)
class FactBase:
    """Validated, immutable knowledge: what the engine answers from."""

    missions: Mapping[str, Mission]
    intents: Mapping[str, Intent]
    facts: Mapping[str, Fact]
    gaps: Mapping[str, Gap]
    documents: Mapping[str, Document]
    stopwords: frozenset[str] = frozenset()
    domain_terms: frozenset[str] = frozenset()
    vague_terms: frozenset[str] = frozenset()
    spellings: Mapping[str, str] = field(default_factory=dict)
    """Words read as another: chat spellings ("wen" -> "when"), month names ("feb" -> "date")."""
    _by_topic: dict[tuple[str, str], Fact | Gap] = field(default_factory=dict, repr=False)
    _owners: dict[str, dict[str, None]] = field(default_factory=dict, repr=False)
    """intent -> missions holding it, in fact-file order: lookups stay O(1) at any size."""

    def __post_init__(self) -> None:
        for entry in (*self.facts.values(), *self.gaps.values()):
            self._by_topic[(entry.mission, entry.intent)] = entry
            self._owners.setdefault(entry.intent, {})[entry.mission] = None

    def lookup(self, mission: str, intent: str) -> Fact | Gap | None:
        """The fact (or known gap) for `intent` about `mission`."""
        return self._by_topic.get((mission, intent))

    def topics(self, mission: str) -> list[str]:
        """Intent ids that `mission` has a fact or gap for, in catalogue order."""
        return [i for i in self.intents if (mission, i) in self._by_topic]

    def missions_with(self, intent: str) -> Collection[str]:
        """Missions that hold a fact or gap for `intent`, in fact-file order (a view)."""
        return self._owners.get(intent, {}).keys()


# ---------------------------------------------------------------------------- loading


def load_factbase(root: Path | str = DEFAULT_KNOWLEDGE_DIR) -> FactBase:
    """Load and validate the knowledge directory `root`; raise FactBaseError listing all faults."""
    return _Loader(Path(root)).load()


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def problem(self, path: Path, node: Any, message: str) -> None:
        self.problems.append(Problem(path, line_of(node), message))

    def load(self) -> FactBase:
        intents_path = self.root / "intents.yaml"
        intents, words, spellings = self._load_intents(intents_path)
        missions: dict[str, Mission] = {}
        facts: dict[str, Fact] = {}
        gaps: dict[str, Gap] = {}
        documents: dict[str, Document] = {}
        fact_files = sorted((self.root / "missions").glob("*.yaml"))
        if not fact_files:
            self.problems.append(
                Problem(self.root / "missions", 1, "no fact files (*.yaml) found; add one")
            )
        for path in fact_files:
            self._load_fact_file(path, intents, missions, facts, gaps, documents)
        self._check_topics(facts, gaps)
        if self.problems:
            raise FactBaseError(self.problems)
        return FactBase(
            missions=missions,
            intents=intents,
            facts=facts,
            gaps=gaps,
            documents=documents,
            stopwords=words.get("stopwords", frozenset()),
            domain_terms=words.get("domain_terms", frozenset()),
            vague_terms=words.get("vague_terms", frozenset()),
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
    ) -> tuple[dict[str, Intent], dict[str, frozenset[str]], dict[str, str]]:
        data = self._read(path)
        intents: dict[str, Intent] = {}
        if data is None:
            return intents, {}, {}
        if not isinstance(data, dict):
            self.problem(path, data, "expected a mapping with an 'intents' list at the top")
            return intents, frozenset(), frozenset()
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
                ask=self._ask_template(path, node, what),
            )
        words = {}
        for key in ("stopwords", "domain_terms", "vague_terms"):
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
        return intents, words, spellings

    def _ask_template(self, path: Path, node: Mapping[str, Any], what: str) -> str | None:
        template = self._field(path, node, "ask", str, what, required=False)
        if template is not None and "{name}" not in template:
            self.problem(
                path,
                node["ask"],
                f"{what}: 'ask' must contain {{name}} where the mission's name goes",
            )
            return None
        return template

    # ------------------------------------------------------------------ fact files

    def _load_fact_file(
        self,
        path: Path,
        intents: Mapping[str, Intent],
        missions: dict[str, Mission],
        facts: dict[str, Fact],
        gaps: dict[str, Gap],
        documents: dict[str, Document],
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
        self._load_missions(path, data, document, missions)
        defects = self._load_defects(path, data, document)
        local: dict[str, Fact] = {}
        for node in self._field(path, data, "facts", list, path.name) or []:
            fact = self._load_fact(path, node, document, defects, intents, missions, facts)
            if fact is not None:
                facts[fact.id] = local[fact.id] = fact
        self._derive(path, data, local, facts)
        for node in self._field(path, data, "gaps", list, path.name, required=False) or []:
            gap = self._load_gap(path, node, defects, intents, missions, facts, gaps)
            if gap is not None:
                gaps[gap.id] = gap

    def _load_missions(
        self, path: Path, data: Mapping[str, Any], document: Document, missions: dict[str, Mission]
    ) -> None:
        claimed = {alias_key(a): m.id for m in missions.values() for a in m.aliases}
        for node in self._field(path, data, "missions", list, path.name) or []:
            if not isinstance(node, dict):
                self.problem(path, node, "each mission must be a mapping with id, name, aliases")
                continue
            mission_id = self._field(path, node, "id", str, "a mission")
            if mission_id is None:
                continue
            if mission_id in missions:
                self.problem(
                    path,
                    node,
                    f"mission '{mission_id}' is already defined (from "
                    f"{missions[mission_id].source}); give this one another id",
                )
                continue
            what = f"mission '{mission_id}'"
            name = self._field(path, node, "name", str, what) or mission_id
            aliases = self._strings(path, node, "aliases", what)
            for alias in (name, *aliases):
                key = alias_key(alias)
                if not key:
                    self.problem(
                        path, node, f"{what}: alias {alias!r} has no letters or digits; remove it"
                    )
                elif claimed.get(key, mission_id) != mission_id:
                    self.problem(
                        path,
                        node["aliases"],
                        f"{what}: alias {alias!r} already "
                        f"names mission '{claimed[key]}'; an alias must resolve to one "
                        "mission, so remove it from one of them",
                    )
                else:
                    claimed[key] = mission_id
            missions[mission_id] = Mission(
                mission_id, name, tuple(dict.fromkeys((name, *aliases))), document.name
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
        missions: Mapping[str, Mission],
        facts: Mapping[str, Fact],
    ) -> Fact | None:
        if not isinstance(node, dict):
            self.problem(path, node, "each fact must be a mapping with id, mission, intent, answer")
            return None
        fact_id = self._field(path, node, "id", str, "a fact")
        if fact_id is None:
            return None
        what = f"fact '{fact_id}'"
        if fact_id in facts:
            self.problem(path, node, f"duplicate fact id '{fact_id}'; give one of them another id")
            return None
        mission = self._ref(path, node, "mission", missions, what)
        intent = self._ref(path, node, "intent", intents, what)
        answer = self._field(path, node, "answer", str, what)
        value = self._value(path, node, what)
        derived = node.get("derived")
        citations = self._citations(path, node, document, defects, what, required=derived is None)
        if None in (mission, intent, answer) or (citations is None and derived is None):
            return None
        return Fact(fact_id, mission, intent, " ".join(answer.split()), citations or (), value)

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
            start, end = (_as_date(s.value.value) for s in sources)  # type: ignore[union-attr]
            days = (end - start).days
            if str(days) not in fact.answer:
                self.problem(
                    path,
                    nodes[fact_id]["answer"],
                    f"{what}: the answer should say "
                    f"{days} days (computed from {', '.join(spec['from'])}); fix it",
                )
            citations = tuple(c for s in sources for c in s.citations)  # type: ignore[union-attr]
            facts[fact_id] = local[fact_id] = Fact(
                fact.id,
                fact.mission,
                fact.intent,
                fact.answer,
                citations,
                Value("number", days, "days"),
                tuple(spec["from"]),
            )

    def _load_gap(
        self,
        path: Path,
        node: Any,
        defects: Mapping[str, tuple[str, int, int, str]],
        intents: Mapping[str, Intent],
        missions: Mapping[str, Mission],
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
        mission = self._ref(path, node, "mission", missions, what)
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
        """One fact or gap per (mission, intent): otherwise the answer would be arbitrary."""
        seen: dict[tuple[str, str], str] = {}
        for entry in (*facts.values(), *gaps.values()):
            key = (entry.mission, entry.intent)
            if key in seen:
                self.problems.append(
                    Problem(
                        self.root / "missions",
                        1,
                        f"'{entry.id}' and '{seen[key]}' both answer intent '{entry.intent}' for "
                        f"mission '{entry.mission}'; merge them into one fact",
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


def _as_date(value: Any) -> dt.date:
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
