"""English wire copy's byline block: the outlet after the names of a `By` line, and a date line that gives the
time before the day (`Updated 3:45 PM EST, Tue November 26, 2024`)."""
from __future__ import annotations

from pathlib import Path

import pytest

from convert import model as m
from convert.builder.single import load
from convert.dates import parse_date_line
from convert.enrich.bylines import byline_fields


@pytest.mark.parametrize("line, authors, outlet", [
    ("By JANE DOE and JOHN ROE Associated Press", ("JANE DOE", "JOHN ROE"), "Associated Press"),
    ("By Jane Doe, Reuters", ("Jane Doe",), "Reuters"),
    ("By Jane Doe | AFP", ("Jane Doe",), "AFP"),
    ("By JANE DOE Riverton Courier", ("JANE DOE",), "Riverton Courier"),
    ("By Jane Doe and John Roe", ("Jane Doe", "John Roe"), ""),
])
def test_by_line_outlet(line: str, authors: tuple[str, ...], outlet: str) -> None:
    fields = byline_fields(line)
    assert fields["authors"] == authors and fields.get("source_site", "") == outlet


@pytest.mark.parametrize("line, iso", [
    ("Updated 3:45 PM EST, Tue November 26, 2024", "2024-11-26T15:45-05:00"),
    ("Published 9:05 a.m. Nov. 26, 2024", "2024-11-26T09:05"),
    ("10:30 2024-11-26", "2024-11-26T10:30"),
    ("10:30 is when we meet on 2024-11-26", ""),
])
def test_time_before_the_day(line: str, iso: str) -> None:
    assert parse_date_line(line) == iso


def test_wire_story_header(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("# Port budget passes\n\nBy JANE DOE and JOHN ROE Associated Press\n\n"
                    "Updated 3:45 PM EST, Tue November 26, 2024\n\n"
                    "RIVERTON, Ore. (AP) — The city council approved a $1.2 billion port budget.\n", encoding="utf-8")
    doc = load(path)[1]
    assert doc.meta.authors == ("JANE DOE", "JOHN ROE") and doc.meta.source_site == "Associated Press"
    assert doc.meta.date == "2024-11-26T15:45-05:00" and doc.meta.place == "Riverton"
    assert [m.plain_text(m.block_inlines(b))[:8] for b in doc.body] == ["RIVERTON"]
