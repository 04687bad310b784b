"""Installed metadata read without importlib.metadata where it is plain: entry points only when a package
declares the group, versions from the first metadata folder on sys.path; the answers importlib.metadata gives."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import importlib.metadata

from convert import installed


def test_no_package_declaring_the_group_means_no_entry_points() -> None:
    assert not installed.declared("convert.no-such-group")
    assert installed.entry_points("convert.no-such-group") == []


def test_a_package_declaring_the_group_is_read_through_importlib_metadata(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    info = tmp_path / "house_theme-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: house-theme\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[convert.test-group]\nhouse = house_theme\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert installed.declared("convert.test-group") and not installed.declared("convert.other-group")
    assert [(p.name, p.value) for p in installed.entry_points("convert.test-group")] == [("house", "house_theme")]


def test_a_zip_on_sys_path_is_left_to_importlib_metadata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)  # an empty zip archive
    monkeypatch.syspath_prepend(str(archive))
    assert installed.declared("convert.no-such-group")


def _dist_info(folder: Path, name: str, version: str) -> None:
    info = folder / f"{name}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nVersion: 0\n",
                                   encoding="utf-8")


def test_versions_are_importlib_metadata_s(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("convert", "pydantic", "python-docx", "Pillow", "typing_extensions"):
        assert installed.version(name) == importlib.metadata.version(name), name
    assert installed.version("no-such-distribution") is None
    _dist_info(tmp_path / "first", "house_theme", "2.0")
    _dist_info(tmp_path / "second", "house_theme", "1.0")
    monkeypatch.syspath_prepend(str(tmp_path / "second"))
    monkeypatch.syspath_prepend(str(tmp_path / "first"))
    assert installed.version("house-theme") == importlib.metadata.version("house-theme") == "2.0"
    _dist_info(tmp_path / "first", "house_theme", "3.0")  # two for one name in one folder: importlib decides
    assert installed.version("house-theme") == importlib.metadata.version("house-theme")


def test_a_lone_run_does_not_import_importlib_metadata(tmp_path: Path) -> None:
    """A lone article's build, its manifest key included, once its theme is stored validated (pydantic's
    search for its plugins imports importlib.metadata when it builds a validator: the first run does)."""
    article = tmp_path / "a.md"
    article.write_text("# 标题\n\n正文。\n", encoding="utf-8")
    code = ("import sys; from convert.cli import main; main(sys.argv[1:]); "
            "print('importlib.metadata' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", code, "--to", "epub,docx", str(article), "-o",
                            str(tmp_path / f"out{run}"), "--offline", "-q"],
                           capture_output=True, text=True, check=True).stdout.strip() for run in range(2)]
    assert runs[1] == "False"
