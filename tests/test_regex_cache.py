"""The command's compiled patterns kept across runs (`convert/regex_cache`): a later run gets exactly the
patterns `re` would compile, and anything unusual leaves `re` to compile as usual."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from convert import regex_cache

from conftest import SEEDS
from conftest import damage_kept_file, seed_built_with_cache
from conftest import python_with_cache as run

SEED = SEEDS / "zh-news-harbor" / "article.md"

# In a fresh process: what the command's import restored, and whether each restored pattern is the one
# `re` compiles itself (equal code, flags and groups) and matches as it does.
CHECK = r"""
import json, re, sys
from re import _compiler
import convert.cli
from convert import regex_cache
stored = sorted(regex_cache._stored, key=repr)
cache = dict(re._cache)
bad = []
for key in stored:
    kind, pattern, flags = key
    fresh = _compiler.compile(pattern, flags)
    kept = cache.get(key)
    if kept is None:
        continue
    sample = "新华社香港3月12日电 记者 李明 2025年3月12日 3.5% 的 “港口” ABC def 123"
    sample = sample if kind is str else sample.encode()
    if kept != fresh or kept.groupindex != fresh.groupindex or kept.groups != fresh.groups or \
            [m.span() for m in kept.finditer(sample)] != [m.span() for m in fresh.finditer(sample)]:
        bad.append(repr(pattern)[:80])
print(json.dumps({"stored": len(stored), "restored": sum(key in cache for key in stored), "bad": bad,
                  "is_cached": re.compile(stored[0][1], stored[0][2]) is cache[stored[0]] if stored else None}))
"""


@pytest.mark.skipif(not regex_cache.usable(), reason=f"re internals of Python {sys.version_info[:2]} not tested")
def test_a_later_run_gets_the_patterns_re_compiles(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = json.loads(run(cache, "-c", CHECK).stdout)
    assert before["stored"] == 0  # nothing kept yet: `re` compiled everything
    seed_built_with_cache(cache, "epub", tmp_path / "out")
    stored, = (cache / "patterns").iterdir()
    after = json.loads(run(cache, "-c", CHECK).stdout)
    assert after["stored"] > 100 and after["restored"] > 100, after  # the Han-range patterns of every module
    assert after["bad"] == [] and after["is_cached"] is True
    written = stored.stat().st_mtime_ns
    seed_built_with_cache(cache, "epub", tmp_path / "again")
    assert stored.stat().st_mtime_ns == written  # nothing new: the file is not written again


@pytest.mark.skipif(not regex_cache.usable(), reason=f"re internals of Python {sys.version_info[:2]} not tested")
def test_a_damaged_file_is_ignored_and_replaced(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    seed_built_with_cache(cache, "docx", tmp_path / "out")
    damage_kept_file(cache / "patterns")
    assert json.loads(run(cache, "-c", CHECK).stdout)["stored"] == 0
    seed_built_with_cache(cache, "docx", tmp_path / "again")
    assert json.loads(run(cache, "-c", CHECK).stdout)["restored"] > 100


def test_an_untested_python_leaves_re_alone(tmp_path: Path) -> None:
    forced = "from convert import regex_cache; regex_cache.TESTED = ()\n"
    cache = tmp_path / "cache"
    script = forced + "import convert.cli, sys; sys.exit(convert.cli.main(sys.argv[1:]))"
    run(cache, "-c", script, "--to", "epub", str(SEED), "-o", str(tmp_path / "out"), "--offline", "-q")
    assert not (cache / "patterns").exists()
    assert (tmp_path / "out" / "zh-news-harbor.epub").is_file()


def test_a_pattern_is_kept_only_if_rebuilt_exactly() -> None:
    assert regex_cache._entry((str, "a+", 0), re.compile("b+")) is None
    if regex_cache.usable():
        entry = regex_cache._entry((str, "(?P<x>a)+", 0), re.compile("(?P<x>a)+"))
        assert entry is not None and entry[6] == {"x": 1}


@pytest.mark.skipif(not regex_cache.usable(), reason=f"re internals of Python {sys.version_info[:2]} not tested")
def test_the_file_keeps_what_re_can_hold_newest_first(tmp_path: Path) -> None:
    """Patterns an earlier process compiled (a test's, an article's) must not crowd out the command's own:
    the file holds no more than `restore` can put in re's cache, and a run's new patterns come first."""
    cache = tmp_path / "cache"
    crowd = ("import re, convert.cli, sys\nfrom convert import regex_cache\n"
             "[re.compile(f'crowd{n}[a-z]+') for n in range(600)]\nregex_cache.store()")
    run(cache, "-c", crowd)
    stored, = (cache / "patterns").iterdir()
    assert len(regex_cache._read(stored)) == regex_cache.MAX_PATTERNS
    seed_built_with_cache(cache, "epub", tmp_path / "out")
    after = json.loads(run(cache, "-c", CHECK).stdout)
    assert after["restored"] > 100 and after["bad"] == [], after
    kept = [entry[1] for entry in regex_cache._read(stored)]
    assert len(kept) <= regex_cache.MAX_PATTERNS < 512 and not kept[0].startswith("crowd")
