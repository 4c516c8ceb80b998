"""`python -m align_kit check` in a subprocess: selection, accepted findings, CSV/xlsx."""

from __future__ import annotations

import csv
import json

import openpyxl
from qa_support import TBX, align_kit, write_pairs

CLEAN = ("Каардынацыйная рада сабралася ў Вільні 3 красавіка.",
         "The Coordination Council met in Vilnius on 3 April.")
URL = ("Падрабязнасці на https://example.org/belarus.", "Details at https://example.org/minsk.")
DOUBLED = ("Яны прыйшлі раней.", "They came came earlier.")
NO_STOP = ("Сустрэча скончылася.", "The meeting ended")


def test_check_runs_without_a_glossary_and_fails_on_errors(tmp_path):
    path = write_pairs(tmp_path / "a.align.jsonl", [CLEAN, URL, DOUBLED])
    result = align_kit("check", path)
    assert result.returncode == 1, result.stderr
    assert "bead 2" in result.stdout and "[urls]" in result.stdout
    assert "bead 3" in result.stdout and "[doubled-words]" in result.stdout
    clean = write_pairs(tmp_path / "clean.align.jsonl", [CLEAN])
    result = align_kit("check", clean)
    assert (result.returncode, result.stdout) == (0, "No findings.\n")


def test_check_with_a_glossary_runs_both(tmp_path):
    path = write_pairs(tmp_path / "a.align.jsonl",
                       [("Латушко выступіў.", "Latushka spoke."), DOUBLED])
    result = align_kit("check", path, "--glossary", TBX, "--format", "json")
    checks = {f["check"] for f in json.loads(result.stdout)["findings"]}
    assert {"forbidden-term", "doubled-words"} <= checks


def test_checks_and_skip_checks(tmp_path):
    path = write_pairs(tmp_path / "a.align.jsonl", [CLEAN, URL, DOUBLED, NO_STOP])
    only = align_kit("check", path, "--checks", "urls,end-punctuation", "--format", "json")
    assert {f["check"] for f in json.loads(only.stdout)["findings"]} == {"urls",
                                                                         "end-punctuation"}
    skipped = align_kit("check", path, "--skip-checks", "urls", "--format", "json")
    assert "urls" not in {f["check"] for f in json.loads(skipped.stdout)["findings"]}
    assert skipped.returncode == 0  # urls was the only error


def test_unknown_check_is_one_line_with_did_you_mean(tmp_path):
    path = write_pairs(tmp_path / "a.align.jsonl", [CLEAN])
    for option in ("--checks", "--skip-checks"):
        result = align_kit("check", path, option, "doubled-word")
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr == ("align-kit: error: unknown check 'doubled-word' in "
                                 f"{option} (did you mean 'doubled-words'?)\n")
    result = align_kit("check", path, "--checks", "term-count")
    assert result.returncode == 2 and "needs a glossary (add --glossary FILE)" in result.stderr


def test_severity_is_configurable(tmp_path):
    path = write_pairs(tmp_path / "a.align.jsonl", [CLEAN, DOUBLED])
    assert align_kit("check", path).returncode == 0  # a warning
    raised = align_kit("check", path, "--severity", "doubled-words=error")
    assert raised.returncode == 1 and "error   bead 2" in raised.stdout
    off = align_kit("check", path, "--severity", "doubled-words=off", "--fail-on", "warning")
    assert (off.returncode, off.stdout) == (0, "No findings.\n")
    bad = align_kit("check", path, "--severity", "doubled-words=loud")
    assert bad.returncode == 2 and "not error, warning, info or off" in bad.stderr


def test_accepted_findings_stay_accepted_when_bead_numbers_move(tmp_path):
    path = write_pairs(tmp_path / "a.align.jsonl", [CLEAN, URL, DOUBLED])
    accepted = tmp_path / "accepted.json"
    first = align_kit("check", path, "--accept-all", accepted, "--fail-on", "never")
    assert first.returncode == 0 and "2 findings added" in first.stderr
    data = json.loads(accepted.read_text(encoding="utf-8"))
    assert {a["check"] for a in data["accepted"]} == {"urls", "doubled-words"}
    assert all("bead" not in a for a in data["accepted"])
    # a new sentence above them: bead numbers move, the findings stay accepted
    moved = write_pairs(tmp_path / "a.align.jsonl",
                        [("Новы сказ.", "A new sentence."), CLEAN, URL, DOUBLED])
    again = align_kit("check", moved, "--accepted", accepted, "--fail-on", "warning")
    assert again.returncode == 0, again.stdout
    assert again.stdout == f"No findings.\n2 accepted findings not shown ({accepted})\n"
    as_json = align_kit("check", moved, "--accepted", accepted, "--format", "json")
    assert json.loads(as_json.stdout)["accepted"] == 2
    as_html = align_kit("check", moved, "--accepted", accepted, "--format", "html")
    assert "<p>2 accepted findings not shown" in as_html.stdout
    # a changed bead is checked afresh; a new defect is not accepted
    changed = write_pairs(tmp_path / "a.align.jsonl",
                          [CLEAN, ("Падрабязнасці на https://example.org/belarus.",
                                   "Details at https://example.org/vilnius."), DOUBLED, NO_STOP])
    third = align_kit("check", changed, "--accepted", accepted)
    assert third.returncode == 1 and "[urls]" in third.stdout
    assert "[end-punctuation]" in third.stdout and "[doubled-words]" not in third.stdout
    assert "1 accepted finding not shown" in third.stdout
    # --accept-all extends the file
    extend = align_kit("check", changed, "--accepted", accepted, "--accept-all", accepted)
    assert "2 findings added" in extend.stderr
    assert len(json.loads(accepted.read_text(encoding="utf-8"))["accepted"]) == 4


def test_a_malformed_accepted_file_is_one_line_and_is_not_overwritten(tmp_path):
    path = write_pairs(tmp_path / "a.align.jsonl", [CLEAN, DOUBLED])
    bad = tmp_path / "accepted.json"
    bad.write_text('{"format": "align-kit-accepted", "version": 1, "accepted": [\n',
                   encoding="utf-8")
    report = tmp_path / "report.txt"
    for args in (("--accepted", bad), ("--accept-all", bad)):
        result = align_kit("check", path, *args, "-o", report)
        assert result.returncode == 2 and result.stderr.count("\n") == 1
        assert result.stderr.startswith(f"align-kit: error: {bad}:")
        assert "Traceback" not in result.stderr
    assert bad.read_text(encoding="utf-8").endswith("[\n")
    assert not report.exists()  # nothing written
    result = align_kit("check", path, "--severity", "x")
    assert result.returncode == 2 and "--severity 'x' is not ID=LEVEL" in result.stderr


def test_csv_and_xlsx_reports_escape_formula_cells(tmp_path):
    formula = ("=HYPERLINK(\"http://x\") у у.", "=HYPERLINK(\"http://x\") in in.")
    path = write_pairs(tmp_path / "a.align.jsonl", [CLEAN, formula, URL])
    out_csv = tmp_path / "qa.csv"
    result = align_kit("check", path, "--format", "csv", "-o", out_csv, "--fail-on", "never")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(out_csv.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:6] == ["document", "bead", "language", "severity", "check", "message"]
    doubled = [r for r in rows if r[4] == "doubled-words"]
    assert {r[1] for r in doubled} == {"2"}
    assert all(r[7].startswith("'=HYPERLINK") and r[8].startswith("'=HYPERLINK")
               for r in doubled)
    out_xlsx = tmp_path / "qa.xlsx"
    result = align_kit("check", path, "--format", "xlsx", "-o", out_xlsx, "--fail-on", "never")
    assert result.returncode == 0, result.stderr
    ws = openpyxl.load_workbook(out_xlsx).active
    cells = [c.value for row in ws.iter_rows() for c in row if c.value]
    assert any(v.startswith("'=HYPERLINK") for v in cells)
    assert not any(v.startswith("=") for v in cells)
    assert [c.data_type for row in ws.iter_rows() for c in row if c.value] == [
        "s" for row in ws.iter_rows() for c in row if c.value]


def test_xlsx_needs_an_output_file(tmp_path):
    path = write_pairs(tmp_path / "a.align.jsonl", [CLEAN])
    result = align_kit("check", path, "--format", "xlsx")
    assert result.returncode == 2 and "--format xlsx needs -o FILE.xlsx" in result.stderr


def test_checklist_rules_and_their_errors(tmp_path):
    checklist = tmp_path / "rules.tsv"
    checklist.write_text(
        "# house style\n"
        "id\tseverity\tlanguage\tsource\ttarget\tmessage\n"
        "eu-abbr\terror\ten\t\\bЕЗ\\b\t!\\bEU\\b\tЕЗ is rendered EU\n"
        "space-comma\twarning\t*\t\t\\s,\tno space before a comma\n", encoding="utf-8")
    path = write_pairs(tmp_path / "a.align.jsonl", [
        ("ЕЗ падтрымаў рашэнне.", "The Union supported the decision."),
        ("ЕЗ падтрымаў рашэнне.", "The EU supported the decision."),
        ("Яны , кажуць, прыйшлі.", "They , say, came.")])
    result = align_kit("check", path, "--checklist", checklist, "--format", "json")
    found = [(f["check"], f["bead"], f["severity"]) for f in json.loads(result.stdout)["findings"]]
    assert ("eu-abbr", 1, "error") in found and ("space-comma", 3, "warning") in found
    assert not any(f[:2] == ("eu-abbr", 2) for f in found)
    assert result.returncode == 1
    assert align_kit("check", path, "--checklist", checklist,
                     "--skip-checks", "eu-abbr").returncode == 0
    for body, message in (
            ("id\tseverity\tlanguage\tsource\ttargt\tmessage\n", "unknown column 'targt' "
             "(did you mean 'target'?)"),
            ("id\tsource\ttarget\nbad\t(\t\n", ":2: the source pattern '(' is not a valid"),
            ("id\tsource\ttarget\nurls\tx\t\n", ":2: rule id 'urls' is a built-in check"),
            ("id\tsource\ttarget\nr1\t\t\n", ":2: rule 'r1' has neither")):
        checklist.write_text(body, encoding="utf-8")
        result = align_kit("check", path, "--checklist", checklist)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert message in result.stderr and "Traceback" not in result.stderr


def test_a_look_alike_letter_inside_a_term_is_reported_once(tmp_path):
    # Latin "a" in "Лaтушка": the term check names the term; the general check, which
    # speaks for words outside terms, must not report the same letter a second time.
    path = write_pairs(tmp_path / "a.align.jsonl", [
        ("Павел Лaтушка сустрэўся з журналістамі.", "Pavel Latushka met journalists."),
        ("Рэдактар сказаў «дзякуй» ўсім.", "The editor thanked everyone.")])
    with_glossary = json.loads(align_kit("check", path, "--glossary", TBX, "--format", "json",
                                         "--fail-on", "never").stdout)
    checks = [f["check"] for f in with_glossary["findings"]]
    assert checks.count("term-spelling") == 1 and "mixed-script" not in checks
    alone = json.loads(align_kit("check", path, "--format", "json", "--fail-on", "never").stdout)
    assert [f["check"] for f in alone["findings"]] == ["mixed-script"]
