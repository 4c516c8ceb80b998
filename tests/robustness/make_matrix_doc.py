"""Print the bad-input matrices of docs/robustness.md from the cases the tests use.

    cd tests/robustness && python make_matrix_doc.py > /tmp/matrix.md

Each row runs the real command on the case's file and records the line the
user sees (paths replaced by FILE); the tests assert the same behaviour.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
import test_paths as paths
import test_structured_inputs as structured
import test_text_inputs as text
from conftest import BE, EN, cli


def _message(result, path) -> str:
    lines = [line for line in result.lines if str(path) in line] or result.lines or [""]
    line = lines[-1].replace(str(path), "FILE").replace("align-kit: ", "")
    return line.replace("|", "\\|")


def _behaviour(result, path) -> str:
    if result.code == 2:
        return f"exit 2: `` {_message(result, path)} ``"
    notice = _message(result, path)
    return f"exit 0, repaired: `` {notice} ``" if notice else "exit 0"


def text_matrix(tmp: Path) -> list[str]:
    rows = ["| case | ingest | split | align --split | pair, run |", "|---|---|---|---|---|"]
    for name, (data, _kind, _fragment) in text.CASES.items():
        folder = tmp / name
        folder.mkdir()
        (folder / "article.be.txt").write_text(BE, encoding="utf-8")
        (folder / "article.en.txt").write_text(EN, encoding="utf-8")
        bad = folder / "article.ru.txt"
        bad.write_bytes(data)
        cells = [_behaviour(cli("ingest", bad), bad),
                 _behaviour(cli("split", bad, "--lang", "ru"), bad),
                 _behaviour(cli("align", folder / "article.be.txt", bad, "--split",
                                "-o", tmp / f"{name}.beads"), bad)]
        cells.append("as ingest" if name != "1mb-line-no-punctuation" else "as ingest, not run "
                     "in the suite (slow)")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return rows


def structured_matrix(tmp: Path) -> list[str]:
    rows = ["| case | command | behaviour |", "|---|---|---|"]
    for name, (filename, data, _f) in structured.BAD_FILES.items():
        path = tmp / name / filename
        path.parent.mkdir()
        path.write_bytes(data)
        result = cli("import", path, "-o", tmp / "x")
        rows.append(f"| {name} | import | {_behaviour(result, path)} |")
    for name, data in structured.ALIGNMENT_CASES.items():
        if data is None:
            continue
        path = tmp / name / "bad.align.jsonl"
        path.parent.mkdir()
        path.write_bytes(data)
        result = cli("export", path, "--to", "tmx", "-o", tmp / "x.tmx")
        rows.append(f"| {name} | export, check, report | {_behaviour(result, path)} |")
    for name, (filename, data, _f) in structured.GLOSSARY_CASES.items():
        path = tmp / name / filename
        path.parent.mkdir()
        path.write_bytes(data)
        result = cli("glossary", "validate", path)
        rows.append(f"| {name} | glossary validate, check | {_behaviour(result, path)} |")
    return rows


def path_matrix(tmp: Path) -> list[str]:
    kinds = list(paths.KINDS)
    rows = ["| parameter | expects | " + " | ".join(kinds) + " |", "|---" * (len(kinds) + 2) + "|"]
    for folder in (tmp.parent, tmp):  # the permission cases run as nobody
        folder.chmod(0o777)
    for param, (_argv, expects) in paths.PARAMS.items():
        cells = []
        for kind in kinds:
            if expects not in paths.KINDS[kind]:
                cells.append("")
                continue
            case = tmp / f"{len(os.listdir(tmp))}"
            case.mkdir(mode=0o777)
            case.chmod(0o777)
            made = paths.make_paths(case, kind, expects)
            try:
                code, _out, err = paths.run_case(param, kind, made)
            except pytest.skip.Exception:
                cells.append("not run (needs root, setpriv and a checkout nobody can read)")
                continue
            line = err.strip().replace(made["BAD"], "FILE").replace(f"{case}{os.sep}", "")
            line = line.replace("align-kit: ", "").replace("|", "\\|")
            cells.append(f"exit {code}: `` {line} ``")
        rows.append(f"| {param} | {expects} | " + " | ".join(cells) + " |")
    return rows


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        for part, make in (("t", text_matrix), ("s", structured_matrix), ("p", path_matrix)):
            (Path(tmp) / part).mkdir()
            print("\n".join(make(Path(tmp) / part)) + "\n")
