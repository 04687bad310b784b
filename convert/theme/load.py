"""Finding and loading themes: one TOML file of design tokens each, validated against `schema`.

A theme is named or given by path (`--style modern`, `--style my/theme.toml`). Names are found, first
match winning, in:

1. the user's folder, `$XDG_CONFIG_HOME/convert/styles/*.toml` (default `~/.config/convert/styles`);
2. installed packages, through the entry-point group `convert.styles` (`name = "package"` for a
   package holding `name.toml`, or `name = "package:attribute"` for an attribute naming the file);
3. the themes convert ships: the top-level `styles/` folder, installed as the package data
   `convert.styles` and read through `importlib.resources`, so a wheel works from any folder.

Two installed packages defining one name is an error naming both, raised when that name is used (a
broken third-party theme never stops the others). A theme may `extends = "other"` (a name, or a path
relative to its file) and override a few tokens; a theme extending its own name extends the one it
shadows (a user's `default.toml` may start from the shipped `default`). Loaded themes are cached for
batches; `forget_caches()` drops them when the user folder or the installed packages change.

A theme that validated is also kept on disk (`<cache dir>/themes/`, keyed by a digest of its merged
TOML data, of `schema.py`, of the installed pydantic and of Python's version): a new process loading
the same theme reads the plain dataclasses back and never imports pydantic, which is most of a lone
EPUB's or DOCX's theme cost. Any change to the theme files or the schema is a new key; a theme that fails validation is
never stored, so its errors are always pydantic's own.
"""
from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import os
import pickle
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..installed import entry_points
from ..resources.fonts import installed_families
from . import schema
from .schema import Theme, ThemeError, validate

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

ENTRY_POINT_GROUP = "convert.styles"
SHIPPED_PACKAGE = "convert.styles"


@dataclass(frozen=True)
class ThemeSource:
    """Where a named theme comes from: its file (a path or a resource in a package) and its origin.

    A theme from installed packages is found lazily (`points`): a broken or doubly defined one is an
    error only when that name is used, not for every theme."""

    name: str
    file: Any  # pathlib.Path or importlib.resources Traversable; None until an entry point is loaded
    origin: str  # "user", "package DISTRIBUTION", "shipped", "file"
    points: tuple[EntryPoint, ...] = ()

    def resource(self) -> Any:
        """The theme file; raise ThemeError when its entry point cannot give one."""
        return self.file if self.file is not None else _entry_point_file(self.name, self.points)

    def read_text(self) -> str:
        return self.resource().read_text(encoding="utf-8")


def forget_caches() -> None:
    """Forget loaded themes, installed font families and importlib's view of installed packages:
    for a long-lived process (or a test) whose user folder, packages or fonts changed."""
    _load.cache_clear()
    installed_families.cache_clear()
    importlib.invalidate_caches()


def user_styles_dir() -> Path:
    """`$XDG_CONFIG_HOME/convert/styles`; a relative XDG_CONFIG_HOME is ignored, as the XDG spec says."""
    base = os.environ.get("XDG_CONFIG_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "convert" / "styles"


def shipped_themes() -> dict[str, ThemeSource]:
    """The themes convert ships, by name."""
    try:
        folder = resources.files(SHIPPED_PACKAGE)
    except ModuleNotFoundError:
        return {}
    found = [entry for entry in folder.iterdir() if entry.name.endswith(".toml") and entry.is_file()]
    return {entry.name.removesuffix(".toml"): ThemeSource(entry.name.removesuffix(".toml"), entry, "shipped")
            for entry in sorted(found, key=lambda entry: entry.name)}


def _distribution(point: EntryPoint) -> str:
    return point.dist.name if point.dist is not None else point.value


def _entry_point_themes() -> dict[str, ThemeSource]:
    """Themes registered by installed packages, by name; nothing is imported until one is used."""
    points: dict[str, list[EntryPoint]] = {}
    for point in entry_points(ENTRY_POINT_GROUP):
        points.setdefault(point.name, []).append(point)
    return {name: ThemeSource(name, None, "package " + " and ".join(_distribution(p) for p in found), tuple(found))
            for name, found in points.items()}


def _entry_point_file(name: str, points: tuple[EntryPoint, ...]) -> Any:
    if len(points) > 1:
        raise ThemeError(f"two installed packages define the style {name!r}: "
                         f"{' and '.join(f'{_distribution(p)} ({p.value})' for p in points)}; uninstall one")
    point = points[0]
    where = f"style {name!r} from the package {_distribution(point)} ({point.value})"
    try:
        if point.attr:
            target = point.load()
            file = target if hasattr(target, "read_text") else Path(os.fspath(target))
        else:
            file = resources.files(point.module) / f"{name}.toml"
    except Exception as exc:  # another package's code: importing it may fail in any way
        raise ThemeError(f"{where}: cannot load it ({type(exc).__name__}: {exc})") from None
    if not file.is_file():
        raise ThemeError(f"{where}: {file} is not a file")
    return file


def _user_themes() -> dict[str, ThemeSource]:
    folder = user_styles_dir()
    if not folder.is_dir():
        return {}
    return {path.stem: ThemeSource(path.stem, path, "user") for path in sorted(folder.glob("*.toml"))
            if path.is_file()}


def _layers() -> list[dict[str, ThemeSource]]:
    """The places names are looked up in, first match winning."""
    return [_user_themes(), _entry_point_themes(), shipped_themes()]


def available_themes() -> dict[str, ThemeSource]:
    """Every theme that can be named, each name once: the user's first, then installed packages', then
    the shipped ones (see the module docstring)."""
    themes: dict[str, ThemeSource] = {}
    for layer in _layers():
        for name, source in layer.items():
            themes.setdefault(name, source)
    return dict(sorted(themes.items()))


def load_theme(name_or_path: str | Path = "default") -> Theme:
    """Load a theme by name (see `available_themes`) or by file path; raise ThemeError on any problem.
    Loaded themes are cached: call `forget_caches` when theme files or installed packages change."""
    return _load(str(name_or_path))


@lru_cache(maxsize=32)
def _load(name_or_path: str) -> Theme:
    source = _resolve(name_or_path, base=None)
    data = _merged(source, seen=())
    data.pop("extends", None)
    stored = _stored_path(data)
    theme = _read_stored(stored)
    if theme is None:
        theme = _validated(data, source)
        _store(stored, theme)
    _check_fonts(theme, _shown(source))
    return theme


def _validated(data: dict[str, Any], source: ThemeSource) -> Theme:
    from pydantic import ValidationError

    try:
        return validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        if first["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            problem = "unknown key"
        elif first["type"] == "missing":
            problem = "missing key"
        else:
            message = first["msg"]
            problem = f"{message[0].lower()}{message[1:]} (got {first.get('input')!r})"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ThemeError(f"{_shown(source)}: {key}: {problem}{more}") from None


@lru_cache(maxsize=1)
def _schema_digest() -> str:
    """What a validated theme depends on besides its data: the schema's source, Python's version and the
    installed pydantic (its package's place and time, read without importing it)."""
    source = Path(schema.__file__).read_bytes()
    spec = importlib.util.find_spec("pydantic")
    origin = spec.origin if spec is not None and spec.origin else ""
    stamp = f"{origin}:{os.stat(origin).st_mtime_ns}" if origin else "no pydantic"
    return hashlib.sha256(source + f"|{stamp}|{sys.version}".encode()).hexdigest()


def _stored_path(data: dict[str, Any]) -> Path | None:
    """Where the validated theme of `data` is kept; None when the data cannot be keyed."""
    from ..cache import cache_dir  # the one cache location
    try:
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=repr)
    except (TypeError, ValueError):
        return None
    digest = hashlib.sha256(f"{_schema_digest()}\n{text}".encode()).hexdigest()
    return cache_dir() / "themes" / f"{digest[:40]}.pickle"


def _read_stored(path: Path | None) -> Theme | None:
    """The theme kept at `path`, or None when there is none or it cannot be read back (a truncated or
    foreign file is ignored and replaced)."""
    if path is None:
        return None
    try:
        theme = pickle.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except Exception:  # a damaged file: validate again and overwrite it
        return None
    return theme if type(theme) is Theme else None


def _store(path: Path | None, theme: Theme) -> None:
    """Keep `theme` at `path`, atomically; a read-only or full disk only costs the next run the time."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".theme-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(pickle.dumps(theme, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


def _shown(source: ThemeSource) -> str:
    """How a theme file is named in messages: its path, or `name (origin)` for packaged data."""
    file = source.resource()
    return str(file) if isinstance(file, Path) else f"{source.name}.toml ({source.origin})"


def _identity(source: ThemeSource) -> str:
    """One theme file, however it was reached (by name, or by a path that may hold symlinks)."""
    if isinstance(source.file, Path):
        return os.path.realpath(source.file)
    return f"{source.origin}: {source.name}"


def _resolve(name_or_path: str, base: Path | None, extending: ThemeSource | None = None) -> ThemeSource:
    """A theme name, or a path (relative to `base`, the folder of the theme that extends it).

    A theme that extends its own name (a user's `default.toml` with `extends = "default"`) means the
    theme it shadows: the lookup starts below the place the extending theme itself was found."""
    layers = _layers()
    if extending is not None and name_or_path == extending.name:
        for index, layer in enumerate(layers):
            if name_or_path in layer and _identity(layer[name_or_path]) == _identity(extending):
                layers = layers[index + 1:]
                break
    for layer in layers:
        if name_or_path in layer:
            return layer[name_or_path]
    path = Path(name_or_path)
    if base is not None and not path.is_absolute():
        path = base / path
    if path.suffix == ".toml" or path.exists():
        if not path.is_file():
            raise ThemeError(f"{path}: theme file not found")
        return ThemeSource(path.stem, path.resolve(), "file")
    shown = ", ".join(available_themes()) or "none (the installation has lost its styles: reinstall convert)"
    raise ThemeError(f"unknown style {name_or_path!r}; available styles: {shown}")


def _merged(source: ThemeSource, seen: tuple[str, ...]) -> dict[str, Any]:
    key = _identity(source)
    if key in seen:
        raise ThemeError(f"{_shown(source)}: extends itself through {' -> '.join(seen + (key,))}")
    try:
        data = tomllib.loads(source.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise ThemeError(f"{_shown(source)}: not valid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ThemeError(f"{_shown(source)}: cannot read the theme ({exc})") from None
    parent_name = data.get("extends")
    if parent_name is None:
        return data
    if not isinstance(parent_name, str):
        raise ThemeError(f"{_shown(source)}: extends: expected a theme name or path")
    file = source.resource()
    base = file.parent if isinstance(file, Path) else None
    return _deep_merge(_merged(_resolve(parent_name, base, extending=source), seen + (key,)), data)


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _check_fonts(theme: Theme, shown: str) -> None:
    """Each font stack must have at least one family installed here (fontconfig decides)."""
    installed = installed_families()
    if installed is None:  # no fontconfig: nothing to check against; `convert doctor` reports it
        return
    for role in ("serif", "sans", "mono"):
        stack = getattr(theme.fonts, role)
        if not any(family.casefold() in installed for family in stack):
            raise ThemeError(f"{shown}: fonts.{role}: none of {', '.join(stack)} is installed; expected at least "
                             f"one installed font family (see `fc-list : family`)")
