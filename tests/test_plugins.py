"""Entry points are read through importlib.metadata only when an installed package declares the group."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from convert import plugins


def test_no_package_declaring_the_group_means_no_entry_points() -> None:
    assert not plugins.declared("convert.no-such-group")
    assert plugins.entry_points("convert.no-such-group") == []


def test_a_package_declaring_the_group_is_read_through_importlib_metadata(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    info = tmp_path / "house_theme-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: house-theme\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[convert.test-group]\nhouse = house_theme\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert plugins.declared("convert.test-group") and not plugins.declared("convert.other-group")
    assert [(p.name, p.value) for p in plugins.entry_points("convert.test-group")] == [("house", "house_theme")]


def test_a_zip_on_sys_path_is_left_to_importlib_metadata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)  # an empty zip archive
    monkeypatch.syspath_prepend(str(archive))
    assert plugins.declared("convert.no-such-group")


def test_a_lone_run_does_not_import_importlib_metadata() -> None:
    """Once its theme is stored validated (pydantic's own plugin search imports importlib.metadata
    when it builds a validator, so the first run does)."""
    code = ("import sys; from convert.theme import load_theme; from convert import registry; "
            "load_theme('default'); registry.get('epub'); registry.names(); "
            "print('importlib.metadata' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
            for _ in range(2)]
    assert runs[1] == "False"
