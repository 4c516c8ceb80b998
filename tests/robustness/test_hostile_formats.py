"""Hostile files for the formats: ids that try to steer outputs out of their folder, crafted
JSON (deep nesting, NaN), entities and xi:include in TBX/TMX/XLIFF, and half-written exports.
Every case runs `python -m align_kit` as a user does and checks what lands on disk.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT, assert_input_error, assert_repaired, cli

from align_kit.formats.alignment_file import write_alignment
from align_kit.formats.tmx import rebuild_document
from align_kit.model import Alignment, Bead

BE = ["Кабінет сабраўся ў Вільні.", "Ціханоўская заклікала да санкцый.", "Палітвязні чакаюць."]
EN = ["The cabinet met in Vilnius.", "Tsikhanouskaya called for sanctions.",
      "Political prisoners wait."]
GLOSSARY = ROOT / "glossaries/democratic-forces.tbx"
RU = ["Кабинет собрался в Вильнюсе.", "Тихановская призвала к санкциям.",
      "Политзаключённые ждут."]


def alignment(doc_id: str = "news", languages: tuple[str, ...] = ("be", "en")) -> Alignment:
    texts = {"be": BE, "en": EN, "ru": RU}
    docs = tuple(rebuild_document(f"{doc_id}.{lang}", lang, texts[lang], source=f"{lang}.txt")
                 for lang in languages)
    beads = tuple(Bead(tuple((i,) for _ in languages), 0.9) for i in range(3))
    return Alignment(docs, beads, original="be", id=doc_id)


def jsonl(path: Path, doc_id: str, languages: tuple[str, ...] = ("be", "en")) -> Path:
    write_alignment(alignment(doc_id, languages), path)
    return path


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


@pytest.fixture
def world(tmp_path: Path) -> Path:
    """A work folder with an existing file outside the output folder that must survive."""
    (tmp_path / "escape").mkdir()
    (tmp_path / "escape" / "rel.align.jsonl").write_text("precious\n")
    return tmp_path


def assert_contained(world: Path, out: Path, before: dict[str, bytes]) -> None:
    """Nothing written anywhere but under `out`; the precious file untouched."""
    after = snapshot(world)
    outside = {k: v for k, v in after.items() if not (world / k).is_relative_to(out)}
    assert outside == {k: v for k, v in before.items() if not (world / k).is_relative_to(out)}
    assert (world / "escape" / "rel.align.jsonl").read_text() == "precious\n"


def tmx_with_id(doc_id: str) -> bytes:
    tu = ('<tu tuid="x"><prop type="x-document">{id}</prop><prop type="x-bead">1</prop>'
          '<tuv xml:lang="be"><seg>Кабінет.</seg></tuv>'
          '<tuv xml:lang="en"><seg>The cabinet.</seg></tuv></tu>')
    return ('<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="be" '
            'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" '
            'creationtool="t" creationtoolversion="1"/><body>'
            + tu.format(id=doc_id) + tu.format(id="other") + "</body></tmx>").encode()


def po_with_context(ctxt: str) -> bytes:
    return ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Language: en\\n"\n"X-Source-Language: be\\n"\n\n'
            f'msgctxt "{ctxt}"\nmsgid "Кабінет."\nmsgstr "The cabinet."\n').encode()


# --- 1. ids steer output names ---------------------------------------------------------------

ESCAPING_IDS = ["../../escape/rel", "/tmp/align-kit-absolute-escape", "..\\..\\escape\\rel",
                "a/../../../escape/rel"]


@pytest.mark.parametrize("doc_id", ESCAPING_IDS)
def test_tmx_import_refuses_an_id_that_escapes(world, doc_id):
    evil = world / "evil.tmx"
    evil.write_bytes(tmx_with_id(doc_id))
    out = world / "imp" / "sub"
    before = snapshot(world)
    result = cli("import", evil, "-o", f"{out}/")
    assert_input_error(result, evil, "outside the output folder")
    assert repr(doc_id)[1:-1] in result.stderr
    assert_contained(world, out, before)
    assert not out.exists() or not any(out.iterdir())  # all or nothing: not even "other"
    assert not Path("/tmp/align-kit-absolute-escape.align.jsonl").exists()


@pytest.mark.parametrize("doc_id", ESCAPING_IDS)
def test_po_import_refuses_a_context_that_escapes(world, doc_id):
    evil = world / "evil.po"
    evil.write_bytes(po_with_context(f"{doc_id}:bead-1".replace("\\", "\\\\")))
    out = world / "imp" / "sub"
    before = snapshot(world)
    result = cli("import", evil, "-o", f"{out}/")
    assert_input_error(result, evil, "outside the output folder")
    assert_contained(world, out, before)


@pytest.mark.parametrize("to", ["po", "pot", "xliff"])
@pytest.mark.parametrize("doc_id", ESCAPING_IDS)
def test_export_refuses_an_alignment_id_that_escapes(world, to, doc_id):
    evil = jsonl(world / "evil.align.jsonl", doc_id, ("be", "en", "ru"))
    out = world / "po"
    before = snapshot(world)
    result = cli("export", evil, "--to", to, "-o", f"{out}/")
    assert_input_error(result, evil, "outside the output folder")
    assert_contained(world, out, before)
    assert not out.exists() or not any(out.iterdir())


def test_xliff_import_refuses_an_id_that_escapes(world):
    evil = world / "evil.xlf"
    evil.write_text('<?xml version="1.0"?><xliff version="1.2" '
                    'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" '
                    'source-language="be" target-language="en" datatype="plaintext"><body>'
                    '<trans-unit id="../../escape/rel:bead-1"><source>Кабінет.</source>'
                    "<target>The cabinet.</target></trans-unit></body></file></xliff>")
    out = world / "imp"
    before = snapshot(world)
    result = cli("import", evil, "-o", f"{out}/")
    assert_input_error(result, evil, "outside the output folder")
    assert_contained(world, out, before)


@pytest.mark.parametrize(("doc_id", "written"), [
    ("news/2026", "news_2026.be-en.po"), ("news\tday\x07", "newsday.be-en.po"),
    ("CON", "_CON.be-en.po"), (".hidden", "_.hidden.be-en.po"),
])
def test_export_cleans_an_awkward_id_and_says_so(world, doc_id, written):
    source = jsonl(world / "odd.align.jsonl", doc_id)
    out = world / "po"
    result = cli("export", source, "--to", "po", "-o", f"{out}/")
    assert_repaired(result, "not a safe file name")
    assert sorted(p.name for p in out.iterdir()) == [written]


def test_export_shortens_an_overlong_id(world):
    source = jsonl(world / "long.align.jsonl", "ў" * 300)
    out = world / "po"
    result = cli("export", source, "--to", "xliff", "-o", f"{out}/")
    assert_repaired(result, "not a safe file name")
    (name,) = [p.name for p in out.iterdir()]
    assert len(name.encode()) <= 200 and name.endswith(".be-en.xlf")


def test_export_refuses_a_symlink_out_of_the_folder(world):
    source = jsonl(world / "news.align.jsonl", "news")
    out = world / "po"
    out.mkdir()
    (out / "news.be-en.po").symlink_to(world / "escape" / "rel.align.jsonl")
    before = snapshot(world)
    result = cli("export", source, "--to", "po", "-o", f"{out}/")
    assert_input_error(result, source, "leads outside the output folder")
    assert_contained(world, out, before)


def test_two_alignments_with_one_id_do_not_overwrite_each_other(world):
    a = jsonl(world / "a.align.jsonl", "news")
    b = jsonl(world / "b.align.jsonl", "news")
    result = cli("export", a, b, "--to", "po", "-o", world / "po")
    assert_input_error(result, b, "both export to")
    assert not (world / "po").exists() or not any((world / "po").iterdir())


# --- 2. crafted JSON -------------------------------------------------------------------------

def _bead_line(path: Path, n: int, replace: dict) -> Path:
    lines = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[n])
    record.update(replace)
    lines[n] = json.dumps(record, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [
    ("export", "--to", "po", "-o", "OUT/"), ("export", "--to", "tmx", "-o", "OUT/x.tmx"),
    ("check", "--glossary", str(GLOSSARY)), ("report", "-o", "OUT/report.html"),
])
def test_deeply_nested_json_is_one_line(world, command):
    path = jsonl(world / "deep.align.jsonl", "news")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2][:-1] + ',"drafts":' + "[" * 100_000 + "]" * 100_000 + "}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = [a.replace("OUT", str(world / "out")) for a in command]
    result = cli(args[0], path, *args[1:])
    line = assert_input_error(result, f"{path}:3", "nested deeper than 64")
    assert "RecursionError" not in line


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1.5", "-0.1"])
def test_a_bead_score_that_is_not_a_probability_is_refused(world, value):
    path = jsonl(world / "nan.align.jsonl", "news")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace('"score":0.9', f'"score":{value}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for args in (("export", path, "--to", "po", "-o", world / "po"),
                 ("check", path, "--glossary", GLOSSARY),
                 ("report", path, "-o", world / "r.html")):
        result = cli(*args)
        assert_input_error(result, f"{path}:2", "not valid JSON" if "Inf" in value
                           or value == "NaN" else "not a number between 0 and 1")
    assert not (world / "po").exists()


def test_review_refuses_a_nan_score_before_serving(world):
    path = jsonl(world / "nan.align.jsonl", "news")
    path.write_text(path.read_text(encoding="utf-8").replace('"score":0.9', '"score":NaN', 1),
                    encoding="utf-8")
    result = cli("review", path, "--no-browser", "--port", "0", timeout=60)
    assert_input_error(result, f"{path}:2", "NaN is not a number JSON allows")


def test_deep_json_inside_a_tmx_prop_is_one_line(world):
    evil = world / "deep.tmx"
    evil.write_bytes(tmx_with_id("news").replace(
        b'<prop type="x-bead">1</prop>',
        b'<prop type="x-bead">1</prop><prop type="x-align-kit">' + b"[" * 100_000
        + b"]" * 100_000 + b"</prop>", 1))
    result = cli("import", evil, "-o", world / "out/")
    assert_input_error(result, f"{evil}:1", "nested deeper than 64")


@pytest.mark.parametrize("score", ["nan", "inf", "7"])
def test_a_nan_score_in_a_tmx_is_refused(world, score):
    evil = world / "nan.tmx"
    evil.write_bytes(tmx_with_id("news").replace(
        b'<prop type="x-bead">1</prop>',
        f'<prop type="x-bead">1</prop><prop type="x-score">{score}</prop>'.encode(), 1))
    result = cli("import", evil, "-o", world / "out/")
    assert_input_error(result, f"{evil}:1", "is not a number between 0 and 1")
    assert not (world / "out").exists()


# --- 3. entities and xi:include --------------------------------------------------------------

TBX = ('<?xml version="1.0" encoding="UTF-8"?>{doctype}<martif type="TBX-Basic" xml:lang="en" '
       'xmlns:xi="http://www.w3.org/2001/XInclude"><text><body>'
       '<termEntry id="t1"><langSet xml:lang="en"><tig><term>{term}</term></tig></langSet>'
       '<langSet xml:lang="be"><tig><term>кабінет</term></tig></langSet></termEntry>'
       '{extra}</body></text></martif>')


@pytest.mark.parametrize(("doctype", "term", "extra", "fragment"), [
    ('<!DOCTYPE martif SYSTEM "tbx.dtd">', "cabinet &ext;", "", "entity reference &ext;"),
    ('<!DOCTYPE martif [<!ENTITY ext SYSTEM "file:///etc/passwd">]>', "&ext;", "",
     "declares XML entities"),
    ("", "cabinet", '<xi:include href="more.tbx"/>', "XInclude"),
])
def test_tbx_entities_and_xinclude_are_refused(world, doctype, term, extra, fragment):
    tbx = world / "terms.tbx"
    tbx.write_text(TBX.format(doctype=doctype, term=term, extra=extra), encoding="utf-8")
    assert_input_error(cli("glossary", "validate", tbx), tbx, fragment)


def test_xinclude_in_tmx_and_xliff_is_refused(world):
    tmx = world / "inc.tmx"
    tmx.write_bytes(tmx_with_id("news").replace(
        b"<body>", b'<body><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        b'href="/etc/passwd" parse="text"/>', 1))
    assert_input_error(cli("import", tmx, "-o", world / "out/"), tmx, "XInclude")
    xlf = world / "inc.xlf"
    xlf.write_text('<?xml version="1.0"?><xliff version="1.2" '
                   'xmlns="urn:oasis:names:tc:xliff:document:1.2" '
                   'xmlns:xi="http://www.w3.org/2001/XInclude"><file original="x" '
                   'source-language="be" target-language="en" datatype="plaintext"><body>'
                   '<trans-unit id="news:bead-1"><source>Кабінет.</source>'
                   '<target><xi:include href="secret.txt" parse="text"/></target></trans-unit>'
                   "</body></file></xliff>")
    assert_input_error(cli("import", xlf, "-o", world / "out/"), xlf, "XInclude")
    assert not (world / "out").exists()


# --- 4. export writes all of its files or none -----------------------------------------------

def _export_with_file_size_limit(args: list[str], limit: int) -> subprocess.CompletedProcess:
    """`align-kit export` with RLIMIT_FSIZE: writes past `limit` bytes fail with EFBIG, the
    way a full disk fails them (a real failed write, not a mock)."""
    def limit_writes() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "align_kit", "export", *args],
                          capture_output=True, text=True, env=env, preexec_fn=limit_writes,
                          timeout=120)


def test_a_failed_second_file_leaves_every_previous_file_unchanged(world):
    source = jsonl(world / "news.align.jsonl", "news", ("be", "en", "ru"))
    out = world / "po"
    assert cli("export", source, "--to", "po", "-o", out).code == 0
    (out / "news.be-ru.po").unlink()  # written afresh below, from a long Russian side
    before = snapshot(out)
    assert sorted(before) == ["news.be-en.po"]
    # The Russian PO grows past the limit; the English PO alone fits (it is written first).
    ru = alignment("news", ("be", "en", "ru"))
    docs = list(ru.documents)
    docs[2] = rebuild_document("news.ru", "ru", [t + " ж" * 3000 for t in RU], source="ru.txt")
    beads = tuple(replace(b, score=0.8) for b in ru.beads)  # the English PO would change too
    write_alignment(replace(ru, documents=tuple(docs), beads=beads), source)
    limit = max(len(v) for v in before.values()) + 2000
    done = _export_with_file_size_limit([str(source), "--to", "po", "-o", str(out)], limit)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "could not write" in done.stderr
    assert snapshot(out) == before  # the English PO was not replaced either; no temporaries


def test_a_failed_export_into_a_new_folder_leaves_no_file(world):
    source = jsonl(world / "news.align.jsonl", "news", ("be", "en", "ru"))
    out = world / "xliff"
    (out / "news.be-ru.xlf").mkdir(parents=True)  # the second target cannot be written
    result = cli("export", source, "--to", "xliff", "-o", out)
    assert_input_error(result, out / "news.be-ru.xlf", "is a folder")
    assert sorted(p.name for p in out.iterdir()) == ["news.be-ru.xlf"]
