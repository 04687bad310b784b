"""The house rules of the layout, read from the source: the pipeline flows one way.

readers -> enrich -> writers; checks sit beside the pipeline and may import it, never the reverse;
no writer reaches back into a reader or decides an article convention; script knowledge, words shown to
readers and the date policy each live in one module.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "convert"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, resolved to absolute names (relative imports included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


def sources_in(*folders: str) -> list[Path]:
    return [p for p in SOURCES if any(p.is_relative_to(PACKAGE / folder) for folder in folders)]


@pytest.mark.parametrize("path", sources_in("readers", "enrich", "writers", "resources", "theme", "builder"),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_pipeline_never_imports_the_checks(path: Path) -> None:
    assert not any(name.startswith("convert.checks") for name in imported_modules(path))


@pytest.mark.parametrize("path", sources_in("writers"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_writers_do_not_reach_back_into_readers_or_conventions(path: Path) -> None:
    imported = imported_modules(path)
    assert not any(name.startswith(("convert.readers", "convert.enrich", "convert.builder", "pypandoc"))
                   for name in imported)


@pytest.mark.parametrize("path", sources_in("readers", "enrich", "resources", "theme"),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_earlier_stages_do_not_import_later_ones(path: Path) -> None:
    assert not any(name.startswith(("convert.writers", "convert.builder")) for name in imported_modules(path))


HAN_RANGE = re.compile(r"\\u4e00|\\u3400|\\u9fff|\\U00020000|0x4E00|0x2E80", re.I)


def test_han_ranges_are_defined_in_one_module() -> None:
    defining = [p.relative_to(PACKAGE).as_posix() for p in SOURCES if HAN_RANGE.search(p.read_text(encoding="utf-8"))]
    assert defining == ["scripts.py"]


def test_language_tests_go_through_scripts() -> None:
    """`lang.startswith("zh")` and its spellings are `scripts.is_chinese`."""
    spelled = re.compile(r"""startswith\(\s*["']zh|\[:2\]\s*(?:==|in)|split\("-"\)\[0\]\s*(?:==|in)\s*\(?["']zh""")
    offenders = [p.relative_to(PACKAGE).as_posix() for p in SOURCES
                 if p.name != "scripts.py" and spelled.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_words_for_readers_live_in_wording() -> None:
    """Chinese labels a reader sees (编辑, 来源, 图片无法显示, 目录, 封面) are spelled only in wording.py (conventions
    read such words in the input, which is another matter)."""
    labels = ("图片无法显示", "第 {page} 页", "封面", "标题页", "导览", "本书为可重排文本")
    offenders = [p.relative_to(PACKAGE).as_posix() for p in SOURCES if p.name != "wording.py"
                 and any(label in text for text in _strings_shown(p) for label in labels)]
    assert offenders == []


def _strings_shown(path: Path) -> list[str]:
    """The string literals of a module but the patterns it compiles (`re.compile(...)`: words it reads in an
    article, such as `封面来源｜…`, are not words it shows)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    patterns = {id(node) for call in ast.walk(tree) if isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute) and call.func.attr == "compile"
                for argument in call.args[:1] for node in ast.walk(argument)}
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in patterns]


def test_time_zones_are_decided_in_dates() -> None:
    zone = re.compile(r"timedelta\(hours=|\+08:00|astimezone\(|tzinfo=(?!None)")
    offenders = [p.relative_to(PACKAGE).as_posix() for p in SOURCES
                 if p.name != "dates.py" and zone.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


# ---------------------------------------------------------------- start-up: a run imports what it uses

# Modules a lone Markdown article's EPUB or DOCX never needs, yet paid for at every start before issue 15
# (a lone EPUB or DOCX is mostly start-up). Not a timing test: which modules, not how long.
NOT_FOR_ONE_MARKDOWN_ARTICLE = ("convert.writers.pdf", "convert.readers.web", "convert.builder.collection",
                                "convert.readers.sanitize", "convert.resources.fetch", "weasyprint", "pypandoc",
                                "charset_normalizer", "trafilatura", "ssl", "http.client", "nh3")


@pytest.mark.parametrize("fmt", ["epub", "docx"])
def test_one_article_imports_only_what_it_uses(fmt: str, tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    script = ("import json, sys\nfrom convert.cli import main\n"
              f"status = main(['--to', {fmt!r}, {str(ROOT / 'seeds' / 'zh-news-harbor' / 'article.md')!r}, "
              f"'-o', {str(tmp_path)!r}, '-q'])\n"
              "print(json.dumps([status, sorted(sys.modules)]))")
    status, modules = json.loads(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                                check=True).stdout.splitlines()[-1])
    assert status == 0 and (tmp_path / f"zh-news-harbor.{fmt}").is_file()
    assert f"convert.writers.{fmt}" in modules  # the list is the run's: it did import its writer
    loaded = [name for name in NOT_FOR_ONE_MARKDOWN_ARTICLE
              if any(m == name or m.startswith(name + ".") for m in modules)]
    assert not loaded, f"a lone {fmt} imports {loaded}"
