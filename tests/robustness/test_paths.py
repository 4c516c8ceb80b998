"""The bad-path matrix: every path argument and option of every command, every kind of bad path.

A bad path is refused before the command starts: exit 2, nothing on stdout,
exactly one line on stderr (`align-kit: error: PATH: problem (what to do)`),
nothing written. Genuine usage errors (an unknown option, a missing argument)
keep click's usage text.
"""

from __future__ import annotations

import os
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import as_nobody, cli

from align_kit.cli import cli as align_kit

# "COMMAND PARAMETER" -> (argv, what the parameter expects). BAD is the path under test.
# F, D: an existing file and folder; O, OD: an output file and folder that do not exist yet.
# click checks the options given first, then the arguments, then the rest: where another
# parameter would fail too (D is no model), BAD is checked before it.
PARAMS: dict[str, tuple[tuple[str, ...], str]] = {
    "ingest PATHS": (("ingest", "BAD"), "any"),
    "split FILE": (("split", "BAD", "--lang", "be"), "file"),
    "align FILES": (("align", "BAD", "F"), "file"),
    "align --translations": (("align", "--translations", "BAD", "F", "F"), "file"),
    "align --pairs": (("align", "--pairs", "BAD", "-o", "OD"), "file"),
    "align --output": (("align", "-o", "BAD", "F", "F"), "out-path"),
    "glossary validate FILE": (("glossary", "validate", "BAD"), "file"),
    "glossary convert SOURCE": (("glossary", "convert", "BAD", "-o", "O"), "file"),
    "glossary convert TARGET": (("glossary", "convert", "F", "BAD"), "out-file"),  # deprecated
    "glossary convert --output": (("glossary", "convert", "F", "-o", "BAD"), "out-file"),
    "glossary stats FILE": (("glossary", "stats", "BAD"), "file"),
    "export ALIGNMENTS": (("export", "BAD", "--to", "tmx", "-o", "O"), "file"),
    "export --output": (("export", "-o", "BAD", "F", "--to", "tmx"), "out-path"),
    "import FILE": (("import", "BAD", "-o", "O"), "file"),
    "import --into": (("import", "--into", "BAD", "F", "-o", "O"), "file"),
    "import --output": (("import", "-o", "BAD", "F"), "out-path"),
    "model import-opus-mt MARIAN_DIR": (("model", "import-opus-mt", "BAD", "-o", "OD"), "folder"),
    "model import-opus-mt --output": (("model", "import-opus-mt", "-o", "BAD", "D"), "out-folder"),
    "model import-argos PACKAGE": (("model", "import-argos", "BAD", "-o", "OD"), "file"),
    "model import-argos --output": (("model", "import-argos", "-o", "BAD", "F"), "out-folder"),
    "model list ROOT": (("model", "list", "BAD"), "folder"),
    "model info MODEL_DIR": (("model", "info", "BAD"), "model"),
    "translate FILE": (("translate", "BAD"), "file"),  # options are checked before arguments
    "translate --model": (("translate", "--model", "BAD", "F"), "model"),
    "translate --output": (("translate", "-o", "BAD", "F", "--model", "D"), "out-file"),
    "pair FOLDER": (("pair", "BAD"), "folder"),
    "pair --output": (("pair", "-o", "BAD", "D"), "out-file"),
    "report ALIGNMENTS": (("report", "BAD", "-o", "O"), "file"),
    "report --output": (("report", "-o", "BAD", "F"), "out-file"),
    "report --glossary": (("report", "--glossary", "BAD", "F", "-o", "O"), "file"),
    "review ALIGNMENT": (("review", "BAD", "--no-browser"), "file"),
    "check ALIGNMENTS": (("check", "BAD", "--glossary", "F"), "file"),
    "check --glossary": (("check", "--glossary", "BAD", "F"), "file"),
    "check --output": (("check", "-o", "BAD", "F", "--glossary", "F"), "out-path"),
    "check --checklist": (("check", "--checklist", "BAD", "F"), "file"),
    "check --accepted": (("check", "--accepted", "BAD", "F"), "file"),
    "check --accept-all": (("check", "--accept-all", "BAD", "F"), "out-file"),
    "run CORPUS": (("run", "BAD", "-o", "OD"), "folder"),
    "run --output": (("run", "-o", "BAD", "D"), "out-folder"),
    "run --glossary": (("run", "--glossary", "BAD", "D", "-o", "OD"), "file"),
    "run --manifest": (("run", "--manifest", "BAD", "D", "-o", "OD"), "file"),
    "run --mt-model": (("run", "--mt-model", "BAD", "D", "-o", "OD"), "model"),
}

# kind of bad path -> fragment of the error line, by what the parameter expects.
KINDS: dict[str, dict[str, str]] = {
    "missing": {"file": "no such file", "any": "no such file", "folder": "no such folder",
                "model": "no such model folder"},
    "directory": {"file": "is a directory, not a file", "out-file": "is a directory, not a file"},
    "file": {"folder": "is a file, not a folder", "out-folder": "is a file, not a folder",
             "model": "not a model folder (it is a file)"},
    "under-a-file": {"out-file": "cannot write here: a-file is a file, not a folder",
                     "out-folder": "cannot write here: a-file is a file, not a folder",
                     "out-path": "cannot write here: a-file is a file, not a folder"},
    "unreadable": {"file": "permission denied (make the file readable",
                   "any": "permission denied (make the file readable",
                   "folder": "permission denied (make the folder readable"},
    "unwritable": {"out-file": "cannot write here: read-only is not writable",
                   "out-folder": "cannot write here: the folder is not writable",
                   "out-path": "cannot write here: read-only is not writable"},
}
# These need a user whom permissions bind (root reads and writes everything).
AS_NOBODY = {"unreadable", "unwritable"}
CASES = [(param, kind) for param, (_argv, expects) in PARAMS.items()
         for kind, by_role in KINDS.items() if expects in by_role]


def make_paths(tmp: Path, kind: str, expects: str) -> dict[str, str]:
    """The good paths, and BAD: a path of this kind for a parameter expecting `expects`."""
    (tmp / "good.txt").write_text("Палітвязні павінны быць вызваленыя.\n", encoding="utf-8")
    (tmp / "good").mkdir()
    paths = {"F": tmp / "good.txt", "D": tmp / "good", "O": tmp / "new" / "out.txt",
             "OD": tmp / "new-folder"}
    suffix = "" if expects in ("folder", "out-folder", "model") else ".txt"
    if kind == "missing":
        bad = tmp / f"missing{suffix}"
    elif kind == "directory":
        bad = tmp / "a-folder"
        bad.mkdir()
    elif kind == "file":
        bad = tmp / "a-file"
        bad.write_text("a regular file\n")
    elif kind == "under-a-file":
        (tmp / "a-file").write_text("a regular file\n")
        bad = tmp / "a-file" / "sub" / f"out{suffix}"
    elif kind == "unreadable":
        bad = tmp / f"locked{suffix}"
        bad.mkdir() if expects == "folder" else bad.write_text("locked\n")
        bad.chmod(0)
    else:  # unwritable: a folder only its owner (root) may write in
        folder = tmp / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        bad = folder if expects == "out-folder" else folder / f"out{suffix}"
    return {name: str(path) for name, path in {**paths, "BAD": bad}.items()}


def argv_for(param: str, paths: dict[str, str]) -> list[str]:
    return [paths.get(arg, arg) for arg in PARAMS[param][0]]


def snapshot(tmp: Path) -> list[str]:
    return sorted(str(p.relative_to(tmp)) for p in tmp.rglob("*"))


def run_case(param: str, kind: str, paths: dict[str, str]) -> tuple[int, str, str]:
    """(exit code, stdout, stderr): in a process as nobody for the permission cases,
    in CliRunner otherwise (fast)."""
    if kind in AS_NOBODY:
        result = cli(*argv_for(param, paths), prefix=as_nobody(), timeout=60)
        return result.code, result.stdout, result.stderr
    result = CliRunner().invoke(align_kit, argv_for(param, paths), prog_name="align-kit")
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("param", "kind"), CASES, ids=[f"{p}-{k}" for p, k in CASES])
def test_bad_path_is_one_line_and_exit_2(world_tmp, param, kind):
    if kind in AS_NOBODY:
        as_nobody()  # skips unless root can drop to nobody and nobody can reach the checkout
    paths = make_paths(world_tmp, kind, PARAMS[param][1])
    before = snapshot(world_tmp)
    code, stdout, stderr = run_case(param, kind, paths)
    assert (code, stdout) == (2, ""), stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"align-kit: error: {paths['BAD']}: "), lines[0]
    fragment = KINDS[kind][PARAMS[param][1]]
    assert fragment in lines[0].replace(str(world_tmp) + os.sep, ""), lines[0]
    assert lines[0].endswith(")"), "every path error says what to do"
    assert snapshot(world_tmp) == before, "a refused path must write nothing"


def _path_params(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _path_params(command, f"{prefix}{name} ")
            continue
        for p in command.params:
            if isinstance(p.type, click.Path):
                label = p.name.upper() if isinstance(p, click.Argument) else max(p.opts, key=len)
                yield f"{prefix}{name} {label}", p


def test_the_table_covers_every_path_parameter_and_each_is_checked_by_align_kit():
    found = dict(_path_params(align_kit))
    assert sorted(found) == sorted(PARAMS), "add the new path parameter to PARAMS"
    # click.Path itself would answer with its multi-line usage text.
    plain = [label for label, p in found.items()
             if type(p.type).__name__ not in ("_PathParam", "_ModelParam")]
    assert plain == []


def test_a_real_process_exits_2_with_one_line(tmp_path):
    result = cli("run", tmp_path / "no-corpus", "-o", tmp_path / "out")
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (f"align-kit: error: {tmp_path / 'no-corpus'}: no such folder "
                             "(check the path and the name)\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("argv", "message"), [
    (("align", "--no-such-option"), "No such option '--no-such-option'"),
    (("split",), "Missing argument 'FILE'"),
    (("check",), "Missing argument 'ALIGNMENTS...'"),
])
def test_usage_errors_keep_clicks_usage_text(tmp_path, argv, message):
    paths = make_paths(tmp_path, "missing", "file")
    result = CliRunner().invoke(align_kit, argv_for_usage(argv, paths), prog_name="align-kit")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Usage: align-kit "), result.stderr
    assert message in result.stderr


def argv_for_usage(argv: tuple[str, ...], paths: dict[str, str]) -> list[str]:
    return [paths.get(arg, arg) for arg in argv]
