from pathlib import Path

import pytest

from bot.factbase import DEFAULT_KNOWLEDGE_DIR
from bot.source import SourceError, load_document, parse_document

SOURCE = DEFAULT_KNOWLEDGE_DIR / "sources" / "soyuz-ms-23.txt"


def test_bundled_source_is_the_verbatim_seed_copy_with_expected_sections() -> None:
    doc = load_document(SOURCE)
    assert doc.title == "Soyuz MS-23"
    names = [s.name for s in doc.sections]
    assert names[:3] == ["Title", "Name", "Infobox: Names List"]
    assert "Lead" in names and names[-1] == "Background"
    assert doc.infobox["Landing Date"].text == "27 September 2023, 11:17UTC"


def test_every_section_is_an_exact_span_of_the_document() -> None:
    doc = load_document(SOURCE)
    for section in doc.sections:
        assert doc.text[section.start : section.end] == section.text
        assert section.text == section.text.strip()
        assert doc.text.splitlines()[section.line - 1].strip() != ""


def test_background_runs_to_the_end_and_lead_stops_before_the_heading() -> None:
    doc = load_document(SOURCE)
    lead, background = doc.section("Lead"), doc.section("Background")
    assert lead is not None and background is not None
    assert lead.text.startswith("Soyuz MS-23 was an uncrewed")
    assert "==" not in lead.text
    assert background.text.endswith("ahead of their return in the Soyuz.")


def test_headings_split_sections() -> None:
    doc = parse_document("= T =\n- A: 1\n\nLead text.\n\n== One ==\nx\n\n== Two ==\ny\n")
    assert [(s.name, s.text) for s in doc.sections] == [
        ("Title", "T"),
        ("Infobox: A", "1"),
        ("Lead", "Lead text."),
        ("One", "x"),
        ("Two", "y"),
    ]


def test_missing_title_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("No title here\n- A: 1\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"bad\.txt:1: expected the title line"):
        load_document(path)


def test_duplicate_infobox_field_is_reported_with_its_line() -> None:
    with pytest.raises(SourceError, match=r":3: infobox field 'A' appears twice"):
        parse_document("= T =\n- A: 1\n- A: 2\n", "doc.txt")
