"""Themes as validated design data: precise errors, inheritance, labels."""
from __future__ import annotations

from pathlib import Path

import pytest

from convert.theme import ThemeError, load_theme, shipped_themes


def write(tmp_path: Path, text: str, name: str = "t.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_default_theme_loads() -> None:
    theme = load_theme("default")
    assert theme.name == "default" and "Noto Serif CJK SC" in theme.stack("body")
    assert "default" in shipped_themes()


def test_extends_overrides_a_few_tokens(tmp_path: Path) -> None:
    path = write(tmp_path, 'name = "mine"\nextends = "default"\n[text]\nsize_pt = 12\n[colors]\nheading = "#003366"\n')
    theme = load_theme(path)
    assert theme.text.size_pt == 12 and theme.colors.heading == "#003366"
    assert theme.text.line_height == load_theme("default").text.line_height


@pytest.mark.parametrize("body, key, expected", [
    ('[text]\nsize_ptt = 11\n', "text.size_ptt", "unknown key"),
    ('[text]\nsize_pt = "big"\n', "text.size_pt", "valid number"),
    ('[colors]\nheading = "red"\n', "colors.heading", "should match pattern"),
    ('[page]\nsize = "B5"\n', "page.size", "'A4', 'A5' or 'Letter'"),
    ('[caption]\nzh = "图"\n', "caption.zh", "{n}"),
    ('colour = 1\n', "colour", "unknown key"),
])
def test_bad_theme_gets_a_precise_error(tmp_path: Path, body: str, key: str, expected: str) -> None:
    path = write(tmp_path, 'name = "bad"\nextends = "default"\n' + body)
    with pytest.raises(ThemeError) as caught:
        load_theme(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and f": {key}: " in message and expected in message
    assert "\n" not in message


def test_missing_section_and_bad_toml(tmp_path: Path) -> None:
    with pytest.raises(ThemeError, match="fonts: missing key"):
        load_theme(write(tmp_path, 'name = "x"\n'))
    with pytest.raises(ThemeError, match="not valid TOML"):
        load_theme(write(tmp_path, 'name = "x\n', "broken.toml"))
    with pytest.raises(ThemeError, match="unknown style 'nope'"):
        load_theme("nope")
    with pytest.raises(ThemeError, match="extends itself"):
        load_theme(write(tmp_path, 'name = "loop"\nextends = "loop.toml"\n', "loop.toml"))


def test_figure_labels() -> None:
    theme = load_theme()
    assert theme.figure_label(1, "港口", "zh-CN") == "图 1　港口"
    assert theme.figure_label(2, "Bus", "en") == "Figure 2. Bus"
    assert theme.figure_label(3, "", "en") == "Figure 3"


def test_unavailable_font_is_a_precise_error(tmp_path: Path) -> None:
    path = write(tmp_path, 'name = "x"\nextends = "default"\n[fonts]\nserif = ["No Such Font SC", "Also Missing"]\n')
    with pytest.raises(ThemeError) as caught:
        load_theme(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: fonts.serif: none of No Such Font SC, Also Missing is installed")


def test_shipped_themes_are_valid_and_different() -> None:
    themes = {name: load_theme(name) for name in shipped_themes()}
    assert {"default", "modern", "ereader"} <= set(themes)
    looks = {(t.fonts.body, t.text.size_pt, t.colors.heading, t.page.size) for t in themes.values()}
    assert len(looks) == len(themes)


def test_a_block_token_out_of_bounds_is_a_precise_error(tmp_path: Path) -> None:
    path = write(tmp_path, 'name = "x"\nextends = "default"\n[code]\nsize_em = 0.1\n')
    with pytest.raises(ThemeError, match=r": code\.size_em: input should be greater than or equal to 0\.5"):
        load_theme(path)
    path = write(tmp_path, 'name = "x"\nextends = "default"\n[table]\ncell_padding_em = [0.3]\n', "y.toml")
    with pytest.raises(ThemeError, match=r": table\.cell_padding_em: "):
        load_theme(path)


def test_a_user_themes_code_size_is_seen_in_every_edition(tmp_path: Path) -> None:
    """`[code] size_em` changed in a user theme: the PDF's characters, the EPUB's CSS and the DOCX's
    styles all show the new size (times each edition's body size), and nothing else moves."""
    from convert.checks.consistency import SIZE_TOLERANCE_PT, body_size, build_editions, compare, measure

    path = write(tmp_path, 'name = "big-code"\nextends = "default"\n[code]\nsize_em = 1.2\n')
    theme, default = load_theme(path), load_theme("default")
    assert theme.code.size_em == 1.2 and theme.table == default.table
    article = Path(__file__).resolve().parent.parent / "seeds" / "mixed-dev-notes" / "article.md"
    document, files = build_editions(article, path)
    readings = measure(document, theme, files)
    for edition, reading in readings.items():
        wanted = 1.2 * body_size(theme, edition)
        assert reading.code_size_pt == pytest.approx(wanted, abs=SIZE_TOLERANCE_PT), edition
        assert abs(reading.code_size_pt - 0.88 * body_size(theme, edition)) > 2, edition  # not the old value
    assert all(row.ok for row in compare(theme, document, readings))
