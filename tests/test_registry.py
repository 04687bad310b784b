"""The writer registry: built-ins, entry points, duplicate names, unknown formats."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from convert import registry
from convert.builder import formats_from
from convert.errors import UsageError


def test_builtin_html_writer() -> None:
    writer = registry.get("html")
    assert writer.name == "html" and writer.suffix == ".html" and registry.availability("html") is None


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown format 'rtf'"):
        formats_from(["rtf"])


def test_all_expands_to_every_registered_format() -> None:
    assert formats_from(["all"]) == registry.names()
    assert formats_from(["html,html", "html"]) == ["html"]


def test_duplicate_entry_point_name_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = [SimpleNamespace(name="html", value="someone_else.html:WRITER")]
    monkeypatch.setattr(registry, "entry_points", lambda group: fake)
    registry._targets.cache_clear()
    try:
        with pytest.raises(registry.RegistryError, match="two writers are named 'html'"):
            registry.names()
    finally:
        monkeypatch.undo()
        registry._targets.cache_clear()


def test_third_party_writer_through_entry_point(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = [SimpleNamespace(name="txt", value="plugin_writer:WRITER")]
    monkeypatch.setattr(registry, "entry_points", lambda group: fake)
    registry._targets.cache_clear()
    registry.get.cache_clear()
    try:
        assert "txt" in registry.names()
        assert registry.get("txt").suffix == ".txt"
    finally:
        monkeypatch.undo()
        registry._targets.cache_clear()
        registry.get.cache_clear()
