"""Parse a mission source document into named sections with character offsets.

The format is small and line-based::

    = Title =
    Name line
    - Key: Value          (infobox, one section per key: "Infobox: Key")
    Lead paragraphs       (section "Lead")
    == Heading ==         (section "Heading", up to the next heading)

Citations quote spans of these sections, so each section keeps the exact
offsets of its text in the original document: a quote can always be shown
in context and checked against the file it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_TITLE = re.compile(r"^=\s*(?P<title>[^=].*?)\s*=\s*$")
_HEADING = re.compile(r"^==\s*(?P<heading>.+?)\s*==\s*$")
_INFOBOX = re.compile(r"^-\s*(?P<key>[^:]+?)\s*:\s?(?P<value>.*?)\s*$")

LEAD = "Lead"
INFOBOX_PREFIX = "Infobox: "


class SourceError(ValueError):
    """A source document that does not follow the format; names file and line."""


@dataclass(frozen=True, slots=True)
class Section:
    """A named span of the document. `text` is exactly `document.text[start:end]`."""

    name: str
    start: int
    end: int
    text: str
    line: int

    def find(self, quote: str) -> int:
        """Offset of `quote` in the whole document, or -1 when the section lacks it."""
        index = self.text.find(quote)
        return -1 if index < 0 else self.start + index


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed source document: its title, the infobox fields and the sections."""

    path: Path
    text: str
    title: str
    sections: tuple[Section, ...]

    @property
    def name(self) -> str:
        return self.path.name

    def section(self, name: str) -> Section | None:
        for section in self.sections:
            if section.name == name:
                return section
        return None

    @property
    def infobox(self) -> dict[str, Section]:
        """Infobox sections by field name ("Launch Date" -> its value's section)."""
        return {
            s.name.removeprefix(INFOBOX_PREFIX): s
            for s in self.sections
            if s.name.startswith(INFOBOX_PREFIX)
        }


def parse_document(text: str, path: Path | str = "<string>") -> Document:
    """Split `text` into sections; raise SourceError naming the line that breaks the format."""
    path = Path(path)
    lines = text.splitlines(keepends=True)
    title = ""
    sections: list[Section] = []
    offset = 0
    # The body of the current multi-line section (lead or heading).
    body_name: str | None = None
    body_start = body_end = 0
    body_line = 0

    def close_body() -> None:
        nonlocal body_name
        if body_name is not None:
            # Trim surrounding whitespace but keep offsets exact.
            raw = text[body_start:body_end]
            lead_ws = len(raw) - len(raw.lstrip())
            start, end = body_start + lead_ws, body_start + len(raw.rstrip())
            if end > start or body_name != LEAD:
                sections.append(Section(body_name, start, end, text[start:end], body_line))
        body_name = None

    for number, line in enumerate(lines, start=1):
        stripped = line.rstrip("\r\n")
        line_start, offset = offset, offset + len(line)
        if not stripped.strip():
            if body_name is not None:
                body_end = offset
            continue
        if heading := _HEADING.match(stripped):
            close_body()
            body_name = heading["heading"]
            body_start = body_end = offset
            body_line = number + 1
            continue
        if not title:
            if not (match := _TITLE.match(stripped)):
                raise SourceError(
                    f"{path}:{number}: expected the title line '= Title =', "
                    f"found {stripped[:60]!r}; add the title as the first line"
                )
            title = match["title"]
            sections.append(
                _span_section("Title", text, line_start, stripped, match, "title", number)
            )
            continue
        if body_name is None and not any(s.name == LEAD for s in sections):
            if (field := _INFOBOX.match(stripped)) is not None:
                key = field["key"]
                name = INFOBOX_PREFIX + key
                if any(s.name == name for s in sections):
                    raise SourceError(
                        f"{path}:{number}: infobox field {key!r} appears twice; "
                        f"merge the two lines into one"
                    )
                sections.append(
                    _span_section(name, text, line_start, stripped, field, "value", number)
                )
                continue
            if not any(s.name.startswith(INFOBOX_PREFIX) for s in sections):
                # The name line between the title and the infobox.
                sections.append(
                    Section("Name", line_start, line_start + len(stripped), stripped, number)
                )
                continue
            body_name, body_start, body_line = LEAD, line_start, number
        body_end = offset
    close_body()
    if not title:
        raise SourceError(f"{path}:1: the document is empty; it needs at least a '= Title =' line")
    return Document(path=path, text=text, title=title, sections=tuple(sections))


def _span_section(
    name: str, text: str, line_start: int, line: str, match: re.Match[str], group: str, number: int
) -> Section:
    start = line_start + match.start(group)
    end = line_start + match.end(group)
    return Section(name, start, end, text[start:end], number)


def load_document(path: Path | str) -> Document:
    """Read and parse a source file (UTF-8)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 text ({exc.reason}); save it as UTF-8") from exc
    return parse_document(text, path)
