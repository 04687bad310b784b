#!/usr/bin/env python3
"""Instructions the `convert` process executes (valgrind cachegrind, `--cache-sim=no`), this tree against the
convert package in another folder: a count the machine's load cannot blur, unlike wall or CPU time.

    mkdir old && git archive main convert | tar -x -C old
    .venv/bin/python benchmarks/instructions.py --against old --formats epub,docx
    .venv/bin/python benchmarks/instructions.py --against old --formats pdf --articles 6   # a batch, --jobs 1

Only the `convert` process is counted (pandoc's and fontconfig's children are not; a thread's are). Both run
with one cache folder, warmed by a run of each first, so neither pays for storing its theme or its patterns.
With `--articles N` the N articles are seed-shaped ones (`batch.py`) built in one process (`--jobs 1`).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "zh-news-harbor" / "article.md"


def count(command: list[str], env: dict[str, str], out: Path) -> int:
    done = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={out}",
                           *command], env=env, cwd=out.parent, capture_output=True, text=True, check=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if not found:
        raise SystemExit(f"valgrind printed no count:\n{done.stderr[-2000:]}")
    return int(found[1].replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, required=True, help="folder holding another convert package")
    parser.add_argument("--formats", default="epub,docx")
    parser.add_argument("--articles", type=int, default=0, help="N seed-shaped articles in one process")
    args = parser.parse_args(argv)
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is not installed")
    if not (args.against / "convert" / "__init__.py").is_file():
        raise SystemExit(f"{args.against} holds no convert package")
    convert = str(Path(sys.executable).with_name("convert"))
    with tempfile.TemporaryDirectory(prefix="convert-instructions-") as tmp:
        root = Path(tmp)
        env = dict(os.environ, CONVERT_CACHE_DIR=str(root / "cache"))
        if args.articles:
            sys.path.insert(0, str(ROOT / "benchmarks"))
            from batch import make_batch
            inputs = [str(path) for path in make_batch(root / "batch", args.articles)]
        else:
            inputs = [str(SEED)]
        print(f"{'format':8} {'this tree':>16} {'against':>16} {'change':>8}")
        for fmt in args.formats.split(","):
            counts = []
            for name, extra in (("this", {}), ("against", {"PYTHONPATH": str(args.against.resolve())})):
                command = [convert, "--to", fmt, *inputs, "-o", str(root / f"out-{name}"), "--offline", "-q",
                           "--jobs", "1", "--force"]
                subprocess.run(command, env=dict(env, **extra), check=True, capture_output=True)  # warm the caches
                counts.append(count(command, dict(env, **extra), root / f"cachegrind.{name}.{fmt}"))
            mine, theirs = counts
            print(f"{fmt:8} {mine:16,} {theirs:16,} {100 * (mine - theirs) / theirs:+7.1f}%", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
