"""Per-language abbreviation and sentence-starter data, read from `segment/data/`.

The data files are plain word lists a linguist can edit; see `data/README.md`
for what each section means. Everything is cached per language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from align_kit.errors import InputError
from align_kit.languages import ALIASES as _LANG_ALIASES

DATA_DIR = Path(__file__).parent / "data"

# Abbreviation classes, in the order a lookup prefers them.
NONFINAL = "nonfinal"
NUMBER = "number"
AMBIGUOUS = "ambiguous"
FINAL = "final"
FINAL_AFTER_NUMBER = "final-after-number"
_ABBREVIATION_SECTIONS = (NONFINAL, NUMBER, AMBIGUOUS, FINAL, FINAL_AFTER_NUMBER)
_SECTIONS = _ABBREVIATION_SECTIONS + ("starters", "qa-labels", "speech-verbs")

def normalise_language(lang: str) -> str:
    """'en-GB' -> 'en', 'bel' -> 'be'; unknown codes pass through lower-cased."""
    code = (lang or "").strip().lower().replace("_", "-")
    if code in _LANG_ALIASES:
        return _LANG_ALIASES[code]
    base = code.split("-")[0]
    return _LANG_ALIASES.get(base, base)


@dataclass(frozen=True)
class LanguageRules:
    language: str
    abbreviations: dict[str, str]  # abbreviation without final period -> class
    starters: frozenset[str]
    qa_labels: frozenset[str]
    speech_verbs: frozenset[str] = frozenset()

    def abbreviation_class(self, token: str, sentence_initial: bool = True) -> str | None:
        """The class of `token` (no final period), or None if it is no abbreviation.

        A lowercase entry also matches its capitalised form only where the
        capital comes from the position: at the start of a sentence. Inside a
        sentence a capital marks a name ("Мэрфі Дж. Пол." is not "пол." =
        Polish), so there the lookup is case-sensitive.
        """
        found = self.abbreviations.get(token)
        if found is None and sentence_initial and token[:1].isupper():
            # "См." at the start of a sentence is the lowercase entry "см".
            lowered = token[:1].lower() + token[1:]
            found = self.abbreviations.get(lowered)
        return found


def _read_sections(path: Path) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {name: [] for name in _SECTIONS}
    current: str | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            if current not in sections:
                raise InputError(f"unknown section [{current}]", path=str(path), line=number)
            continue
        if current is None:
            raise InputError("entry before any [section]", path=str(path), line=number)
        sections[current].append(line)
    return sections


def available_languages() -> list[str]:
    return sorted(p.stem for p in DATA_DIR.glob("*.txt") if p.stem != "generic")


@cache
def load_rules(lang: str) -> LanguageRules:
    """Rules for `lang` (generic data plus the language's own file, if any)."""
    code = normalise_language(lang)
    files = [DATA_DIR / "generic.txt"]
    own = DATA_DIR / f"{code}.txt"
    if code and code != "generic" and own.is_file():
        files.append(own)
    abbreviations: dict[str, str] = {}
    starters: set[str] = set()
    labels: set[str] = set()
    verbs: set[str] = set()
    for path in files:
        sections = _read_sections(path)
        for name in _ABBREVIATION_SECTIONS:
            for entry in sections[name]:
                # The language's own file overrides the generic class.
                abbreviations[entry.replace(" ", "")] = name
        starters.update(sections["starters"])
        labels.update(sections["qa-labels"])
        verbs.update(sections["speech-verbs"])
    return LanguageRules(
        code, abbreviations, frozenset(starters), frozenset(labels), frozenset(verbs)
    )
