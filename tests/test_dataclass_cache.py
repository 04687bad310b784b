"""The command's dataclass methods kept across runs (`convert/dataclass_cache`): a later run runs the code an
earlier one compiled for the same text, each method is the one `dataclasses` makes itself, and anything
unusual leaves `dataclasses` as it is."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from convert import dataclass_cache

from conftest import SEEDS
from conftest import damage_kept_file, seed_built_with_cache
from conftest import python_with_cache as run

SEED = SEEDS / "zh-news-harbor" / "article.md"

# In a fresh process: what the command's import restored, whether the methods of convert's dataclasses were
# run from kept code, and whether a dataclass made through the wrapper behaves as one made by Python's own
# `_create_fn` (annotations, defaults, repr, equality, hashing, frozenness, keyword-only and default factories).
CHECK = r"""
import dataclasses, json, sys
original = dataclasses._create_fn
import convert.cli
from convert import dataclass_cache, model
wrapped = dataclasses._create_fn is not original
kept_before = len(dataclass_cache._compiled) - len(dataclass_cache._new)
new_before = len(dataclass_cache._new)  # compiled by the imports

def make(create):
    saved, dataclasses._create_fn = dataclasses._create_fn, create
    try:
        @dataclasses.dataclass(frozen=True, kw_only=True)
        class Point:
            x: int
            y: "tuple[str, ...]" = dataclasses.field(default_factory=tuple)
            z: float = 0.5
        return Point
    finally:
        dataclasses._create_fn = saved

def behaviour(cls):
    a, b = cls(x=1), cls(x=1, y=("u",))
    try:
        a.x = 2
        frozen = False
    except dataclasses.FrozenInstanceError:
        frozen = True
    return [repr(a), repr(b), a == cls(x=1), a == b, hash(a) == hash(cls(x=1)), frozen,
            str(cls.__init__.__annotations__), str(cls.__init__.__kwdefaults__), cls.__init__.__code__.co_filename]

ours, theirs = make(dataclass_cache._create), make(original)
print(json.dumps({"wrapped": wrapped, "kept": kept_before, "new": new_before,
                  "same": behaviour(ours) == behaviour(theirs), "behaviour": behaviour(ours),
                  "model_from_kept": model.Paragraph.__init__.__code__.co_filename}))
"""


@pytest.mark.skipif(not dataclass_cache.usable(), reason=f"dataclasses of Python {sys.version} not tested")
def test_a_later_run_runs_the_code_an_earlier_one_compiled(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = json.loads(run(cache, "-c", CHECK).stdout)
    assert before["wrapped"] and before["kept"] == 0 and before["new"] > 300  # every dataclass compiled here
    assert before["same"], before["behaviour"]
    seed_built_with_cache(cache, "epub", tmp_path / "out")
    stored, = (cache / "dataclasses").iterdir()
    after = json.loads(run(cache, "-c", CHECK).stdout)
    assert after["kept"] > 300 and after["new"] == 0, after  # the command's imports: nothing compiled again
    assert after["same"], after["behaviour"]
    written = stored.stat().st_mtime_ns
    seed_built_with_cache(cache, "epub", tmp_path / "again")
    assert stored.stat().st_mtime_ns == written  # nothing new: the file is not written again


@pytest.mark.skipif(not dataclass_cache.usable(), reason=f"dataclasses of Python {sys.version} not tested")
def test_a_damaged_file_is_ignored_and_replaced(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    seed_built_with_cache(cache, "docx", tmp_path / "out")
    damage_kept_file(cache / "dataclasses")
    assert json.loads(run(cache, "-c", CHECK).stdout)["kept"] == 0
    seed_built_with_cache(cache, "docx", tmp_path / "again")
    assert json.loads(run(cache, "-c", CHECK).stdout)["kept"] > 300


def test_an_untested_python_leaves_dataclasses_alone(tmp_path: Path) -> None:
    forced = "from convert import dataclass_cache; dataclass_cache.TESTED = {}\n"
    cache = tmp_path / "cache"
    script = forced + ("import dataclasses; original = dataclasses._create_fn\n"
                       "import convert.cli, sys; assert dataclasses._create_fn is original\n"
                       "sys.exit(convert.cli.main(sys.argv[1:]))")
    run(cache, "-c", script, "--to", "epub", str(SEED), "-o", str(tmp_path / "out"), "--offline", "-q")
    assert not (cache / "dataclasses").exists()
    assert (tmp_path / "out" / "zh-news-harbor.epub").is_file()


def test_a_changed_create_fn_is_not_wrapped(monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    usable = dataclass_cache.usable()
    import convert.cli  # noqa: F401  (wraps `_create_fn` where it is usable)
    assert dataclass_cache.usable() == usable  # it asks about Python's own, wrapped or not
    monkeypatch.setattr(dataclass_cache, "_original", None)
    monkeypatch.setattr(dataclasses, "_create_fn", lambda *args, **kwargs: None)
    assert not dataclass_cache.usable()
