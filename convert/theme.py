"""Themes: one TOML file of design tokens per theme in `styles/`, validated, and compiled for writers.

A theme may `extends = "other"` and override a few tokens. Unknown keys, wrong types and bad values
are reported with the file, the key and what was expected, like a configuration schema.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import UsageError

STYLES_DIR = Path(__file__).resolve().parent.parent / "styles"
PAGE_SIZES_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "Letter": (215.9, 279.4)}
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
# Family names of Chinese/Japanese/Korean faces: a stack's first such family sets Han text.
CJK_FAMILY = re.compile(r"\b(CJK|SC|TC|HK|JP|KR|Song|Hei|Kai|Ming|Fang|Sim|YaHei|PingFang|宋|黑|楷)\b", re.I)

Color = Annotated[str, Field(pattern=_COLOR.pattern)]
Positive = Annotated[float, Field(gt=0)]
NonNegative = Annotated[float, Field(ge=0)]
FontStack = Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]
Margins = Annotated[list[NonNegative], Field(min_length=4, max_length=4)]


class ThemeError(UsageError):
    pass


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Fonts(_Section):
    body: Literal["serif", "sans"] = "serif"
    headings: Literal["serif", "sans"] = "sans"
    serif: FontStack
    sans: FontStack
    mono: FontStack


class Text(_Section):
    size_pt: Positive
    line_height: Positive
    indent_em: NonNegative
    latin_indent_em: NonNegative
    paragraph_spacing_em: NonNegative
    latin_paragraph_spacing_em: NonNegative
    justify: bool = True
    script_gap_em: NonNegative = 0.25  # gap between Han and Latin script in running text


class Headings(_Section):
    scale: Annotated[list[Positive], Field(min_length=6, max_length=6)]
    weight: Annotated[int, Field(ge=100, le=900)] = 700
    space_before_em: NonNegative
    space_after_em: NonNegative


class Colors(_Section):
    text: Color
    heading: Color
    accent: Color
    muted: Color
    rule: Color
    notice_background: Color
    code_background: Color


class Caption(_Section):
    size_pt: Positive
    zh: str
    en: str

    @field_validator("zh", "en")
    @classmethod
    def _has_number(cls, value: str) -> str:
        if "{n}" not in value or "{caption}" not in value:
            raise ValueError("must contain both {n} and {caption}")
        return value


class Figure(_Section):
    max_height_mm: Positive


class Page(_Section):
    size: Literal["A4", "A5", "Letter"] = "A4"
    margin_mm: Margins
    header: Literal["title", "site", "none"] = "title"


class EReader(_Section):
    page_size_mm: Annotated[list[Positive], Field(min_length=2, max_length=2)]
    margin_mm: Margins
    size_pt: Positive


class Theme(_Section):
    name: str
    description: str = ""
    extends: str | None = None
    fonts: Fonts
    text: Text
    headings: Headings
    colors: Colors
    caption: Caption
    figure: Figure
    page: Page
    ereader: EReader

    # ------------------------------------------------------------ derived values
    def stack(self, role: Literal["body", "headings", "mono"]) -> list[str]:
        if role == "mono":
            return list(self.fonts.mono)
        return list(getattr(self.fonts, getattr(self.fonts, role)))

    def script_stack(self, role: Literal["body", "headings", "mono"], chinese: bool) -> list[str]:
        """The stack in the order an article's script wants: as written for Chinese (the CJK face first,
        so Latin letters and quotes match the Han text); Latin faces first for other articles (real
        italics, proportional quotes). Every edition orders it so (CSS `:lang`, Word's faces)."""
        stack = self.stack(role)
        if chinese:
            return stack
        return [f for f in stack if not CJK_FAMILY.search(f)] + [f for f in stack if CJK_FAMILY.search(f)]

    def figure_label(self, number: int | None, caption: str, lang: str) -> str:
        """`图 1　caption` / `Figure 1. caption`, as the theme formats it for `lang`."""
        fmt = self.caption.zh if lang.lower().startswith("zh") else self.caption.en
        if number is None:
            return caption
        text = fmt.format(n=number, caption=caption)
        return text if caption else text.rstrip(" 　.:：")

    def figure_label_parts(self, number: int, lang: str) -> tuple[str, str]:
        """The label (`图 1`, `Figure 1.`) and what the theme puts between it and a caption (`　`, ` `)."""
        label = self.figure_label(number, "", lang)
        marker = "\x1f"
        return label, self.figure_label(number, marker, lang).partition(marker)[0][len(label):]

    def page_size_mm(self) -> tuple[float, float]:
        return PAGE_SIZES_MM[self.page.size]


def shipped_themes() -> dict[str, Path]:
    """Theme name -> file, for every theme in `styles/`."""
    return {path.stem: path for path in sorted(STYLES_DIR.glob("*.toml"))}


def load_theme(name_or_path: str | Path = "default") -> Theme:
    """Load a shipped theme by name, or a theme file by path; raise ThemeError on any problem."""
    return _load(str(name_or_path))


@lru_cache(maxsize=32)
def _load(name_or_path: str) -> Theme:
    path = _resolve(name_or_path)
    data = _merged(path, seen=())
    data.pop("extends", None)
    try:
        theme = Theme.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        if first["type"] == "extra_forbidden":
            problem = "unknown key"
        elif first["type"] == "missing":
            problem = "missing key"
        else:
            message = first["msg"]
            problem = f"{message[0].lower()}{message[1:]} (got {first.get('input')!r})"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ThemeError(f"{path}: {key}: {problem}{more}") from None
    _check_fonts(theme, path)
    return theme


def _check_fonts(theme: Theme, path: Path) -> None:
    """Each font stack must have at least one family installed here (fontconfig decides)."""
    installed = installed_families()
    if installed is None:  # no fontconfig: nothing to check against; `convert doctor` reports it
        return
    for role in ("serif", "sans", "mono"):
        stack = getattr(theme.fonts, role)
        if not any(family.casefold() in installed for family in stack):
            raise ThemeError(f"{path}: fonts.{role}: none of {', '.join(stack)} is installed; expected at least "
                             f"one installed font family (see `fc-list : family`)")


@lru_cache(maxsize=1)
def installed_families() -> frozenset[str] | None:
    """Font family names fontconfig knows, case-folded; None when fontconfig is missing."""
    import shutil
    import subprocess
    if not shutil.which("fc-list"):
        return None
    listing = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    return frozenset(name.strip().casefold() for line in listing.splitlines() for name in line.split(","))


def _resolve(name_or_path: str) -> Path:
    themes = shipped_themes()
    if name_or_path in themes:
        return themes[name_or_path]
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        if not path.is_file():
            raise ThemeError(f"{path}: theme file not found")
        return path.resolve()
    raise ThemeError(f"unknown style {name_or_path!r}; shipped styles: {', '.join(themes)}")


def _merged(path: Path, seen: tuple[Path, ...]) -> dict[str, Any]:
    if path in seen:
        raise ThemeError(f"{path}: extends itself through {' -> '.join(p.name for p in seen)}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ThemeError(f"{path}: not valid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ThemeError(f"{path}: cannot read the theme ({exc})") from None
    parent_name = data.get("extends")
    if parent_name is None:
        return data
    if not isinstance(parent_name, str):
        raise ThemeError(f"{path}: extends: expected a theme name or path")
    parent_path = _resolve(parent_name if parent_name in shipped_themes() else str(path.parent / parent_name))
    return _deep_merge(_merged(parent_path, seen + (path,)), data)


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def css_font_stack(families: list[str], generic: str) -> str:
    return ", ".join(f'"{family}"' for family in families) + f", {generic}"
