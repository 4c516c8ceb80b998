"""Our files in real consumers: xmllint, msgfmt, translate-toolkit, OmegaT.

Each test skips with the reason when its tool is missing; `.ci/run` installs
them (Debian: gettext libxml2-utils omegat; PyPI: translate-toolkit).
"""

import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from align_kit.formats.po import write_po
from align_kit.formats.tmx import write_tmx
from align_kit.formats.xliff import write_xliff

from .samples import pair, three_way

HERE = Path(__file__).parent
OFFICIAL_DTD = HERE.parents[1] / ".." / "shared" / "data" / "standards" / "tmx14.dtd"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian package: "
                    f"{ {'xmllint': 'libxml2-utils', 'msgfmt': 'gettext'}.get(name, name)})")
    return path


def _official_dtd() -> Path:
    if not OFFICIAL_DTD.is_file():
        pytest.skip("../shared/data/standards/tmx14.dtd is not here (only in the workshop)")
    return OFFICIAL_DTD.resolve()


@pytest.fixture
def tmx(tmp_path):
    path = tmp_path / "batch.tmx"
    write_tmx([three_way(), pair("ru", doc_id="visas")], path)
    return path


def test_xmllint_relaxng(tmx):
    xmllint = _tool("xmllint")
    run = subprocess.run([xmllint, "--noout", "--nonet", "--relaxng", str(HERE / "tmx14.rng"),
                          str(tmx)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "validates" in run.stderr


def test_xmllint_dtdvalid_official(tmx):
    dtd = _official_dtd()
    xmllint = _tool("xmllint")
    run = subprocess.run([xmllint, "--noout", "--nonet", "--dtdvalid", str(dtd), str(tmx)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr


def test_official_dtd_in_process(tmx):
    dtd = etree.DTD(str(_official_dtd()))
    tree = etree.parse(str(tmx), etree.XMLParser(load_dtd=False, no_network=True))
    assert dtd.validate(tree), dtd.error_log


MUTATIONS = {
    "valid": lambda root: None,
    "no srclang": lambda root: root.find("header").attrib.pop("srclang"),
    "bad segtype": lambda root: root.find("header").set("segtype", "word"),
    "tuv without seg": lambda root: root.find(".//tuv").remove(root.find(".//seg")),
    "tu without tuv": lambda root: [root.find(".//tu").remove(t)
                                    for t in root.find(".//tu").findall("tuv")],
    "prop after tuv": lambda root: root.find(".//tu").append(etree.Element("prop", type="x")),
    "prop without type": lambda root: root.find(".//prop").attrib.pop("type"),
    "unknown element": lambda root: root.find(".//seg").append(etree.Element("b")),
    "inline codes": lambda root: root.find(".//seg").append(etree.Element("ph")),
    "hi in seg": lambda root: root.find(".//seg").append(etree.Element("hi")),
    "it without pos": lambda root: root.find(".//seg").append(etree.Element("it")),
    "body missing": lambda root: root.remove(root.find("body")),
    "version 1.3": lambda root: root.set("version", "1.3"),
}


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_our_relax_ng_schema_agrees_with_the_official_dtd(tmx, mutation):
    dtd = etree.DTD(str(_official_dtd()))
    rng = etree.RelaxNG(etree.parse(str(HERE / "tmx14.rng")))
    tree = etree.parse(str(tmx), etree.XMLParser(load_dtd=False, no_network=True))
    MUTATIONS[mutation](tree.getroot())
    assert rng.validate(tree) == dtd.validate(tree)
    assert dtd.validate(tree) == (mutation in {"valid", "inline codes", "hi in seg"})


def test_msgfmt_accepts_every_po(tmp_path):
    msgfmt = _tool("msgfmt")
    alignment = three_way()
    files = []
    for lang in ("ru", "en"):
        files.append(tmp_path / f"cabinet.be-{lang}.po")
        write_po(alignment, files[-1], target_lang=lang)
    files.append(tmp_path / "prisoners.en-be.po")
    write_po(pair(), files[-1], target_lang="be", source_lang="en")
    tricky = ['Ён сказаў: "Мы вернемся"\\n', "Радок\nдругі\tрадок", " прабелы "]
    files.append(tmp_path / "tricky.po")
    write_po(pair(sources=tricky, targets=tricky[::-1]), files[-1], target_lang="en")
    # And a merged one, with obsolete entries.
    write_po(pair(sources=tricky[:1], targets=tricky[:1]), files[-1], target_lang="en")
    for path in files:
        run = subprocess.run([msgfmt, "--check-format", "--check-header", "-o", "/dev/null",
                              str(path)], capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, (path.name, run.stderr)
        assert "warning" not in run.stderr, run.stderr
    run = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(files[0])],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr


def test_translate_toolkit_reads_our_tmx(tmx):
    tmxfile = pytest.importorskip("translate.storage.tmx", reason="translate-toolkit is absent")
    units = tmxfile.tmxfile.parsefile(str(tmx)).units
    assert len(units) == 7 + 20
    # translate-toolkit reads a TMX as bilingual: the first two languages of each TU.
    alignment = three_way()
    for unit, bead in zip(units, alignment.beads, strict=False):
        be, ru, _ = alignment.texts(bead)
        if be and ru:
            assert (unit.source, unit.target) == (be, ru)
    visas = pair("ru", doc_id="visas")
    assert [(u.source, u.target) for u in units[7:]] == [visas.texts(b) for b in visas.beads]


def test_translate_toolkit_counts_our_po(tmp_path):
    pytest.importorskip("translate.storage.pypo", reason="translate-toolkit is absent")
    from translate.storage import factory

    path = tmp_path / "cabinet.be-en.po"
    write_po(three_way(), path, target_lang="en")
    store = factory.getobject(str(path))
    units = [u for u in store.units if not u.isheader()]
    assert [u.getcontext() for u in units] == [f"cabinet:bead-{i + 1}" for i in range(6)]
    assert units[2].source.startswith("Павел Латушка") and units[2].target.startswith("Pavel")
    assert [u.isfuzzy() for u in units] == [False, False, False, True, False, False]
    pocount = shutil.which("pocount") or str(Path(sys.executable).with_name("pocount"))
    if not Path(pocount).exists():
        pytest.skip("pocount is not installed")
    run = subprocess.run([pocount, "--csv", str(path)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    row = run.stdout.strip().splitlines()[-1].split(",")
    # Filename, Translated Messages, Translated Source Words, Translated Target Words,
    # Fuzzy Messages, Fuzzy Source Words, Untranslated Messages, Untranslated Source Words,
    # Total Message, Total Source Words, Review Messages, Review Source Words
    assert [int(x) for x in (row[1], row[4], row[6], row[8])] == [4, 1, 1, 6]


def test_translate_toolkit_reads_our_xliff(tmp_path):
    pytest.importorskip("translate.storage.xliff", reason="translate-toolkit is absent")
    from translate.storage import factory

    path = tmp_path / "cabinet.be-ru.xlf"
    write_xliff(three_way(), path, target_lang="ru")
    units = factory.getobject(str(path)).units
    assert len(units) == 6
    assert units[1].source.startswith("Святлана") and units[1].target.startswith("Светлана")
    # translate-toolkit calls every unit without approved="yes" fuzzy: only reviewed beads are.
    assert units[1].isapproved() and not units[1].isfuzzy()
    assert units[3].isfuzzy() and not units[3].isapproved()


OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes><mask>**/.svn/**</mask></source_dir_excludes>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <source_tok>{source_tok}</source_tok>
    <target_tok>{target_tok}</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""
TOKENIZERS = {"en": "org.omegat.tokenizer.LuceneEnglishTokenizer",
              "be": "org.omegat.tokenizer.LuceneRussianTokenizer",
              "ru": "org.omegat.tokenizer.LuceneRussianTokenizer"}


def _omegat_translate(tmp_path: Path, source: str, target: str, text: str, tmx_writer) -> str:
    omegat = _tool("omegat")
    project = tmp_path / "project"
    for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / sub).mkdir(parents=True)
    (project / "omegat.project").write_text(OMEGAT_PROJECT.format(
        source=source.upper(), target=target.upper(), source_tok=TOKENIZERS[source],
        target_tok=TOKENIZERS[target]), encoding="utf-8")
    (project / "source" / "news.txt").write_text(text, encoding="utf-8")
    tmx_writer(project / "tm" / "auto" / "align-kit.tmx")
    run = subprocess.run([omegat, str(project), "--mode=console-translate"],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path,
                         env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin",
                              "JAVA_TOOL_OPTIONS": "-Djava.awt.headless=true"})
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    log = run.stdout + run.stderr
    assert "TMXR_WARNING" not in log and "TMXR_ERROR" not in log, log[-3000:]
    return (project / "target" / "news.txt").read_text(encoding="utf-8")


def test_omegat_fills_a_belarusian_source_from_our_bilingual_tmx(tmp_path):
    source = ("Аб'яднаны пераходны кабінет сабраўся ў Вільні 9 ліпеня.\n\n"
              "Дэлегацыя выступіла ў ПАСЕ ў Страсбургу. "
              "Святлана Ціханоўская заклікала вызваліць усіх палітвязняў.\n")
    target = _omegat_translate(
        tmp_path, "be", "en", source,
        lambda path: write_tmx(three_way(), path, pair="be-en", skip_empty=True))
    assert target == ("The United Transitional Cabinet met in Vilnius on July 9.\n\n"
                      "The delegation spoke at PACE in Strasbourg. Sviatlana Tsikhanouskaya "
                      "called for the release of all political prisoners.\n")


def test_omegat_fills_an_english_source_from_our_multilingual_tmx(tmp_path):
    # A three-language TMX whose srclang is English, as for an English original.
    alignment = replace(three_way(), original="en")
    source = "The United Transitional Cabinet met in Vilnius on July 9.\n"
    target = _omegat_translate(tmp_path, "en", "ru", source,
                               lambda path: write_tmx(alignment, path, skip_empty=True))
    assert target == "Объединённый переходный кабинет собрался в Вильнюсе 9 июля.\n"
