"""Themes as validated design data: precise errors, inheritance, labels."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from convert import cli
from convert.checks import doctor
from convert.theme import ThemeError, available_themes, forget_caches, load_theme, shipped_themes, user_styles_dir


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


# --- Where named themes are found: the user's folder, installed packages (entry points), shipped ---

@pytest.fixture
def user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty `$XDG_CONFIG_HOME/convert/styles`; the theme caches are forgotten before and after."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    folder = tmp_path / "config" / "convert" / "styles"
    folder.mkdir(parents=True)
    forget_caches()
    yield folder
    monkeypatch.undo()
    forget_caches()


def fake_distribution(site: Path, dist: str, entry_points: str, package: str | None = None,
                      files: dict[str, str] | None = None) -> None:
    """What an installer leaves in site-packages: `DIST-1.0.dist-info/` with METADATA and
    entry_points.txt, and the package's files."""
    info = site / f"{dist.replace('-', '_')}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[convert.styles]\n{entry_points}\n", encoding="utf-8")
    if package:
        (site / package).mkdir()
        (site / package / "__init__.py").write_text("", encoding="utf-8")
        for name, text in (files or {}).items():
            (site / package / name).write_text(text, encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path, user_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder on sys.path that fake distributions are installed into (after the user folder is isolated)."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    return folder


NEWSROOM = 'name = "newsroom"\ndescription = "house style"\nextends = "default"\n[colors]\nheading = "#004488"\n'


def test_user_theme_is_listed_and_used_by_name(user_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert user_styles_dir() == user_dir
    write(user_dir, NEWSROOM, "newsroom.toml")
    themes = available_themes()
    assert themes["newsroom"].origin == "user" and themes["default"].origin == "shipped"
    theme = load_theme("newsroom")
    assert theme.colors.heading == "#004488" and theme.text.size_pt == load_theme("default").text.size_pt
    assert cli.main(["--list-styles"]) == 0
    listed = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert set(listed) == {"default", "modern", "ereader", "newsroom"}
    assert listed["newsroom"].endswith("house style  [user]") and listed["modern"].endswith("[shipped]")


def test_user_theme_named_default_extends_the_shipped_default(user_dir: Path) -> None:
    shipped = load_theme("default")
    write(user_dir, 'name = "default"\nextends = "default"\n[text]\nsize_pt = 13\nindent_em = 1.5\n',
          "default.toml")
    forget_caches()
    assert available_themes()["default"].origin == "user"
    mine = load_theme("default")
    assert (mine.text.size_pt, mine.text.indent_em) == (13, 1.5) and shipped.text.indent_em != 1.5
    assert mine.colors == shipped.colors and mine.fonts == shipped.fonts
    # The same file given by path (through a symlinked folder) is the same theme: no loop either.
    link = user_dir.parent / "linked"
    link.symlink_to(user_dir)
    assert load_theme(link / "default.toml").text.size_pt == 13
    # A shipped theme extending `default` now starts from the user's default: a name means one theme everywhere.
    ereader = load_theme("ereader")
    assert ereader.text.indent_em == 1.5 and ereader.text.size_pt == 12.5


def test_user_themes_extending_each_other_is_a_loop_error(user_dir: Path) -> None:
    write(user_dir, 'name = "a"\nextends = "b"\n', "a.toml")
    write(user_dir, 'name = "b"\nextends = "a"\n', "b.toml")
    with pytest.raises(ThemeError, match="extends itself"):
        load_theme("a")


def test_forget_caches_sees_a_new_user_folder(user_dir: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert "newsroom" not in available_themes()
    with pytest.raises(ThemeError, match="unknown style 'newsroom'"):
        load_theme("newsroom")
    other = tmp_path / "other" / "convert" / "styles"
    other.mkdir(parents=True)
    write(other, NEWSROOM, "newsroom.toml")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "other"))
    forget_caches()
    assert load_theme("newsroom").colors.heading == "#004488"


def test_relative_xdg_config_home_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/config")
    assert user_styles_dir() == tmp_path / ".config" / "convert" / "styles"


def test_installed_package_registers_a_theme(site: Path) -> None:
    fake_distribution(site, "convert-newsroom-theme", "newsroom = convert_newsroom_theme",
                      "convert_newsroom_theme", {"newsroom.toml": NEWSROOM})
    fake_distribution(site, "convert-night-theme", "night = convert_night_theme.files:NIGHT",
                      "convert_night_theme", {
                          "files.py": "from importlib.resources import files\nNIGHT = files(__package__) / 'n.toml'\n",
                          "n.toml": 'name = "night"\nextends = "modern"\n[colors]\ntext = "#222222"\n'})
    forget_caches()
    themes = available_themes()
    assert themes["newsroom"].origin == "package convert-newsroom-theme"
    assert themes["night"].origin == "package convert-night-theme"
    assert load_theme("newsroom").colors.heading == "#004488"
    night = load_theme("night")
    assert night.colors.text == "#222222" and night.fonts.body == load_theme("modern").fonts.body
    assert doctor.check_themes().problem is None
    assert "newsroom (package convert-newsroom-theme)" in doctor.check_themes().detail


def test_user_theme_shadows_a_package_theme(site: Path, user_dir: Path) -> None:
    fake_distribution(site, "convert-newsroom-theme", "newsroom = convert_shadowed_theme",
                      "convert_shadowed_theme", {"newsroom.toml": NEWSROOM})
    write(user_dir, 'name = "newsroom"\nextends = "newsroom"\n[text]\nsize_pt = 12\n', "newsroom.toml")
    forget_caches()
    assert available_themes()["newsroom"].origin == "user"
    theme = load_theme("newsroom")  # the user's, extending the package's, extending the shipped default
    assert theme.text.size_pt == 12 and theme.colors.heading == "#004488"


def test_two_packages_defining_one_name_is_an_error_naming_both(site: Path) -> None:
    fake_distribution(site, "house-a", "newsroom = house_a", "house_a", {"newsroom.toml": NEWSROOM})
    fake_distribution(site, "house-b", "newsroom = house_b", "house_b", {"newsroom.toml": NEWSROOM})
    forget_caches()
    with pytest.raises(ThemeError) as caught:
        load_theme("newsroom")
    message = str(caught.value)
    assert "two installed packages define the style 'newsroom'" in message
    assert "house-a (house_a)" in message and "house-b (house_b)" in message
    assert load_theme("modern").name == "modern"  # the conflict stops only the name it is about
    check = doctor.check_themes()
    assert check.problem and "house-a" in check.problem and "house-b" in check.problem


def test_broken_package_theme_fails_only_when_named(site: Path) -> None:
    fake_distribution(site, "gone-theme", "gone = no_such_module_anywhere")
    fake_distribution(site, "empty-theme", "empty = empty_theme", "empty_theme")
    forget_caches()
    with pytest.raises(ThemeError, match="style 'gone' from the package gone-theme .* cannot load it"):
        load_theme("gone")
    with pytest.raises(ThemeError, match="style 'empty' from the package empty-theme .*empty.toml is not a file"):
        load_theme("empty")
    assert load_theme("default").name == "default"

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


# --- The cache of validated themes (a new process reads a theme back instead of validating it) ---

def _stored(cache: Path) -> list[Path]:
    return sorted((cache / "themes").glob("*.pickle"))


def test_a_validated_theme_is_read_back_and_a_changed_one_validated_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from convert.theme import load as theme_load
    from convert.theme.schema import Theme

    cache = tmp_path / "cache"
    monkeypatch.setenv("CONVERT_CACHE_DIR", str(cache))
    path = write(tmp_path, 'name = "x"\nextends = "default"\n[colors]\nheading = "#123456"\n')
    forget_caches()
    first = load_theme(path)
    assert len(_stored(cache)) == 1

    def refuse(*_: object, **__: object) -> Theme:
        raise AssertionError("validated again")

    forget_caches()
    monkeypatch.setattr(theme_load, "validate", refuse)
    again = load_theme(path)  # read back: no validation
    assert again == first and again.colors.heading == "#123456" and again.stack("body") == first.stack("body")
    path.write_text('name = "x"\nextends = "default"\n[colors]\nheading = "#654321"\n', encoding="utf-8")
    forget_caches()
    with pytest.raises(AssertionError, match="validated again"):  # new data, new key: validated
        load_theme(path)
    monkeypatch.undo()
    monkeypatch.setenv("CONVERT_CACHE_DIR", str(cache))
    forget_caches()
    assert load_theme(path).colors.heading == "#654321" and len(_stored(cache)) == 2
    forget_caches()


def test_a_damaged_stored_theme_is_validated_again_and_a_bad_theme_never_stored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CONVERT_CACHE_DIR", str(cache))
    forget_caches()
    expected = load_theme("modern")
    (stored,) = _stored(cache)
    stored.write_bytes(b"not a pickle")
    forget_caches()
    assert load_theme("modern") == expected and stored.read_bytes() != b"not a pickle"
    bad = write(tmp_path, 'name = "x"\nextends = "default"\n[text]\nsize_pt = -1\n')
    for _ in range(2):  # the second time too: the error is pydantic's, not a stored answer
        forget_caches()
        with pytest.raises(ThemeError, match=r"text\.size_pt: input should be greater than or equal to 4"):
            load_theme(bad)
    assert len(_stored(cache)) == 1
    forget_caches()


def test_tokens_are_what_pydantic_dumps(tmp_path: Path) -> None:
    from pydantic import TypeAdapter

    from convert.theme.schema import Theme

    """`Theme.tokens` (which keys the manifest) reads the fields itself; it must give what pydantic's
    serializer gives, for every shipped theme and for one with regional stacks and optional sections."""
    themes = [load_theme(name) for name in shipped_themes()]
    themes.append(load_theme(write(tmp_path, 'name = "x"\nextends = "default"\n[fonts.tc]\nserif = ["A", "B"]\n'
                                             '[credit]\ncolor = "#123456"\n')))
    for theme in themes:
        assert theme.tokens() == TypeAdapter(Theme).dump_python(theme, mode="json"), theme.name


def test_a_run_whose_theme_is_stored_does_not_import_pydantic(tmp_path: Path) -> None:
    """Once the theme is stored validated, a lone run reads plain dataclasses back (the first run
    validates, and imports pydantic to do it)."""
    article = tmp_path / "a.md"
    article.write_text("# 标题\n\n正文。\n", encoding="utf-8")
    code = ("import sys; from convert.cli import main; main(sys.argv[1:]); "
            "print(sorted(name for name in sys.modules if name.startswith('pydantic'))[:3])")
    env = {**os.environ, "CONVERT_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code, "--to", "epub,docx", str(article), "-o",
                            str(tmp_path / f"out{run}"), "--offline", "-q"], env=env,
                           capture_output=True, text=True, check=True).stdout.strip() for run in range(2)]
    assert runs[0] != "[]" and runs[1] == "[]", runs
