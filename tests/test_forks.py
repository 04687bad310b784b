"""`convert.forks`: work a lone run hands to a forked child gives the value the process would make itself;
a child that fails costs only the time; only the command's own, single-threaded process forks; a value never
asked for leaves no child behind. Each case runs in a fresh interpreter (pytest's own process has threads)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import SEEDS

SCRIPT = """
import json, os, sys, threading
from convert import forks
case = sys.argv[1]
if case != "library":
    forks.allow()
if case == "threaded":
    stop = threading.Event()
    threading.Thread(target=stop.wait, daemon=True).start()
parent = os.getpid()
def made():  # where it was made, and something big enough to fill a pipe
    if case == "failing" and os.getpid() != parent:
        raise RuntimeError("the child fails")
    if case == "killed" and os.getpid() != parent:
        os.kill(os.getpid(), 9)
    return {"pid": os.getpid(), "data": bytes(range(256)) * 4096}
later = forks.later(made)
forked = later._child is not None
if case == "abandoned":
    del later  # never asked: the child must end, not wait on its full pipe for ever
    print(json.dumps({"forked": forked, "children": os.popen(f"pgrep -P {parent}").read().split()}))
    sys.exit(0)
value = later.result()
print(json.dumps({"forked": forked, "in_child": value["pid"] != parent, "same": value["data"] == bytes(range(256)) * 4096,
                  "children": os.popen(f"pgrep -P {parent}").read().split()}))
"""


def run(case: str) -> dict:
    done = subprocess.run([sys.executable, "-c", SCRIPT, case], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    seen["children"] = [pid for pid in seen["children"] if pid.isdigit()]
    return seen


def test_the_commands_process_makes_a_value_in_a_child() -> None:
    seen = run("command")
    assert seen["forked"] and seen["in_child"] and seen["same"]
    assert len(seen["children"]) <= 1  # the pgrep itself; the child was reaped


def test_a_failing_or_killed_child_costs_only_time() -> None:
    for case in ("failing", "killed"):
        seen = run(case)
        assert seen["forked"] and not seen["in_child"] and seen["same"], case  # made again, here


def test_a_library_users_or_threaded_process_does_not_fork() -> None:
    for case in ("library", "threaded"):
        seen = run(case)
        assert not seen["forked"] and not seen["in_child"] and seen["same"], case


def test_a_value_never_asked_for_leaves_no_child() -> None:
    seen = run("abandoned")
    assert seen["forked"] and len(seen["children"]) <= 1


def test_the_commands_epub_is_the_librarys(tmp_path: Path, monkeypatch) -> None:
    """The command draws the EPUB's cover in a child; the library, in its own process: the same bytes."""
    from convert.builder import convert

    article = SEEDS / "zh-news-harbor" / "article.md"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    done = subprocess.run([sys.executable, "-m", "convert", "--to", "epub", str(article), "-o", str(tmp_path), "-q"],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    commands = (tmp_path / "zh-news-harbor.epub").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert commands == convert(article, to="epub")
    with zipfile.ZipFile(tmp_path / "zh-news-harbor.epub") as book:
        assert book.read("EPUB/cover.png").startswith(b"\x89PNG")


COUNT_FORKS = """
import atexit, json, sys
from convert import forks, launch
calls = []
real = forks.fork_child
def fork_child(work):
    child = real(work)
    calls.append(child is not None)
    return child
forks.fork_child = fork_child
atexit.register(lambda: print(json.dumps(sum(calls)), file=sys.stderr))  # the command runs them before it exits
sys.argv = ["convert", *sys.argv[1:]]
launch.command()
"""


def _forks_of(*arguments: str) -> int:
    done = subprocess.run([sys.executable, "-c", COUNT_FORKS, *arguments], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_a_lone_epub_draws_its_cover_in_a_child_and_a_batch_does_not(tmp_path: Path) -> None:
    """In a batch built in this process (`--jobs 1`), a fork per article costs more than it saves."""
    news = tmp_path / "news"
    for name in ("one", "two"):
        (news / name).mkdir(parents=True)
        (news / name / "article.md").write_text(f"# Harbour plan {name}\n\nThe council met today.\n", encoding="utf-8")
    assert _forks_of("--to", "epub", str(news / "one" / "article.md"), "-o", str(tmp_path / "lone"), "-q") == 1
    assert _forks_of("--jobs", "1", "--to", "epub", str(news), "-o", str(tmp_path / "batch"), "-q") == 0
    assert len(list((tmp_path / "batch").glob("*.epub"))) == 2


GRANDCHILD = """
import json, sys
from convert import forks, segmenter
from convert.scripts import heading_words, load_segmenter
forks.allow()
segmenter.start(load_segmenter)
text = "香港特区政府今天公布新的港口发展规划"
def words():
    return [text[a:b] for a, b in heading_words(text)], "rjieba" in sys.modules
first = words()
later = forks.later(words)
forked = later._child is not None
print(json.dumps({"first": first, "forked": forked, "there": later.result(), "after": words()}))
"""


def test_a_forked_child_segments_on_its_own() -> None:
    """A process forked from the one that owns the segmenting child shares its pipes: a call from it would
    interleave with its parent's. It segments in its own process (the same words), and the parent's child
    goes on answering."""
    done = subprocess.run([sys.executable, "-c", GRANDCHILD], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["forked"]
    assert seen["first"][1] is False and seen["after"][1] is False  # the parent: its child's words
    assert seen["there"] == [seen["first"][0], True]  # the forked one: the same words, segmented there
    assert "港口" in seen["first"][0]
