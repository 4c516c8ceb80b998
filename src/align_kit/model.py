"""The data every stage shares: plain frozen dataclasses, no I/O.

Stages are functions from these types to these types, so any stage can be
replaced by a user's own (bring your own sentence splits, your own beads).
Languages are ISO 639-1 codes: "en", "be", "ru", "uk" (others pass through).
"""

from __future__ import annotations

import copyreg
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

SegmentKind = Literal["sentence", "heading", "caption", "list_item", "line"]
ParagraphKind = Literal["text", "heading", "caption", "list_item", "quote"]


def _frozen_map(value: Mapping | None) -> Mapping:
    return MappingProxyType(dict(value or {}))


# A read-only mapping pickles as its contents: `run --jobs N` sends documents to worker
# processes (plain pickle cannot pickle a mappingproxy, and the pool then hangs).
copyreg.pickle(MappingProxyType, lambda m: (_frozen_map, (dict(m),)))


@dataclass(frozen=True)
class Notice:
    """Something a stage repaired or wants the user to know; never silent.

    `code` is a stable identifier (e.g. "encoding-guessed", "control-chars-removed")
    that tests and tools can match on; `message` is for people.
    """

    code: str
    message: str
    level: Severity = "warning"
    path: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.path or ""
        if self.path and self.line is not None:
            where += f":{self.line}"
        head = f"{where}: " if where else ""
        return f"{head}{self.level}: {self.message}"


@dataclass(frozen=True)
class Paragraph:
    """A block of the normalised text: `text[start:end]` of its document."""

    start: int
    end: int
    kind: ParagraphKind = "text"


@dataclass(frozen=True)
class Segment:
    """A sentence (or heading, caption ...) and where it sits in its document.

    `start`/`end` are character offsets into `Document.text`; `text` is
    `Document.text[start:end]` stripped of surrounding white space, so the
    span always gives the exact characters back.
    """

    text: str
    start: int
    end: int
    paragraph: int = 0
    kind: SegmentKind = "sentence"


@dataclass(frozen=True)
class Document:
    """One article in one language, after ingestion (and optionally segmentation).

    `text` is the normalised text, paragraphs separated by a blank line.
    `metadata` holds front matter and page metadata (title, date, url,
    translation_of, hreflang ...). `encoding` is what the bytes were decoded
    from; `declared_language` what the file name or front matter claimed.
    """

    id: str
    language: str
    text: str
    paragraphs: tuple[Paragraph, ...] = ()
    segments: tuple[Segment, ...] = ()
    metadata: Mapping[str, str] = field(default_factory=dict)
    source: str | None = None
    encoding: str | None = None
    declared_language: str | None = None
    language_confidence: float = 1.0
    checksum: str | None = None
    notices: tuple[Notice, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "metadata", _frozen_map(self.metadata))
        object.__setattr__(self, "paragraphs", tuple(self.paragraphs))
        object.__setattr__(self, "segments", tuple(self.segments))
        object.__setattr__(self, "notices", tuple(self.notices))

    def __hash__(self) -> int:
        return hash((self.id, self.language, self.text))


@dataclass(frozen=True)
class Bead:
    """A group of segments that translate each other, one tuple per language.

    `indexes[k]` are indexes into the segments of the k-th document of the
    alignment (an empty tuple: nothing on that side, an omission or an
    insertion). `score` is a calibrated confidence in [0, 1]. `flags` carries
    states such as "reviewed" or "mt" (a side drafted by machine translation),
    `drafts` the machine drafts by language.
    """

    indexes: tuple[tuple[int, ...], ...]
    score: float = 1.0
    flags: frozenset[str] = frozenset()
    drafts: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "indexes", tuple(tuple(side) for side in self.indexes))
        object.__setattr__(self, "flags", frozenset(self.flags))
        object.__setattr__(self, "drafts", _frozen_map(self.drafts))

    def __hash__(self) -> int:
        return hash((self.indexes, self.score, self.flags))

    @property
    def kind(self) -> str:
        """The bead type as translators say it: "1-1", "2-1", "1-0", "1-1-2" ..."""
        return "-".join(str(len(side)) for side in self.indexes)


@dataclass(frozen=True)
class Alignment:
    """Documents in two or three languages and the beads that link their segments.

    `original` is the language the others were translated from (the TMX
    srclang); `parameters` records how the alignment was produced;
    `findings` are glossary/QA findings (each names its bead index).
    """

    documents: tuple[Document, ...]
    beads: tuple[Bead, ...]
    original: str | None = None
    parameters: Mapping[str, object] = field(default_factory=dict)
    id: str = ""
    findings: tuple[Finding, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "documents", tuple(self.documents))
        object.__setattr__(self, "beads", tuple(self.beads))
        object.__setattr__(self, "findings", tuple(self.findings))
        object.__setattr__(self, "parameters", _frozen_map(self.parameters))
        if not self.id and self.documents:
            object.__setattr__(self, "id", self.documents[0].id)

    def __hash__(self) -> int:
        return hash((self.id, self.beads))

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(d.language for d in self.documents)

    @property
    def original_index(self) -> int:
        """The position of the original's document (the first when it is not set)."""
        langs = self.languages
        return langs.index(self.original) if self.original in langs else 0

    def texts(self, bead: Bead) -> tuple[str, ...]:
        """The text of each side of `bead`, sentences joined by a space."""
        return tuple(
            " ".join(doc.segments[i].text for i in side)
            for doc, side in zip(self.documents, bead.indexes, strict=True)
        )


TermStatus = Literal["approved", "forbidden"]


@dataclass(frozen=True)
class Term:
    """One written form of a concept in one language."""

    text: str
    language: str
    status: TermStatus = "approved"
    case_sensitive: bool = False
    part_of_speech: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class GlossaryEntry:
    """A concept: its approved and forbidden terms in every language."""

    id: str
    terms: tuple[Term, ...]
    note: str | None = None
    subject: str | None = None
    source_line: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", tuple(self.terms))

    def approved(self, language: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.language == language and t.status == "approved")

    def forbidden(self, language: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.language == language and t.status == "forbidden")

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.language for t in self.terms))


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]
    source: str | None = None
    notices: tuple[Notice, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", tuple(self.entries))
        object.__setattr__(self, "notices", tuple(self.notices))


@dataclass(frozen=True)
class Finding:
    """One QA finding: which check, how bad, where (document, bead, language, span)."""

    check: str
    severity: Severity
    message: str
    document: str = ""
    bead: int | None = None
    language: str | None = None
    span: tuple[int, int] | None = None
    entry: str | None = None
    term: str | None = None
    expected: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentGroup:
    """Documents that translate each other, found by pairing: language -> document id.

    `confidence` is in [0, 1]; `evidence` says in words why (shared numbers,
    names, metadata links ...), for the human who checks the manifest.
    """

    members: Mapping[str, str]
    confidence: float = 1.0
    evidence: tuple[str, ...] = ()
    id: str = ""
    # The group's output folder name when a person or an earlier run fixed it (manifest
    # column `group`); empty: derived from the original's file name.
    name: str = ""
    # The language of the original text when a person set it (manifest column `original`,
    # `run --original`); empty: guessed (front matter, else the order be, ru, en).
    original: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "members", _frozen_map(self.members))
        object.__setattr__(self, "evidence", tuple(self.evidence))

    def __hash__(self) -> int:
        return hash((self.id, tuple(sorted(self.members.items()))))


def segments_text(segments: Sequence[Segment]) -> list[str]:
    return [s.text for s in segments]


def bead_number(index: int) -> int:
    """The number a person reads for bead `index`: 1-based, the same in every report, editor
    and exported file (PO comments and contexts, TMX props, XLIFF ids); code counts from 0."""
    return index + 1


def bead_index(number: int) -> int:
    """The 0-based index of the bead a person calls `number` (see `bead_number`)."""
    return number - 1
