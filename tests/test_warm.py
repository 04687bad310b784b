"""`builder.warm`: what a build's writers import on first use is imported on a thread while pandoc reads the
article — only libraries, only what is not loaded yet, jieba only for an article with Han characters (in a
child process when the build's process is single-threaded: `convert.segmenter`, tests/test_segmenter.py)."""
from __future__ import annotations

import json
import subprocess
import sys

from convert import registry
from convert.builder import warm

from conftest import SEEDS

CHINESE = SEEDS / "zh-news-harbor" / "article.md"
ENGLISH = SEEDS / "en-budget-report" / "article.md"

WARM = """
import json, sys
from pathlib import Path
from convert.builder.warm import warm_up
from convert import forks, segmenter
if sys.argv[3] == "command":
    forks.allow()
before = {name: name in sys.modules for name in ("docx", "rjieba", "uharfbuzz")}
thread = warm_up(Path(sys.argv[1]), sys.argv[2].split(","))
if thread is not None:
    thread.join()
after = {name: name in sys.modules for name in ("docx", "rjieba", "uharfbuzz")}
print(json.dumps({"before": before, "after": after, "child": segmenter._child is not None,
                  "again": warm_up(Path(sys.argv[1]), sys.argv[2].split(",")) is None}))
"""


def warmed(article: str, formats: str, process: str = "command") -> dict[str, dict[str, bool]]:
    done = subprocess.run([sys.executable, "-c", WARM, article, formats, process], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout)


def test_a_chinese_docx_build_loads_python_docx_ahead_and_jieba_in_a_child() -> None:
    seen = warmed(str(CHINESE), "docx")
    assert seen["before"] == {"docx": False, "rjieba": False, "uharfbuzz": False}  # convert's import left them
    assert seen["after"] == {"docx": True, "rjieba": False, "uharfbuzz": False}  # jieba's dictionary: the child's
    assert seen["child"]
    assert seen["again"]  # all loaded: a batch's next article starts no thread, and no second child


def test_a_library_users_chinese_build_loads_jieba_on_the_thread() -> None:
    seen = warmed(str(CHINESE), "epub", process="library")
    assert seen["after"] == {"docx": False, "rjieba": True, "uharfbuzz": False} and not seen["child"]


def test_an_english_epub_build_loads_no_segmenter() -> None:
    seen = warmed(str(ENGLISH), "epub")
    assert seen["after"] == {"docx": False, "rjieba": False, "uharfbuzz": False}
    assert not seen["child"]


def test_writers_name_libraries_only() -> None:
    for name in registry.names():
        for library in registry.get(name).libraries:
            assert not library.startswith("convert"), (name, library)  # a thread must not import convert itself


def test_a_library_that_fails_to_import_is_left_to_its_writer() -> None:
    warm._load(["convert_no_such_library"], chinese=False)  # no exception: the writer's own import reports it


LOAD_WRITER = """
import json, sys
import convert.cli  # what the command has imported before it loads its writers
from convert import registry
writer = registry.get(sys.argv[1])
print(json.dumps({"libraries": list(writer.libraries),
                  "loaded": [name for name in writer.libraries if name in sys.modules]}))
"""


def test_loading_a_writer_leaves_its_libraries_to_the_warm_up() -> None:
    """A writer imports what it names in `libraries` on first write, not when it is loaded: loaded before
    pandoc starts, it would import them on the reading thread, not on the warm-up thread during pandoc."""
    for name in registry.names():
        done = subprocess.run([sys.executable, "-c", LOAD_WRITER, name], capture_output=True, text=True, check=True)
        seen = json.loads(done.stdout)
        assert seen["loaded"] == [], (name, seen)
    assert "ebooklib.epub" in registry.get("epub").libraries
