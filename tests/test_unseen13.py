"""Unseen inputs, thirteenth round: what testers' new inputs, and the last round's notes, showed wrong
(see each test's docstring)."""

from __future__ import annotations

from pathlib import Path

import pytest

import convert

STANZA = "国破山河在，城春草木深。\n感时花溅泪，恨别鸟惊心。\n烽火连三月，家书抵万金。\n白头搔更短，浑欲不胜簪。"


def test_every_line_of_a_centred_stanza_is_centred_alike(tmp_path: Path) -> None:
    """A line that ends at a forced break (`<br>`) had its closing `。` set full width, the stanza's last
    line half width (the layout hook found the break's empty box at the line's end, not the mark): the
    last line sat a quarter em right of the others."""
    import pdfplumber

    (path := tmp_path / "poem.txt").write_text(f"春望\n\n读杜甫。\n\n{STANZA}\n\n雨还没有停。\n", encoding="utf-8")
    pdf = convert.convert(str(path), to="pdf", output=str(tmp_path / "poem.pdf"), offline=True)
    with pdfplumber.open(pdf) as document:
        lines: dict[int, list[dict]] = {}
        for char in document.pages[0].chars:
            lines.setdefault(round(char["top"]), []).append(char)
    starts = {"".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"])):
              min(c["x0"] for c in chars) for chars in lines.values()}
    stanza = [starts[line] for line in STANZA.splitlines()]
    assert max(stanza) - min(stanza) < 0.3, stanza


@pytest.mark.parametrize(("text", "shown"), [
    ("歼-20战机和运-20运输机", "歼-20战机和运-20运输机"),  # was 歼−20: a minus sign in a model's name
    ("殲-20、紅旗-9與米格-29", "殲-20、紅旗-9與米格-29"),
    ("江苏-3.2%", "江苏\u22123.2%"), ("气温降至-5度", "气温降至\u22125度"),  # figures keep their sign
    ("直-5℃", "直\u22125℃"), ("同比-20", "同比\u221220"),
])
def test_a_series_model_number_keeps_its_hyphen(text: str, shown: str) -> None:
    from convert.enrich.minus import minus_signs

    assert minus_signs(text) == shown
