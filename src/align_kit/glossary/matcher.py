"""Find glossary terms in text, in any inflected form, fast.

Each term is a sequence of word keys (per language: lang_en, lang_be,
lang_ru). The index maps the keys of a term's first word to the terms that
start with it, so a text is scanned once, word by word, and only the few
terms whose first word is there are tried: the cost grows with the text,
not with terms x segments. Overlapping matches: the longest wins, but it does
not hide what lies inside it (`_nested`): a forbidden part nearer to the text
than the longer approved term's words ("Павел Латушко": the approved "Павел
Латушка" and the forbidden "Латушко" both), and other entries' terms inside it
("Council of Europe" inside "Parliamentary Assembly of the Council of Europe"),
returned with `nested=True`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from types import ModuleType

from align_kit.glossary import lang_be, lang_en, lang_ru
from align_kit.glossary.text import Token, tokenize
from align_kit.model import Glossary, Term, TermStatus

_LANGS: dict[str, ModuleType] = {"en": lang_en, "be": lang_be, "ru": lang_ru}


def language_rules(lang: str) -> ModuleType:
    """The word-key module for `lang` (English rules for languages without their own)."""
    return _LANGS.get(lang, lang_en)


@dataclass(frozen=True, slots=True)
class TermMatch:
    entry: str  # GlossaryEntry.id
    term: Term
    span: tuple[int, int]  # character offsets into the text searched
    text: str  # the words as written in the text
    # inside a longer match: the concept is there, but the text is about the longer one
    nested: bool = False

    @property
    def status(self) -> TermStatus:
        return self.term.status


@dataclass(frozen=True, slots=True)
class _Pattern:
    entry: str
    term: Term
    keys: tuple[frozenset[str], ...]  # one key set per word
    words: tuple[str, ...]
    agree: int  # Russian: leading words that must agree in case and number
    caps: tuple[int, ...]  # words that must be capitalised in the text (proper names)


class TermMatcher:
    """Inflection-aware matcher over one glossary; `find` and `entries_in`."""

    def __init__(self, glossary: Glossary, *,
                 statuses: tuple[str, ...] = ("approved", "forbidden")) -> None:
        self.glossary = glossary
        self._index: dict[str, dict[str, dict[str | None, list[_Pattern]]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(list)))
        # per language: a word as written -> the index buckets its keys open
        self._buckets: dict[str, dict[str, list]] = defaultdict(dict)
        for entry in glossary.entries:
            for term in entry.terms:
                if term.status in statuses:
                    self._add(entry.id, term)
        self._index = {lang: {k: dict(b) for k, b in idx.items()}
                       for lang, idx in self._index.items()}

    def _add(self, entry_id: str, term: Term) -> None:
        rules = language_rules(term.language)
        variants = [[t.text for t in tokenize(term.text)]]
        # "Anti-Crisis" is also written "anticrisis": index the joined form too.
        if term.language == "en" and any(h in term.text for h in "-\u2010\u2011"):
            joined = [t.text for t in tokenize(term.text.replace("-", "").replace("\u2011", "")
                                               .replace("\u2010", ""))]
            variants.append(joined)
        for words in variants:
            if not words:
                continue
            keys = tuple(_term_keys(rules, w, term.case_sensitive) for w in words)
            agree = rules.agreeing_prefix(tuple(words)) if term.language == "ru" else 0
            # A capital letter in the glossary marks a proper name: "Беларусь" is not
            # "беларусаў" (Belarusians). The first word of a longer term may be
            # lower case in running text.
            # English writes "the Viasna human rights centre" as often as "Human Rights
            # Centre", so there only a one-word name keeps its capital.
            caps = tuple(j for j, w in enumerate(words)
                         if w[:1].isupper() and (len(words) == 1 or (
                             j > 0 and term.language != "en")))
            pattern = _Pattern(entry_id, term, keys, tuple(words), agree, caps)
            # Two levels: first-word key, then second-word key (None for one-word
            # terms), so a common first word ("the", "new") does not bring every
            # term that starts with it to the check.
            lang_index = self._index[term.language]
            for key in keys[0]:
                bucket = lang_index[key]
                for second in (keys[1] if len(keys) > 1 else (None,)):
                    bucket[second].append(pattern)

    def find(self, text: str, lang: str) -> list[TermMatch]:
        """All terms of language `lang` in `text`, longest first on overlaps, in text order."""
        index = self._index.get(lang)
        if not index or not text:
            return []
        tokens = tokenize(text)
        if not tokens:
            return []
        rules = language_rules(lang)
        token_keys = [_text_keys(rules, t.text) for t in tokens]
        # a word read differently after a preposition ("о после": посол, not "after")
        context = getattr(rules, "context_keys", None)
        in_context: set[int] = set()
        if context is not None:
            after = rules.CONTEXT_WORDS
            for i in range(1, len(tokens)):
                if tokens[i - 1].text.lower() not in after:
                    continue
                extra = context(tokens[i - 1].text, tokens[i].text)
                if extra:
                    token_keys[i] = token_keys[i] | extra
                    in_context.add(i)
        compatible = getattr(rules, "compatible", None)
        candidates: list[tuple[int, int, _Pattern]] = []
        last = len(tokens) - 1
        buckets_of = self._buckets[lang]
        for i, tok in enumerate(tokens):
            buckets = None if i in in_context else buckets_of.get(tok.text)
            if i in in_context:
                buckets = [index[k] for k in token_keys[i] if k in index]
            elif buckets is None:
                buckets = [index[k] for k in token_keys[i] if k in index]
                if len(buckets_of) > _KEY_CACHE_LIMIT:
                    buckets_of.clear()
                buckets_of[tok.text] = buckets
            if not buckets:
                continue
            found: list[_Pattern] = []
            for bucket in buckets:
                found += bucket.get(None, ())
                if i < last:
                    for second in token_keys[i + 1]:
                        more = bucket.get(second)
                        if more:
                            found += more
            if not found:
                continue
            seen: set[int] = set()
            for pattern in found:
                if id(pattern) in seen:
                    continue
                seen.add(id(pattern))
                n = len(pattern.keys)
                if n > 2:
                    if i + n > len(tokens):
                        continue
                    pk = pattern.keys
                    if any(pk[j].isdisjoint(token_keys[i + j]) for j in range(2, n)):
                        continue
                if n > 1 and not _contiguous(text, tokens, i, n):
                    continue
                if compatible is not None and not all(
                        compatible(pattern.words[j], tokens[i + j].text) for j in range(n)):
                    continue
                if pattern.caps and not all(tokens[i + j].text[:1].isupper()
                                            for j in pattern.caps):
                    continue
                if pattern.agree > 1 and not rules.agrees(
                        [tokens[i + j].text for j in range(pattern.agree)]):
                    continue
                candidates.append((i, n, pattern))
        if not candidates:
            return []
        return _resolve(text, tokens, candidates)

    def entries_in(self, text: str, lang: str) -> set[str]:
        """Ids of the glossary entries whose terms occur in `text` (for the aligner)."""
        return {m.entry for m in self.find(text, lang) if not m.nested}


def _term_keys(rules: ModuleType, word: str, case_sensitive: bool) -> frozenset[str]:
    if case_sensitive:
        return frozenset({"=" + rules.case_key(word)})
    return rules.term_keys(word)


_KEY_CACHE_LIMIT = 500_000
_text_key_cache: dict[tuple[str, str], frozenset[str]] = {}


def _text_keys(rules: ModuleType, word: str) -> frozenset[str]:
    cache_key = (rules.__name__, word)
    keys = _text_key_cache.get(cache_key)
    if keys is None:
        keys = rules.word_keys(word) | {"=" + rules.case_key(word)}
        if len(_text_key_cache) > _KEY_CACHE_LIMIT:
            _text_key_cache.clear()
        _text_key_cache[cache_key] = keys
    return keys


def _contiguous(text: str, tokens: list[Token], i: int, n: int) -> bool:
    """Words of a term may be separated by spaces and hyphens only, not by punctuation."""
    for j in range(i, i + n - 1):
        gap = text[tokens[j].end:tokens[j + 1].start]
        if gap.strip(" \u00a0\u202f\u2009\t\n-\u2010\u2011«»„“”\"") or len(gap) > 3:
            return False
    return True


def _similarity(tokens: list[Token], i: int, p: _Pattern) -> int:
    return _word_similarity(tokens, i, p.words)


def _word_similarity(tokens: list[Token], i: int, term_words: tuple[str, ...]) -> int:
    """How close the written words are to the term's own words (shared prefix letters).

    Breaks ties between terms that match the same words: Belarusian "Лукашенко"
    is nearer the forbidden "Лукашенко" than the approved "Лукашэнка".
    """
    score = 0
    for j, word in enumerate(term_words):
        a, b = tokens[i + j].text.lower().replace("ё", "е"), word.lower().replace("ё", "е")
        if a == b:
            score += 100
            continue
        k = 0
        while k < min(len(a), len(b)) and a[k] == b[k]:
            k += 1
        score += k
    return score


_APPROVED_MARGIN = 1


def _resolve(text: str, tokens: list[Token],
             candidates: list[tuple[int, int, _Pattern]]) -> list[TermMatch]:
    # Longest (in words, then characters) first; then the nearest spelling; an
    # approved reading beats a forbidden one otherwise; then leftmost.
    if len(candidates) == 1:
        i, n, p = candidates[0]
        start, end = tokens[i].start, tokens[i + n - 1].end
        return [TermMatch(p.entry, p.term, (start, end), text[start:end])]
    ranked = []
    for i, n, p in candidates:
        chars = tokens[i + n - 1].end - tokens[i].start
        # an approved reading keeps the words unless a forbidden one is clearly nearer:
        # Belarusian "Беларусі" is Беларусь (genitive), not the forbidden "Беларусія"
        sim = _similarity(tokens, i, p) + (_APPROVED_MARGIN if p.term.status == "approved" else 0)
        ranked.append(((-n, -chars, -sim, p.term.status != "approved", i), i, n, p))
    ranked.sort(key=lambda r: r[0])
    taken = [False] * len(tokens)
    chosen: list[tuple[tuple, int, int, _Pattern]] = []
    for rank, i, n, p in ranked:
        if any(taken[i:i + n]):
            # the same words may equally be another entry's term (Тихановским: him or her)
            if any(c[0] == rank and c[3].entry != p.entry for c in chosen) and not any(
                    c[3].entry == p.entry and c[1] == i for c in chosen):
                chosen.append((rank, i, n, p))
            continue
        for j in range(i, i + n):
            taken[j] = True
        chosen.append((rank, i, n, p))
    chosen += _nested(tokens, ranked, chosen)
    # text order; a longer match before the ones nested in it
    chosen.sort(key=lambda c: (c[1], -c[2], len(c) > 4))
    out = []
    for c in chosen:
        _, i, n, p = c[:4]
        start, end = tokens[i].start, tokens[i + n - 1].end
        out.append(TermMatch(p.entry, p.term, (start, end), text[start:end], len(c) > 4))
    return out


def _nested(tokens: list[Token], ranked: list, chosen: list) -> list[tuple]:
    """Matches inside a chosen longer one that the longer one must not hide.

    - a forbidden term over some of its words that is nearer the written words than
      the longer term's own words there: "Павел Латушко" holds the forbidden
      "Латушко" though it matches the approved "Павел Латушка";
    - another entry's approved term: "Council of Europe" in the full name of PACE.
    The extra fifth tuple item marks them as nested.
    """
    out: list[tuple] = []
    for _, pi, pn, parent in [c for c in chosen if c[2] > 1]:
        taken = [False] * pn
        for rank, i, n, p in ranked:
            if n >= pn or i < pi or i + n > pi + pn or any(taken[i - pi:i - pi + n]):
                continue
            if p.term.status == "forbidden":
                if parent.term.status == "forbidden":
                    continue
                own = parent.words[i - pi:i - pi + n]
                if _similarity(tokens, i, p) <= _word_similarity(tokens, i, own) \
                        + _APPROVED_MARGIN:
                    continue
            elif p.entry == parent.entry:
                continue  # "Латушка" inside "Павел Латушка": the same concept
            for j in range(i - pi, i - pi + n):
                taken[j] = True
            out.append((rank, i, n, p, True))
    return out

