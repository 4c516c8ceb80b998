"""The report and the editor in headless Chromium (Debian's chromium + chromium-driver).

Screenshots land in out/test-artefacts/ for a person to look at.
"""

from __future__ import annotations

from conftest import gold_alignment, sample_groups, small_alignment

from align_kit.formats.atomic import write_text_atomic
from align_kit.report import render_report, report_summary
from align_kit.report.edits import mark_reviewed
from align_kit.report.storage import load_alignment, save_alignment


def severe_logs(driver) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def drain_logs(driver) -> None:
    """Forget what earlier tests left in the shared browser's console log."""
    driver.get_log("browser")


def visible_rows(driver) -> list:
    from selenium.webdriver.common.by import By

    return [r for r in driver.find_elements(By.CSS_SELECTOR, "tr.bead") if r.is_displayed()]


def wait_for(driver, condition, timeout: float = 10):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(lambda d: condition(d))


def test_sample_corpus_report_in_chromium(browser, tmp_path, artefacts):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    alignments = [gold_alignment(g) for g in sample_groups()] + [small_alignment()]
    summary = report_summary(alignments)
    page = tmp_path / "report.html"
    write_text_atomic(page, render_report(alignments, title="Sample corpus"))
    drain_logs(browser)
    browser.get(page.as_uri())
    assert browser.title == "Sample corpus"

    def figure(element_id: str) -> str:
        return browser.find_element(By.ID, element_id).text

    assert figure("sum-documents") == "27"
    assert figure("sum-beads") == str(summary["beads"])
    assert figure("sum-low") == str(summary["low_confidence"])
    assert figure("sum-error") == "1"
    assert len(visible_rows(browser)) == summary["beads"]
    assert figure("f-count") == f"showing {summary['beads']} of {summary['beads']} beads"

    browser.find_element(By.ID, "f-low").click()
    shown = visible_rows(browser)
    assert len(shown) == summary["low_confidence"] > 0
    assert all(float(r.get_attribute("data-score")) < 0.5 for r in shown)
    browser.save_screenshot(str(artefacts / "report-low-confidence.png"))

    browser.find_element(By.ID, "f-low").click()
    browser.find_element(By.ID, "f-findings").click()
    assert [r.get_attribute("id") for r in visible_rows(browser)] == ["g8-b1", "g8-b2", "g8-b3"]
    browser.find_element(By.ID, "f-findings").click()
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("1-2-2")
    assert [r.get_attribute("data-kind") for r in visible_rows(browser)] == ["1-2-2"]
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("")

    # j jumps to the first uncertain bead, k back around to the last one
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys("j")
    current = browser.find_element(By.CSS_SELECTOR, "tr.current")
    first_uncertain = browser.find_elements(By.CSS_SELECTOR, "tr.uncertain")[0]
    assert current.get_attribute("id") == first_uncertain.get_attribute("id")
    body.send_keys("j")
    second = browser.find_element(By.CSS_SELECTOR, "tr.current").get_attribute("id")
    assert second == browser.find_elements(By.CSS_SELECTOR, "tr.uncertain")[1].get_attribute("id")
    body.send_keys("k")
    assert browser.find_element(By.CSS_SELECTOR, "tr.current").get_attribute("id") == \
        first_uncertain.get_attribute("id")

    mark = browser.find_element(By.CSS_SELECTOR, "#g8 mark.sev-error")
    assert "entry: political-prisoner" in mark.get_attribute("title")
    browser.execute_script("document.getElementById('g8').scrollIntoView()")
    browser.save_screenshot(str(artefacts / "report.png"))
    assert severe_logs(browser) == []


def _click(driver, selector: str) -> None:
    """Click a button and wait until the page shows the file's new version."""
    from selenium.webdriver.common.by import By

    before = driver.find_element(By.TAG_NAME, "body").get_attribute("data-version")
    _press(driver, selector)
    wait_for(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute(
        "data-version") != before and d.find_element(By.TAG_NAME, "body").get_attribute(
        "data-busy") == "0")


def _press(driver, selector: str) -> None:
    """Click a button, scrolled to the middle first (the sticky toolbar covers the top)."""
    from selenium.webdriver.common.by import By

    button = driver.find_element(By.CSS_SELECTOR, selector)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()


def test_editor_merge_split_and_undo_in_chromium(browser, review_server, alignment_file,
                                                  artefacts):
    from selenium.webdriver.common.by import By

    drain_logs(browser)
    browser.get(review_server.page)
    wait_for(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#beads tbody tr")) == 5)

    _click(browser, 'tr[data-bead="1"] button.merge')
    on_disk = load_alignment(alignment_file)
    assert [b.kind for b in on_disk.beads] == ["1-1-1", "2-2-2", "1-2-2", "1-1-1"]
    rows = browser.find_elements(By.CSS_SELECTOR, "#beads tbody tr")
    assert [r.get_attribute("data-kind") for r in rows] == ["1-1-1", "2-2-2", "1-2-2", "1-1-1"]

    # split the merged bead again before its second English sentence
    _click(browser, 'tr[data-bead="1"] td[data-side="2"] button.split[data-at="1"]')
    on_disk = load_alignment(alignment_file)
    assert [b.indexes for b in on_disk.beads[1:3]] == [((1,), (1,), (1,)), ((2,), (2,), (2,))]

    # split the 1-2-2 bead (index 3 now) on the Russian side, then mark a bead reviewed
    _click(browser, 'tr[data-bead="3"] td[data-side="1"] button.split[data-at="1"]')
    assert [b.kind for b in load_alignment(alignment_file).beads] == [
        "1-1-1", "1-1-1", "1-1-1", "1-1-1", "0-1-1", "1-1-1"]
    _click(browser, 'tr[data-bead="4"] button.review')
    assert "reviewed" in load_alignment(alignment_file).beads[4].flags
    browser.save_screenshot(str(artefacts / "editor.png"))

    _click(browser, "#undo")
    assert "reviewed" not in load_alignment(alignment_file).beads[4].flags
    assert severe_logs(browser) == []

    # another program changes the file: the next click is refused with a message
    save_alignment(mark_reviewed(load_alignment(alignment_file), 0), alignment_file)
    before = alignment_file.read_bytes()
    _press(browser, 'tr[data-bead="0"] button.merge')
    status = wait_for(browser, lambda d: d.find_element(By.ID, "status") if "changed since" in
                      d.find_element(By.ID, "status").text else False)
    assert "error" in status.get_attribute("class")
    assert alignment_file.read_bytes() == before
    browser.save_screenshot(str(artefacts / "editor-stale.png"))


def test_report_of_a_real_run_over_the_sample_corpus(browser, tmp_path, artefacts):
    """The whole flow (ingest, pair, segment, align, glossary) on corpora/sample, then the report.

    Needs the stages on the branch; until they are merged it skips.
    """
    import pytest
    from conftest import ROOT
    from selenium.webdriver.common.by import By

    try:
        from align_kit.pipeline import RunOptions, run_corpus
    except ImportError as exc:
        pytest.skip(f"the pipeline's stages are not all here yet: {exc}")
    glossary = ROOT / "glossaries" / "democratic-forces.tbx"
    result = run_corpus(ROOT / "corpora" / "sample", tmp_path / "run", RunOptions(
        glossary=str(glossary) if glossary.exists() else None))
    files = sorted((tmp_path / "run").glob("*/*.align.jsonl"))
    assert len(files) == len(result.groups) == 8
    alignments = [load_alignment(f) for f in files]
    page = tmp_path / "report.html"
    write_text_atomic(page, render_report(alignments, title="corpora/sample"))
    assert page.stat().st_size < 2_000_000
    drain_logs(browser)
    browser.get(page.as_uri())
    summary = report_summary(alignments)
    assert browser.find_element(By.ID, "sum-beads").text == str(summary["beads"])
    assert browser.find_element(By.ID, "sum-documents").text == "24"
    browser.find_element(By.ID, "f-findings").click()
    shown = visible_rows(browser)
    assert len(shown) == sum(1 for a in alignments for b in range(len(a.beads))
                             if any(f.bead == b for f in a.findings))
    browser.save_screenshot(str(artefacts / "report-sample-run.png"))
    assert severe_logs(browser) == []


def _click_prompt(driver, selector: str, answer: str) -> None:
    """Click a button that asks for text (window.prompt), answer it, wait for the save."""
    from selenium.webdriver.common.by import By

    before = driver.find_element(By.TAG_NAME, "body").get_attribute("data-version")
    _press(driver, selector)
    alert = wait_for(driver, lambda d: d.switch_to.alert)
    alert.send_keys(answer)
    alert.accept()
    wait_for(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute(
        "data-version") != before and d.find_element(By.TAG_NAME, "body").get_attribute(
        "data-busy") == "0")


def test_editor_text_delete_insert_split_per_side_confirm_and_jumps(browser, review_server,
                                                                    alignment_file, artefacts):
    from selenium.webdriver.common.by import By

    drain_logs(browser)
    browser.get(review_server.page)
    wait_for(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#beads tbody tr")) == 5)
    labels = [b.text for b in browser.find_elements(By.CSS_SELECTOR, "button.move")]
    assert "move first sentence to previous bead" in labels
    assert "move last sentence to next bead" in labels
    assert not any("↑" in x or "↓" in x for x in labels)

    # edit a sentence's text: the document text stays consistent
    _click_prompt(browser, 'tr[data-bead="1"] td[data-side="2"] button.edit-text',
                  "Tsikhanouskaya called for sanctions.")
    doc = load_alignment(alignment_file).documents[2]
    assert doc.segments[1].text == "Tsikhanouskaya called for sanctions."
    assert all(doc.text[s.start:s.end] == s.text for s in doc.segments)
    assert "edited" in load_alignment(alignment_file).beads[1].flags

    # delete the extra Russian sentence of the 1-2-2 bead, insert one on the Belarusian side
    _click(browser, 'tr[data-bead="3"] td[data-side="1"] span[data-i="4"] + button + button.delete')
    assert load_alignment(alignment_file).beads[3].kind == "1-1-2"
    _click_prompt(browser, 'tr[data-bead="3"] td[data-side="0"] button.insert', "Новы сказ.")
    assert load_alignment(alignment_file).beads[3].kind == "2-1-2"

    # split the 2-1-2 bead where the reviewer says, per language: be 1, ru 1, en 1
    _click_prompt(browser, 'tr[data-bead="3"] button.split-sides', "1, 1, 1")
    assert [b.kind for b in load_alignment(alignment_file).beads][3:5] == ["1-1-1", "1-0-1"]

    # confirm a bead; n jumps over confirmed beads, l to low-confidence ones
    _click(browser, 'tr[data-bead="0"] button.review')
    assert "reviewed" in load_alignment(alignment_file).beads[0].flags
    assert browser.find_element(By.CSS_SELECTOR, 'tr[data-bead="0"] button.review').text == \
        "✓ confirmed"
    body = browser.find_element(By.TAG_NAME, "body")
    browser.execute_script("window.scrollTo(0, 0)")
    body.send_keys("l")
    low = browser.find_element(By.CSS_SELECTOR, "tr.current").get_attribute("data-bead")
    assert float(load_alignment(alignment_file).beads[int(low)].score) < 0.5
    body.send_keys("n")
    nxt = int(browser.find_element(By.CSS_SELECTOR, "tr.current").get_attribute("data-bead"))
    assert "reviewed" not in load_alignment(alignment_file).beads[nxt].flags
    browser.find_element(By.ID, "next-low").click()
    low = int(browser.find_element(By.CSS_SELECTOR, "tr.current").get_attribute("data-bead"))
    assert load_alignment(alignment_file).beads[low].score < 0.5
    browser.save_screenshot(str(artefacts / "editor-actions.png"))
    assert severe_logs(browser) == []
