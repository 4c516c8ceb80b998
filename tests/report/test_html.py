"""The HTML report: summary figures, escaping, findings on their spans, plots, size."""

from __future__ import annotations

from dataclasses import replace

import lxml.html
from conftest import gold_alignment, make_document, sample_groups, small_alignment

from align_kit.model import Alignment, Bead, Finding
from align_kit.report import render_report, report_summary
from align_kit.report.plots import alignment_plot, histogram_counts


def parse(html: str):
    return lxml.html.document_fromstring(html)


def has(name: str) -> str:
    """XPath test for a class name (no cssselect dependency)."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def rows_of(tree) -> list:
    return tree.xpath(f"//tr[{has('bead')}]")


def text_of(tree, element_id: str) -> str:
    return tree.get_element_by_id(element_id).text_content().strip()


def test_summary_figures(alignment):
    tree = parse(render_report([alignment], title="Meeting"))
    assert text_of(tree, "sum-groups") == "1"
    assert text_of(tree, "sum-documents") == "3"
    assert text_of(tree, "sum-beads") == "5"
    assert text_of(tree, "sum-low") == "2"
    kinds = {tr.get("data-kind"): tr.findtext("td[@class='n']") for tr in tree.xpath(
        "//table[@id='kinds']/tr")}
    assert kinds == {"1-1-1": "4", "1-2-2": "1"}
    assert [text_of(tree, f"sum-{s}") for s in ("error", "warning", "info")] == ["1", "1", "1"]
    bars = [int(r.get("data-count"))
            for r in tree.xpath("//svg[@class='histogram']/rect[@class='bar']")]
    assert bars == [0, 0, 0, 1, 1, 0, 0, 0, 1, 2]
    assert tree.findtext(".//title") == "Meeting"


def test_beads_carry_score_type_and_classes(alignment):
    rows = rows_of(parse(render_report([alignment])))
    assert [r.get("data-kind") for r in rows] == ["1-1-1", "1-1-1", "1-1-1", "1-2-2", "1-1-1"]
    assert [("low" in r.get("class")) for r in rows] == [False, False, True, True, False]
    assert [r.get("data-findings") for r in rows] == ["0", "1", "1", "1", "0"]
    # uncertain = low confidence or findings, j/k jump between these
    assert [("uncertain" in r.get("class")) for r in rows] == [False, True, True, True, False]
    ru_cell = rows[3].xpath("td[@lang='ru']")[0]
    assert [s.text_content() for s in ru_cell.xpath(f"span[{has('seg')}]")] == [
        "Координационный совет & ПАСЕ провели встречу в Варшаве.",
        "Это была первая такая встреча."]


def test_findings_are_marked_on_their_span_with_the_entry_on_hover(alignment):
    tree = parse(render_report([alignment]))
    marks = tree.xpath("//mark")
    assert [(m.text_content(), m.get("class")) for m in marks] == [
        ("санкциям", "finding sev-warning"),
        ("prisoners of conscience", "finding sev-error")]
    title = marks[1].get("title")
    assert "entry: political-prisoner" in title
    assert "expected: political prisoners" in title
    # a finding without a span is listed in the bead's QA cell
    qa = tree.xpath("//tr[@id='g0-b3']/td[@class='qa']//li")[0]
    assert qa.text_content() == "ru has a sentence the original lacks"


def test_everything_is_escaped():
    hostile = [
        "</script><script>window.pwned = 1</script> & <b>bold</b>",
        "\" onmouseover=\"window.pwned=2\" x=' <img src=x onerror=alert(1)>",
    ]
    base = small_alignment()
    en = make_document("hostile.en", "en", hostile)
    be = make_document("hostile.be", "be", ["<Латушка> & 'Ціханоўская'", "\"ПАСЕ\""])
    finding = Finding("forbidden-term", "error", "<script>bad</script>", en.id, 0, "en",
                      (0, 9), 'entry"><x', "</script>", ("a\"b",))
    hostile_alignment = Alignment((be, en), (Bead(((0,), (0,)), 0.2), Bead(((1,), (1,)), 0.9)),
                                  id="<id & \"quotes\">", findings=(finding,))
    html = render_report([base, hostile_alignment], title="<T> & \"q\"")
    tree = parse(html)
    assert len(tree.xpath("//script")) == 1
    assert not tree.xpath("//img | //x | //td//b | //td//img")
    assert all(not name.startswith("on") for el in tree.iter() if isinstance(el.tag, str)
               for name in el.attrib)
    segs = [s.text_content()
            for s in tree.xpath(f"//section[@id='g1']//td[@lang='en']/span[{has('seg')}]")]
    assert segs == hostile
    assert tree.findtext(".//title") == "<T> & \"q\""
    assert tree.xpath("//section[@id='g1']//mark")[0].get("title").startswith(
        "error: <script>bad</script> · entry: entry\"><x")


def test_filters_offer_every_bead_type(alignment):
    tree = parse(render_report([alignment]))
    options = [o.get("value") for o in tree.xpath("//select[@id='f-kind']/option")]
    assert options == ["", "1-1-1", "1-2-2"]
    assert tree.xpath("//input[@id='f-low']") and tree.xpath("//input[@id='f-findings']")


def test_alignment_plot_draws_one_box_per_linked_bead_and_pair():
    alignment = small_alignment()
    svg = lxml.html.fragment_fromstring(alignment_plot(alignment))
    boxes = svg.xpath("//rect[@class='bead-box']")
    assert len(boxes) == 2 * 5  # be-ru and be-en, every bead links both
    assert len(svg.xpath("//polyline[@class='path']")) == 2
    one_sided = replace(alignment, beads=alignment.beads[:3] + (
        Bead(((3,), (), ()), 0.1), Bead(((4,), (3, 4, 5), (3, 4, 5)), 0.5)))
    svg = lxml.html.fragment_fromstring(alignment_plot(one_sided))
    assert len(svg.xpath("//rect[@class='bead-box']")) == 2 * 4
    assert len(svg.xpath("//line")) == 2  # the be-only bead: a tick on the x axis per pair


def test_similarity_matrix_is_drawn_under_the_path():
    alignment = small_alignment()
    two_way = Alignment(alignment.documents[:2],
                        tuple(Bead(b.indexes[:2], b.score) for b in alignment.beads),
                        parameters={"similarity": [[1.0 if i == j else 0.1 for j in range(6)]
                                                   for i in range(5)]})
    svg = lxml.html.fragment_fromstring(alignment_plot(two_way))
    assert len(svg.xpath("//rect[@fill-opacity]")) >= 30
    wrong_shape = replace(two_way, parameters={"similarity": [[1.0]]})
    svg = lxml.html.fragment_fromstring(alignment_plot(wrong_shape))
    assert len(svg.xpath("//rect")) == 1 + 5  # frame and beads only


def test_histogram_bins_include_both_ends():
    assert histogram_counts([0.0, 0.05, 0.1, 0.99, 1.0], bins=10) == [2, 1, 0, 0, 0, 0, 0, 0, 0, 2]


def test_sample_corpus_report_is_self_contained_and_small():
    alignments = [gold_alignment(g) for g in sample_groups()]
    assert len(alignments) == 8
    html = render_report(alignments)
    assert len(html.encode("utf-8")) < 2_000_000
    tree = parse(html)
    assert not tree.xpath("//link | //img | //iframe | //script[@src]")
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html
    summary = report_summary(alignments)
    assert text_of(tree, "sum-beads") == str(summary["beads"]) == str(
        sum(len(a.beads) for a in alignments))
    assert len(rows_of(tree)) == summary["beads"]
    assert len(tree.xpath("//svg[@class='alignment-plot']")) == 8


class _Term:
    def __init__(self, text: str, status: str) -> None:
        self.text, self.status = text, status


class _Match:
    def __init__(self, entry: str, term: _Term, span: tuple[int, int]) -> None:
        self.entry, self.term, self.span = entry, term, span


def word_finder(text: str, language: str) -> list[_Match]:
    """A tiny glossary: exact words per language (the real one is TermMatcher.find)."""
    words = {"en": [("pace", "PACE"), ("cabinet", "United Transitional Cabinet")],
             "ru": [("pace", "ПАСЕ"), ("sanctions", "санкциям")]}
    out = []
    for entry, word in words.get(language, []):
        start = text.find(word)
        if start >= 0:
            out.append(_Match(entry, _Term(word, "approved"), (start, start + len(word))))
    return out


def test_glossary_terms_are_marked_with_the_entry_on_hover(alignment):
    tree = parse(render_report([alignment], term_finder=word_finder))
    terms = tree.xpath("//span[@class='term']")
    assert sorted(t.text_content() for t in terms) == [
        "PACE", "United Transitional Cabinet", "ПАСЕ", "санкциям"]
    sanctions = tree.xpath("//span[@class='term' and .='санкциям']")[0]
    # a term that is also a finding sits inside the finding's <mark>
    assert sanctions.getparent().tag == "mark"
    assert sanctions.get("title") == "glossary entry sanctions: санкциям (approved)"
    assert not parse(render_report([alignment])).xpath("//span[@class='term']")


def test_empty_inputs_still_give_a_page(alignment):
    for alignments in ([], [Alignment(alignment.documents, ())],
                       [Alignment(alignment.documents[:1], ())]):
        tree = parse(render_report(alignments))
        assert text_of(tree, "sum-beads") == "0"
        assert rows_of(tree) == []


def test_low_confidence_beads_say_why_and_numbers_are_1_based(alignment):
    from align_kit.report import render_report

    page = render_report([alignment], title="t", low=0.5)
    assert '<a href="#g0-b0">1</a>' in page and '<a href="#g0-b4">5</a>' in page
    row = page.split('id="g0-b3"', 1)[1].split("</tr>", 1)[0]  # score 0.3
    assert '<li class="why">English is 1.6x as long as Belarusian' in row
    high = page.split('id="g0-b1"', 1)[1].split("</tr>", 1)[0]  # 0.9: no explanation needed
    assert 'class="why"' not in high
