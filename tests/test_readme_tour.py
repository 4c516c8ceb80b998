"""The README's tour, run as written: every `align-kit` line of its `sh` blocks, in order.

The commands are read from README.md itself, so the tour and this test cannot drift
apart. They run in a fresh copy of the repository's files, after the line `make demo`
runs, through bash (globs such as `out/demo/*/*.align.jsonl` expand as in a terminal).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
# Exit codes a tour line may end with: 0, and 1 for `check` (findings at --fail-on).
ALLOWED = {"check": {0, 1}}


def tour_commands() -> list[str]:
    """The `align-kit ...` lines of README.md's ```sh blocks, comments stripped."""
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    commands = []
    for block in blocks:
        for line in block.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line.startswith("align-kit "):
                commands.append(line)
    return commands


def _demo_command() -> str:
    """The command `make demo` runs, from the Makefile, as an `align-kit` line."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    line = re.search(r"^demo:.*\n\t(.+)$", makefile, re.M).group(1)
    return re.sub(r"^\$\(BIN\)/align-kit ", "align-kit ", line.strip())


@pytest.fixture(scope="module")
def fresh_copy(tmp_path_factory) -> Path:
    """The repository's tracked content a new user has (corpora, glossaries, docs)."""
    work = tmp_path_factory.mktemp("tour")
    for name in ("corpora", "glossaries"):
        shutil.copytree(ROOT / name, work / name)
    shutil.copy(README, work / "README.md")
    return work


def _shell(command: str, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "BROWSER": "true"}
    program = command.replace("align-kit ", f"{sys.executable} -m align_kit ", 1)
    return subprocess.run(["bash", "-c", program], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)


def _review(command: str, cwd: Path) -> str:
    """`review` serves until stopped: start it, wait for its URL, fetch the page, stop it."""
    import urllib.request

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "BROWSER": "true"}
    program = command.replace("align-kit ", f"exec {sys.executable} -m align_kit ", 1)
    proc = subprocess.Popen(["bash", "-c", program], cwd=cwd, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        url = None
        while url is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            found = re.search(r"http://127\.0\.0\.1:\d+/\S*", line)
            url = found.group(0) if found else None
        assert url, f"`{command}` printed no URL"
        with urllib.request.urlopen(url, timeout=30) as response:
            assert response.status == 200
            return response.read().decode("utf-8")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_the_readme_has_a_tour():
    commands = tour_commands()
    assert commands[0] == _demo_command(), "the tour starts with what `make demo` runs"
    assert len(commands) >= 10


def run_in_order(commands: list[str], cwd: Path) -> None:
    """Run `align-kit` lines as a person pastes them, one after the other, in `cwd`: each
    ends with an allowed exit code and no traceback; `review` serves its page."""
    for command in commands:
        if command.startswith("align-kit review "):
            assert "<title>align-kit review</title>" in _review(command, cwd)
            continue
        done = _shell(command, cwd)
        verb = command.split()[1]
        assert done.returncode in ALLOWED.get(verb, {0}), (
            f"`{command}` exited {done.returncode}:\n{done.stderr[-2000:]}")
        assert "Traceback" not in done.stderr, done.stderr


def test_every_tour_line_runs_as_written_in_order(fresh_copy):
    run_in_order(tour_commands(), fresh_copy)
