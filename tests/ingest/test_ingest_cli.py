"""`align-kit ingest`: output lines, JSON, warnings on stderr, one-line errors, exit codes."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from ingest_texts import article

from align_kit.cli import cli

SRC = str(Path(__file__).resolve().parents[2] / "src")


def _run(*args: str):
    return CliRunner().invoke(cli, ["ingest", *args])


def _files(tmp_path):
    be = tmp_path / "sanctions.be.txt"
    be.write_bytes(article("be").encode("cp1251"))
    ru = tmp_path / "sanctions.ru.md"
    ru.write_text("---\ntitle: Санкции\n---\n" + article("ru"), encoding="utf-8")
    return be, ru


def test_one_line_per_file(tmp_path):
    be, ru = _files(tmp_path)
    result = _run(str(be), str(ru))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "sanctions.be\tbe (1.00)\tcp1251\tparagraphs: 4\tcharacters: "
        f"{len(article('be').strip())}\tnotices: 1",
        "sanctions.ru\tru (1.00)\tutf-8\tparagraphs: 4\tcharacters: "
        f"{len(article('ru').strip())}\tnotices: 0",
    ]
    assert result.stderr.splitlines() == [
        f"align-kit: {be}: info: not UTF-8 and no declared charset; read as cp1251 (the "
        "best-reading of cp1251, koi8-r, koi8-u, cp866, iso8859-5, mac-cyrillic, cp1252)"
    ]


def test_json_output(tmp_path):
    be, ru = _files(tmp_path)
    result = _run(str(tmp_path), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [(d["id"], d["language"], d["encoding"], d["paragraphs"]) for d in data] == [
        ("sanctions.be", "be", "cp1251", 4),
        ("sanctions.ru", "ru", "utf-8", 4),
    ]
    assert data[1]["metadata"] == {"title": "Санкции"}
    assert data[0]["notices"][0]["code"] == "encoding-guessed"
    first = data[0]["paragraph_spans"][0]
    assert data[0]["text"][first[0]:first[1]] == article("be").split("\n\n")[0]


def test_wrong_declared_language_warns_naming_the_file(tmp_path):
    path = tmp_path / "visas.en.txt"
    path.write_text(article("be"), encoding="utf-8")
    result = _run(str(path))
    assert result.exit_code == 0
    assert result.stdout.startswith("visas.en\tbe (1.00)\t")
    assert result.stderr.startswith(
        f"align-kit: {path}: warning: the file name declares 'en', but the text reads as 'be'"
    )


def test_lang_option(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(article("uk"), encoding="utf-8")
    result = _run(str(path), "--lang", "uk")
    assert result.exit_code == 0
    assert result.stdout.startswith("note\tuk (")
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "empty.be.txt",
            b"",
            "empty file (the file has no text to align; fill it or leave it out)",
        ),
        (
            "photo.md",
            b"\x89PNG\r\n\x1a\n" + bytes(40),
            "not a text file (looks like a PNG image) (give a .txt, .md, .html or .docx article)",
        ),
        (
            "scan.pdf",
            b"%PDF-1.4",
            "unknown file type '.pdf' (supported: .txt, .text, .md, .markdown, .html, .htm, "
            ".xhtml, .docx)",
        ),
    ],
)
def test_input_errors_are_one_line_and_exit_2_with_no_partial_output(
    tmp_path, name, content, message
):
    good, _ = _files(tmp_path)
    bad = tmp_path / name
    bad.write_bytes(content)
    result = _run(str(good), str(bad))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"align-kit: error: {bad}: {message}\n"


def test_missing_file_and_missing_folder(tmp_path):
    result = _run(str(tmp_path / "gone.txt"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"align-kit: error: {tmp_path / 'gone.txt'}: no such file (check the path and the name)\n"
    )


def test_real_process_exit_code(tmp_path):
    bad = tmp_path / "blank.txt"
    bad.write_text("  \n\n ", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "align_kit", "ingest", str(bad)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"align-kit: error: {bad}: empty file (only white space) "
        "(the file has no text to align; fill it or leave it out)"
    ]
    assert "Traceback" not in done.stderr


def _as_nobody() -> list[str] | None:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    # A checkout, or a virtualenv whose packages sit, inside a private (0700) folder is out of
    # nobody's reach: probe with the whole CLI and its dependencies, not the package alone.
    probe = subprocess.run([*prefix, sys.executable, "-c",
                            "import align_kit.cli, align_kit.pipeline"],
                           capture_output=True, env={**os.environ, "PYTHONPATH": SRC})
    return prefix if probe.returncode == 0 else None


def test_unreadable_file_is_permission_denied():
    prefix = _as_nobody()
    if prefix is None:
        pytest.skip("cannot run align-kit as user nobody here (no setpriv, or a checkout or "
                    "virtualenv in a private folder): cannot drop the privilege to test this")
    folder = Path(tempfile.mkdtemp(prefix="align-kit-perm-"))
    try:
        folder.chmod(0o755)
        path = folder / "secret.be.txt"
        path.write_text(article("be"), encoding="utf-8")
        path.chmod(0)
        done = subprocess.run(
            [*prefix, sys.executable, "-m", "align_kit", "ingest", str(path)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": SRC, "PYTHONDONTWRITEBYTECODE": "1"},
            timeout=60,
            cwd=folder,
        )
    finally:
        shutil.rmtree(folder)
    assert done.returncode == 2
    assert done.stderr == (
        f"align-kit: error: {path}: permission denied (make the file readable (chmod u+r))\n"
    )
