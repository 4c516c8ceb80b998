"""The planted-error set: base beads (data/planted_base.txt) with errors planted in one language.

Used by tests/glossary/test_planted.py and bench/glossary.py. Nothing here calls the
matcher: term occurrences are marked by hand in the base file ({entry|words}), other
grammatical cases come from the hand-written forms table (data/org_forms.tsv).
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from align_kit.model import Alignment, Bead, Document, Glossary, Segment

DATA = Path(__file__).parent / "data"
LANGS = ("be", "ru", "en")
_MARK = re.compile(r"\{([\w-]+)\|([^}]*)\}")


@dataclass
class Case:
    """One aligned bead, with the error planted in it (if any)."""

    id: str
    texts: dict[str, str]
    kind: str = "clean"  # clean, inflected, forbidden, dropped, number, letters, untranslated
    lang: str | None = None  # the language the error is planted in
    checks: frozenset[str] = frozenset()  # any of these findings in `lang` detects it
    entry: str | None = None  # the finding must name this entry (term checks)
    notes: list[str] = field(default_factory=list)

    def alignment(self) -> Alignment:
        docs = [Document(f"{self.id}.{lang}", lang, self.texts[lang],
                         segments=(Segment(self.texts[lang], 0, len(self.texts[lang])),))
                for lang in LANGS]
        return Alignment(tuple(docs), (Bead(((0,), (0,), (0,))),), original="be", id=self.id)


def read_base(path: Path = DATA / "planted_base.txt") -> list[dict[str, str]]:
    items, cur = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, value = line.partition(": ")
        if key == "id" and cur:
            items.append(cur)
            cur = {}
        cur[key] = value
    if cur:
        items.append(cur)
    return items


def read_forms(path: Path = DATA / "org_forms.tsv") -> dict[tuple[str, str], list[str]]:
    forms: dict[tuple[str, str], list[str]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        entry, lang, form = fields[0], fields[1], fields[-1]
        forms[(entry, lang)].append(form)
    return forms


def plain(marked: str, replace: dict[int, str] | None = None) -> str:
    """The text without marks; occurrence i replaced by replace[i] where given."""
    replace = replace or {}
    counter = iter(range(10_000))

    def sub(m: re.Match) -> str:
        i = next(counter)
        return replace.get(i, m.group(2))

    text = _MARK.sub(sub, marked)
    return re.sub(r"\s+([,.;:])", r"\1", re.sub(r" {2,}", " ", text)).strip()


def _change_number(text: str) -> str | None:
    m = re.search(r"\d", text)
    if not m:
        return None
    d = str((int(m.group()) + 1) % 10)
    return text[: m.start()] + d + text[m.end():]


def _wrong_letter(marked: str, lang: str) -> str | None:
    """Russian и in a Belarusian word (for і), Belarusian і in a Russian word (for и).

    Only in words outside the marked terms, so the term checks are not disturbed.
    """
    src, dst = ("і", "и") if lang == "be" else ("и", "і")
    parts = _MARK.split(marked)  # text, entry, words, text, ...
    for k in range(0, len(parts), 3):
        for w in re.finditer(r"\w+", parts[k]):
            if src in w.group() and len(w.group()) > 1:
                new = w.group().replace(src, dst, 1)
                parts[k] = parts[k][: w.start()] + new + parts[k][w.end():]
                out = []
                for j in range(0, len(parts), 3):
                    out.append(parts[j])
                    if j + 2 < len(parts):
                        out.append("{" + parts[j + 1] + "|" + parts[j + 2] + "}")
                return "".join(out)
    return None


def build_cases(glossary: Glossary, seed: int = 1,
                base_file: Path = DATA / "planted_base.txt") -> list[Case]:
    rng = random.Random(seed)
    entries = {e.id: e for e in glossary.entries}
    forms = read_forms()
    bad_forms = read_forms(DATA / "forbidden_forms.tsv")
    cases: list[Case] = []
    for item in read_base(base_file):
        marked = {lang: item[lang] for lang in LANGS}
        base = {lang: plain(marked[lang]) for lang in LANGS}
        cases.append(Case(item["id"], dict(base)))
        for lang in LANGS:
            occ = _MARK.findall(marked[lang])
            ids = [e for e, _ in occ]
            for i, (entry_id, words) in enumerate(occ):
                entry = entries[entry_id]
                # forbidden variant in place of the approved term
                forbidden = [t.text for t in entry.forbidden(lang)]
                forbidden += bad_forms.get((entry_id, lang), [])
                for v, bad in enumerate(forbidden):  # every variant, every written form
                    texts = dict(base, **{lang: plain(marked[lang], {i: bad})})
                    cases.append(Case(f"{item['id']}-{lang}-forbidden-{i}.{v}", texts,
                                      "forbidden", lang, frozenset({"forbidden-term"}), entry_id))
                # the term dropped (only where the concept occurs once in that language)
                if ids.count(entry_id) == 1:
                    texts = dict(base, **{lang: plain(marked[lang], {i: ""})})
                    cases.append(Case(f"{item['id']}-{lang}-dropped-{i}", texts, "dropped",
                                      lang, frozenset({"term-missing"}), entry_id))
                # another grammatical case (hand-written forms) or English possessive
                if lang in ("be", "ru") and (entry_id, lang) in forms:
                    other = [f for f in forms[(entry_id, lang)] if f.lower() != words.lower()]
                    form = other[rng.randrange(len(other))]
                    texts = dict(base, **{lang: plain(marked[lang], {i: form})})
                    cases.append(Case(f"{item['id']}-{lang}-inflected-{i}", texts, "inflected"))
                elif lang == "en" and not words.endswith("s"):
                    texts = dict(base, **{lang: plain(marked[lang], {i: words + "’s"})})
                    cases.append(Case(f"{item['id']}-{lang}-inflected-{i}", texts, "inflected"))
            changed = _change_number(base[lang])
            if changed:
                cases.append(Case(f"{item['id']}-{lang}-number", dict(base, **{lang: changed}),
                                  "number", lang, frozenset({"number-mismatch"})))
            if lang in ("be", "ru"):
                wrong = _wrong_letter(marked[lang], lang)
                if wrong:
                    cases.append(Case(f"{item['id']}-{lang}-letters",
                                      dict(base, **{lang: plain(wrong)}), "letters", lang,
                                      frozenset({"wrong-letters"})))
        # untranslated: the Belarusian original left in the English or Russian side
        cases.append(Case(f"{item['id']}-en-untranslated", dict(base, en=base["be"]),
                          "untranslated", "en", frozenset({"untranslated"})))
        cases.append(Case(f"{item['id']}-ru-untranslated", dict(base, ru=base["be"]),
                          "untranslated", "ru", frozenset({"untranslated", "wrong-letters"})))
    return cases


def score(cases: list[Case], findings_of) -> dict[str, dict[str, float]]:
    """Recall and false-alarm rate per language.

    A planted error is detected when a finding in its language has one of its checks (and
    names its entry, for term errors). A false alarm is a clean (case, language) unit --
    every language of a clean or inflected case, and the other languages of a planted one --
    with any finding at all.
    """
    stats = {lang: {"planted": 0, "detected": 0, "clean": 0, "false_alarms": 0}
             for lang in LANGS}
    missed: list[str] = []
    alarms: list[str] = []
    for case in cases:
        found = findings_of(case)
        for lang in LANGS:
            mine = [f for f in found if f.language == lang]
            if case.lang == lang:
                stats[lang]["planted"] += 1
                hit = any(f.check in case.checks and (case.entry is None or f.entry == case.entry)
                          for f in mine)
                stats[lang]["detected"] += hit
                if not hit:
                    missed.append(f"{case.id}: {case.texts[lang]}")
            else:
                stats[lang]["clean"] += 1
                if mine:
                    stats[lang]["false_alarms"] += 1
                    alarms.append(f"{case.id} [{lang}]: {mine[0].check} {mine[0].message}")
    out = {}
    for lang, s in stats.items():
        out[lang] = dict(s, recall=s["detected"] / max(1, s["planted"]),
                         false_alarm_rate=s["false_alarms"] / max(1, s["clean"]))
    out["_missed"] = missed  # type: ignore[assignment]
    out["_alarms"] = alarms  # type: ignore[assignment]
    return out
