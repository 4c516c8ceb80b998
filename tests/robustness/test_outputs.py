"""Outputs that cannot be written: a folder under a regular file, and a full disk
(simulated with RLIMIT_FSIZE via `prlimit`). The command stops with one line,
the previous output is left byte for byte, and no temporary file remains.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import PRLIMIT, ROOT, SAMPLE, assert_input_error, cli

GLOSSARY = ROOT / "glossaries" / "democratic-forces.tbx"


@pytest.fixture(scope="module")
def aligned(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    assert cli("run", SAMPLE, "-o", out).code == 0
    return out


def _commands(aligned, target):
    """command name -> argv writing `target` (a file) from real inputs."""
    cc = aligned / "cc-elections" / "cc-elections.align.jsonl"
    return {
        "align": ("align", SAMPLE / "cc-elections.be.txt", SAMPLE / "cc-elections.en.md",
                  "--split", "-o", target),
        "pair": ("pair", SAMPLE, "-o", target, "--force"),
        "export": ("export", cc, "--to", "tmx", "-o", target),
        "import": ("import", aligned / "cc-elections" / "cc-elections.be-en.po", "--into", cc,
                   "-o", target),
        "report": ("report", cc, "-o", target),
        "check": ("check", cc, "--glossary", GLOSSARY, "--format", "html", "-o", target,
                  "--fail-on", "never"),
        "glossary convert": ("glossary", "convert", GLOSSARY, "-o", target),
    }


COMMANDS = ["align", "pair", "export", "import", "report", "check", "glossary convert"]
SUFFIX = {"export": ".tmx", "glossary convert": ".csv", "report": ".html", "check": ".html",
          "import": ".align.jsonl", "pair": ".tsv", "align": ".beads"}


@pytest.mark.parametrize("command", [*COMMANDS, "run"])
def test_output_folder_under_a_regular_file(tmp_path, aligned, command):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a regular file\n")
    target = blocker / "sub" / f"out{SUFFIX.get(command, '')}"
    args = (("run", SAMPLE, "-o", blocker / "sub") if command == "run"
            else _commands(aligned, target)[command])
    result = cli(*args)
    line = assert_input_error(result, blocker / "sub" if command == "run" else target,
                              "cannot write here")
    assert "choose an output folder you can write to" in line
    assert blocker.read_text() == "a regular file\n"


def _tmp_files(folder):
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.skipif(PRLIMIT is None, reason="needs prlimit (util-linux) to limit file size")
@pytest.mark.parametrize("command", COMMANDS)
def test_disk_full_keeps_the_previous_output(tmp_path, aligned, command):
    target = tmp_path / f"out{SUFFIX[command]}"
    previous = b"previous output, must survive\n" * 4
    target.write_bytes(previous)
    result = cli(*_commands(aligned, target)[command], prefix=(PRLIMIT, "--fsize=64"))
    assert_input_error(result, target, "could not write: File too large")
    assert target.read_bytes() == previous
    assert _tmp_files(tmp_path) == []


@pytest.mark.skipif(PRLIMIT is None, reason="needs prlimit (util-linux) to limit file size")
def test_disk_full_during_run_leaves_no_partial_file_and_a_rerun_completes(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    out = tmp_path / "out"
    result = cli("run", corpus, "-o", out, prefix=(PRLIMIT, "--fsize=6000"))
    assert result.code == 2 and "Traceback" not in result.stderr, result.stderr
    assert "could not write: File too large" in result.stderr
    assert _tmp_files(out) == []
    for stamp in out.rglob(".done.json"):  # groups marked done are complete
        assert all(p.stat().st_size > 0 for p in stamp.parent.iterdir())
    rerun = cli("run", corpus, "-o", out)
    assert rerun.code == 0, rerun.stderr
    assert len(list(out.rglob("*.tmx"))) == 8
