"""The publication profile: `convert.toml` in the working folder, or the file `--config` names.

It says what a newsroom's editions have in common, so no command line has to repeat it::

    publication = "Harbour Daily"     # the masthead, the EPUB's publisher and cover band
    theme = "default"                 # the theme when none is asked for
    language = "zh-CN"                # an issue's language (else its articles' most common one)
    editions = ["pdf", "epub", "docx"]  # the formats when no --to is given

Every key is optional; an unknown key or a wrong type is a UsageError naming the file.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import UsageError

PROFILE_NAME = "convert.toml"
# A well-formed BCP 47 tag (RFC 5646 §2.1): language (with extended subtags), script, region, variants,
# extensions, private use; or a private-use tag alone. Well-formed only: `xx` passes, `en_US!` does not.
_BCP47 = re.compile(r"""(?ix)
    (?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})
       (?:-[a-z]{4})?
       (?:-(?:[a-z]{2}|[0-9]{3}))?
       (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*
       (?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*
       (?:-x(?:-[a-z0-9]{1,8})+)?
     | x(?:-[a-z0-9]{1,8})+)""")


def language_tag(value: str) -> str | None:
    """`value` as a well-formed BCP 47 language tag (`en_US` written with a hyphen, `en-US`), or None
    when it is none (`en_US!`, `xx-INVALID-!!`): every edition's metadata states it, and EPUBCheck
    and PDF/UA refuse a malformed one."""
    tag = value.strip().replace("_", "-")
    return tag if _BCP47.fullmatch(tag) else None


@dataclass(frozen=True, kw_only=True)
class Profile:
    # A dataclass that pydantic validates only when a profile file is read: most runs have none, and
    # importing pydantic and building its validator cost them ~0.15 s.
    __pydantic_config__ = {"extra": "forbid"}

    publication: str = ""
    theme: str = ""
    language: str = ""
    editions: list[str] = field(default_factory=list)
    source: str = ""  # the file it was read from ("" for none)


def profile_theme(profile: Profile) -> str:
    """The profile's theme, checked: a UsageError naming the profile when it names no theme that loads
    (`unknown style 'nonexistent'` named no file)."""
    if not profile.theme:
        return ""
    from .theme import load_theme

    try:
        load_theme(profile.theme)
    except UsageError as exc:
        raise UsageError(f"{profile.source}: theme: {exc}") from None
    return profile.theme


def load_profile(path: Path | str | None = None, folder: Path | str | None = None) -> Profile:
    """The profile at `path`, else `convert.toml` in `folder` (the working folder); an empty profile
    when neither is there. A `path` that does not exist is an error: it was asked for."""
    if path is None:
        candidate = Path(folder or Path.cwd()) / PROFILE_NAME
        if not candidate.is_file():
            return Profile()  # every default: nothing to validate
        path = candidate
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such profile") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the profile ({exc})") from None
    data.pop("source", None)
    from pydantic import TypeAdapter, ValidationError
    try:
        profile = TypeAdapter(Profile).validate_python({**data, "source": str(path)})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: "
                             f"{'unknown key' if e['type'] == 'unexpected_keyword_argument' else e['msg']}"
                             for e in exc.errors())
        raise UsageError(f"{path}: {problems}") from None
    if profile.language:
        tag = language_tag(profile.language)
        if tag is None:
            raise UsageError(f"{path}: language: {profile.language!r} is not a language tag (BCP 47, such as "
                             "zh-CN, zh-Hant-TW, en)")
        profile = replace(profile, language=tag)
    return profile
