"""Alignments the report tests build in code: a small hand-made one and the sample corpus."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from align_kit.model import Alignment, Bead, Document, Finding, Segment

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "corpora" / "gold"

BE = [
    "Аб'яднаны пераходны кабінет сабраўся ў Вільні.",
    "Святлана Ціханоўская заклікала да новых санкцый.",
    "Павел Латушка сказаў: «Усе <палітвязні> павінны выйсці на волю»."
    ,
    "Каардынацыйная рада & ПАСЕ правялі сустрэчу ў Варшаве.",
    "Наступнае пасяджэнне адбудзецца ўвосень.",
]
RU = [
    "Объединённый переходный кабинет собрался в Вильнюсе.",
    "Светлана Тихановская призвала к новым санкциям.",
    "Павел Латушко сказал: «Все <политзаключённые> должны выйти на свободу».",
    "Координационный совет & ПАСЕ провели встречу в Варшаве.",
    "Это была первая такая встреча.",
    "Следующее заседание состоится осенью.",
]
EN = [
    "The United Transitional Cabinet met in Vilnius.",
    "Sviatlana Tsikhanouskaya called for new sanctions.",
    'Pavel Latushka said: "All <prisoners of conscience> must go free & safe."',
    "The Coordination Council & PACE held a meeting in Warsaw.",
    "It was the first such meeting.",
    "The next session will take place in autumn.",
]


def make_document(doc_id: str, language: str, sentences: list[str]) -> Document:
    """A document whose text is the sentences, one paragraph each, with exact spans."""
    segments, parts, pos = [], [], 0
    for n, sentence in enumerate(sentences):
        segments.append(Segment(sentence, pos, pos + len(sentence), paragraph=n))
        parts.append(sentence)
        pos += len(sentence) + 2
    return Document(id=doc_id, language=language, text="\n\n".join(parts), segments=segments,
                    source=f"corpora/own/{doc_id}.txt")


def span_of(doc: Document, needle: str) -> tuple[int, int]:
    start = doc.text.index(needle)
    return start, start + len(needle)


def small_alignment() -> Alignment:
    """be/ru/en, five beads: two below 0.5, one 1-2-2, three findings (error, warning, info)."""
    be = make_document("meeting.be", "be", BE)
    ru = make_document("meeting.ru", "ru", RU)
    en = make_document("meeting.en", "en", EN)
    beads = (
        Bead(((0,), (0,), (0,)), 0.95),
        Bead(((1,), (1,), (1,)), 0.9),
        Bead(((2,), (2,), (2,)), 0.42),
        Bead(((3,), (3, 4), (3, 4)), 0.3),
        Bead(((4,), (5,), (5,)), 0.88),
    )
    findings = (
        Finding("forbidden-term", "error", 'forbidden term "prisoners of conscience"',
                en.id, 2, "en", span_of(en, "prisoners of conscience"), "political-prisoner",
                "prisoners of conscience", ("political prisoners",)),
        Finding("missing-term", "warning", "sanctions: approved term <санкции> not used",
                ru.id, 1, "ru", span_of(ru, "санкциям"), "sanctions", "санкциям",
                ("санкции",)),
        Finding("untranslated", "info", "ru has a sentence the original lacks", ru.id, 3, "ru"),
    )
    return Alignment((be, ru, en), beads, original="be", id="meeting", findings=findings)


def _read_gold(path: Path) -> list[tuple[list[int], list[int]]]:
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        left, right = line.split(":")
        beads.append(([int(x) for x in re.findall(r"\d+", left)],
                      [int(x) for x in re.findall(r"\d+", right)]))
    return beads


def gold_alignment(group: str) -> Alignment:
    """The gold be/ru/en alignment of a sample-corpus group, three-way.

    Beads are the connected components of the three pairwise gold alignments;
    scores are made up from the length ratio so the report has a spread.
    """
    langs = ("be", "ru", "en")
    sents = {lang: (GOLD / f"{group}.{lang}.sents").read_text(encoding="utf-8").splitlines()
             for lang in langs}
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for lang in langs:
        for i in range(len(sents[lang])):
            find((lang, i))
    for a, b in (("en", "be"), ("en", "ru"), ("be", "ru")):
        for left, right in _read_gold(GOLD / f"{group}.{a}-{b}.gold"):
            nodes = [(a, i) for i in left] + [(b, j) for j in right]
            for node in nodes[1:]:
                parent[find(node)] = find(nodes[0])
    comps: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for node in list(parent):
        comps.setdefault(find(node), []).append(node)
    beads = []
    for nodes in comps.values():
        indexes = tuple(tuple(sorted(i for lang2, i in nodes if lang2 == lang)) for lang in langs)
        lengths = [sum(len(sents[lang][i]) for i in side)
                   for lang, side in zip(langs, indexes, strict=True)]
        present = [n for n in lengths if n]
        ratio = min(present) / max(present) if len(present) > 1 else 0.1
        score = round(max(0.05, min(0.99, ratio ** 2 - 0.1 * (len(present) < 3))), 3)
        beads.append(Bead(indexes, score))
    beads = _in_document_order(beads)
    docs = tuple(make_document(f"{group}.{lang}", lang, sents[lang]) for lang in langs)
    return Alignment(docs, tuple(beads), original="be", id=group)


def _in_document_order(beads: list[Bead]) -> list[Bead]:
    """Emit beads so that every side reads its segments in order (the gold is monotone)."""
    pending, ordered = list(beads), []
    following = [0] * len(beads[0].indexes)
    while pending:
        ready = next(b for b in pending
                     if all(not side or side[0] == following[k]
                            for k, side in enumerate(b.indexes)))
        pending.remove(ready)
        ordered.append(ready)
        for k, side in enumerate(ready.indexes):
            if side:
                following[k] = side[-1] + 1
    return ordered


def sample_groups() -> list[str]:
    return sorted(p.name.split(".")[0] for p in GOLD.glob("*.en-be.gold"))


@pytest.fixture
def alignment() -> Alignment:
    return small_alignment()


# --- headless Chromium --------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """One headless Chromium for the browser tests (Debian's chromium + chromium-driver)."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("headless browser tests need Debian's chromium and chromium-driver "
                    "(apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1400,1000",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def artefacts() -> Path:
    """Screenshots for people to look at: out/test-artefacts/ (git-ignored)."""
    folder = ROOT / "out" / "test-artefacts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# --- the review server ---------------------------------------------------------------------

@pytest.fixture
def alignment_file(tmp_path) -> Path:
    from align_kit.report.storage import save_alignment

    path = tmp_path / "meeting.align.jsonl"
    save_alignment(small_alignment(), path)
    return path


class RunningServer:
    def __init__(self, path: Path) -> None:
        import threading

        from align_kit.report.server import ReviewServer

        self.server = ReviewServer(path, quiet=True)
        self.url = self.server.base_url  # for API calls, which send the token as a header
        self.page = self.server.url  # what `review` prints: the page with ?token=
        self.token = self.server.token
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture
def review_server(alignment_file):
    running = RunningServer(alignment_file)
    yield running
    running.stop()
