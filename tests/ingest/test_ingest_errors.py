"""Bad input: one clear InputError naming the file and what to do; folders."""

import hashlib
import os

import pytest
from ingest_texts import article

from align_kit.errors import InputError
from align_kit.ingest import read_document, read_folder, read_paths


def _error(path, **kwargs) -> InputError:
    with pytest.raises(InputError) as caught:
        read_document(path, **kwargs)
    return caught.value


def test_empty_file(tmp_path):
    path = tmp_path / "empty.be.txt"
    path.write_bytes(b"")
    err = _error(path)
    assert str(err) == (
        f"{path}: empty file (the file has no text to align; fill it or leave it out)"
    )


@pytest.mark.parametrize("content", [b" \n\t\r\n\n", "\u00a0\u202f\n\u200b\n".encode()])
def test_whitespace_only_file(tmp_path, content):
    path = tmp_path / "blank.md"
    path.write_bytes(content)
    err = _error(path)
    assert (err.path, err.message) == (str(path), "empty file (only white space)")
    assert err.hint


def test_missing_file(tmp_path):
    err = _error(tmp_path / "nowhere.ru.txt")
    assert (err.message, err.hint) == ("no such file", "check the path and the name")


def test_directory_given_as_a_file(tmp_path):
    folder = tmp_path / "articles.txt"
    folder.mkdir()
    err = _error(folder)
    assert err.message == "is a directory, not a file"
    assert err.path == str(folder)
    plain = tmp_path / "corpus"
    plain.mkdir()
    assert _error(plain).message == "is a directory, not a file"


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: file permissions are not enforced")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.be.txt"
    path.write_text(article("be"), encoding="utf-8")
    path.chmod(0)
    try:
        err = _error(path)
    finally:
        path.chmod(0o644)
    assert (err.message, err.hint) == ("permission denied", "make the file readable (chmod u+r)")


def test_unknown_extension_given_directly(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4")
    err = _error(path)
    assert err.message == "unknown file type '.pdf'"
    assert err.hint == "supported: .txt, .text, .md, .markdown, .html, .htm, .xhtml, .docx"


def test_identity_fields(tmp_path):
    path = tmp_path / "sanctions.be.md"
    raw = article("be").encode("utf-8")
    path.write_bytes(raw)
    doc = read_document(path)
    assert doc.id == "sanctions.be"
    assert doc.source == str(path)
    assert doc.checksum == hashlib.sha256(raw).hexdigest()
    assert doc.segments == ()


def _corpus(tmp_path):
    root = tmp_path / "corpus"
    (root / "b-group").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.be.txt").write_text(article("be"), encoding="utf-8")
    (root / "b-group" / "b.ru.md").write_text(article("ru"), encoding="utf-8")
    (root / "b-group" / "b.en.html").write_text(
        "<html><body><article>" + "".join(f"<p>{s}</p>" for s in article("en").split("\n\n"))
        + "</article></body></html>",
        encoding="utf-8",
    )
    (root / ".hidden.txt").write_text(article("uk"), encoding="utf-8")
    (root / ".git" / "HEAD.txt").write_text("ref: refs/heads/main", encoding="utf-8")
    (root / "a.be-en.gold").write_text("0:0\n", encoding="utf-8")
    (root / "b-group" / "b.tmx").write_text("<tmx/>", encoding="utf-8")
    (root / "notes.rtf").write_text("{\\rtf1}", encoding="utf-8")
    return root


def test_read_folder_recursive_sorted_hidden_skipped(tmp_path):
    root = _corpus(tmp_path)
    documents, notices = read_folder(root)
    assert [(d.id, d.language) for d in documents] == [
        ("a.be", "be"), ("b.en", "en"), ("b.ru", "ru"),
    ]
    assert [(n.code, n.level, n.path) for n in notices] == [
        ("file-skipped", "warning", str(root / "notes.rtf")),
        ("files-skipped", "info", str(root)),
    ]
    assert notices[0].message.startswith("skipped: unknown file type '.rtf'")
    assert notices[1].message == "skipped 2 non-article file(s): 1 .gold, 1 .tmx"


def test_folder_errors(tmp_path):
    with pytest.raises(InputError, match="no such folder"):
        read_folder(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no articles in the folder"):
        read_folder(tmp_path / "empty")
    root = _corpus(tmp_path)
    (root / "b-group" / "a.be.md").write_text(article("be"), encoding="utf-8")
    with pytest.raises(InputError, match="two files give the document id 'a.be'"):
        read_folder(root)


def test_an_empty_file_in_a_folder_stops_the_folder(tmp_path):
    root = _corpus(tmp_path)
    (root / "c.uk.txt").write_bytes(b"")
    with pytest.raises(InputError) as caught:
        read_folder(root)
    assert caught.value.path == str(root / "c.uk.txt")


def test_read_paths_mixes_files_and_folders(tmp_path):
    root = _corpus(tmp_path)
    single = tmp_path / "single.uk.txt"
    single.write_text(article("uk"), encoding="utf-8")
    documents, _ = read_paths([single, root])
    assert [d.id for d in documents] == ["single.uk", "a.be", "b.en", "b.ru"]
