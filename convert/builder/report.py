"""What a batch did, for people and programs: warnings grouped by kind (`warning_kinds`), totals, and
the machine-readable summary (`summary`, the document `convert --json` prints)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from .single import Outcome

SUMMARY_VERSION = 1
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w./+-])\d+(?:\.\d+)?(?![\w./-])")  # not a code point's (U+20000)
_SUBJECT = re.compile(r"^(image|PDF: refused to read) \S.*?(?=: |\s\(only)", re.IGNORECASE)


def without_article(message: str, article: Path | str) -> str:
    """`message` without a leading name of its own article (the reader's warnings start with it)."""
    for name in (str(article), Path(str(article)).name):
        if message.startswith(name + ": "):
            return message[len(name) + 2:]
    return message


def warning_kind(message: str, article: Path | str) -> str:
    """The kind of a warning: its words without what varies (the article, an image's address,
    numbers), so that 20 'image x.png: not cached ...' are one kind."""
    text = without_article(message, article)
    text = _SUBJECT.sub(lambda match: match.group(1), text)
    text = _URL.sub("…", text)
    return _NUMBER.sub("N", text)


@dataclass
class WarningKind:
    kind: str
    count: int = 0
    articles: list[str] = field(default_factory=list)  # each once, in the order met


def warning_kinds(outcomes: Iterable[Outcome]) -> list[WarningKind]:
    """Every warning of the batch by kind, most frequent first; an article's warning that each of
    its editions repeats counts once."""
    kinds: dict[str, WarningKind] = {}
    seen: set[tuple[Path | str, str]] = set()
    for outcome in outcomes:
        for message in outcome.warnings:
            if (outcome.source, message) in seen:
                continue
            seen.add((outcome.source, message))
            kind = kinds.setdefault(warning_kind(message, outcome.source),
                                    WarningKind(warning_kind(message, outcome.source)))
            kind.count += 1
            if str(outcome.source) not in kind.articles:
                kind.articles.append(str(outcome.source))
    return sorted(kinds.values(), key=lambda k: -k.count)


def totals(outcomes: Sequence[Outcome]) -> dict[str, int]:
    statuses = [o.status for o in outcomes]
    return {"articles": len({o.source for o in outcomes}), "editions": len(outcomes),
            "built": statuses.count("built"), "up_to_date": statuses.count("up to date"),
            "failed": statuses.count("failed"), "not_built": statuses.count("not built"),
            "warnings": sum(kind.count for kind in warning_kinds(outcomes)),
            "bytes_written": sum(o.size for o in outcomes if o.status == "built")}


def summary(outcomes: Sequence[Outcome], *, output: Path, executor: str, elapsed_s: float,
            interrupted: bool = False) -> dict[str, Any]:
    """The batch as JSON-ready data: totals, warnings by kind, and per article and format its
    status (built | up_to_date | failed | not_built), output, size, warnings and error."""
    from .. import __version__

    articles: dict[Path | str, list[dict[str, Any]]] = {}
    for o in outcomes:
        articles.setdefault(o.source, []).append({
            "format": o.format, "status": o.status.replace(" ", "_"),
            "output": str(o.output) if o.output else None, "size": o.size,
            "warnings": list(o.warnings), "error": o.error})
    return {
        "summary_version": SUMMARY_VERSION, "convert": __version__, "output": str(output),
        "executor": executor, "elapsed_s": round(elapsed_s, 3), "interrupted": interrupted,
        "totals": totals(outcomes),
        "warning_kinds": [{"kind": k.kind, "count": k.count, "articles": k.articles}
                          for k in warning_kinds(outcomes)],
        "articles": [{"source": str(source), "editions": editions} for source, editions in articles.items()],
    }
