"""Reviewer edits as pure functions: an `Alignment` in, a new `Alignment` out.

The review server and any script share these, so every edit is tested
without HTTP. Each keeps the beads monotonic (segment order on every side
never changes) and moves glossary findings along with the segments they sit
in. A bad request (no such bead, nothing to split) raises `EditError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from align_kit.errors import AlignKitError
from align_kit.model import Alignment, Bead, Document, Finding, Paragraph, Segment, bead_number

REVIEWED = "reviewed"
# Set on beads a person changed: their score is the machine's, not a human's.
EDITED = "edited"


class EditError(AlignKitError):
    """The edit does not apply to this alignment (unknown bead, bad position)."""


def _check_bead(alignment: Alignment, index: object) -> int:
    if isinstance(index, bool) or not isinstance(index, int):
        raise EditError(f"bead must be an integer, got {index!r}")
    if not 0 <= index < len(alignment.beads):
        last = len(alignment.beads) - 1
        raise EditError(f"unknown bead {bead_number(index)}: the alignment has beads "
                        f"1..{bead_number(last)}",
                        hint="reload the page; the file may have changed")
    return index


def _check_side(alignment: Alignment, side: object) -> int:
    if isinstance(side, bool) or not isinstance(side, int) or not 0 <= side < len(
            alignment.documents):
        raise EditError(f"unknown side {side!r}: the alignment has {len(alignment.documents)} "
                        "languages (0-based side index)")
    return side


def _segment_bead(beads: Sequence[Bead]) -> list[dict[int, int]]:
    """Per side: segment index -> bead index."""
    sides = len(beads[0].indexes) if beads else 0
    out: list[dict[int, int]] = [{} for _ in range(sides)]
    for b, bead in enumerate(beads):
        for k, side in enumerate(bead.indexes):
            for seg in side:
                out[k][seg] = b
    return out


def _finding_segment(alignment: Alignment, finding: Finding) -> tuple[int, int] | None:
    """(side, segment) holding the start of the finding's span, when it has one."""
    if finding.span is None:
        return None
    for k, doc in enumerate(alignment.documents):
        if finding.document and finding.document != doc.id:
            continue
        if finding.language and finding.language != doc.language:
            continue
        for s, seg in enumerate(doc.segments):
            if seg.start <= finding.span[0] < max(seg.end, seg.start + 1):
                return k, s
    return None


def _rebuild(alignment: Alignment, beads: list[Bead], old_to_new: dict[int, int]) -> Alignment:
    """The alignment with new beads; findings follow their segment, else `old_to_new`."""
    where = _segment_bead(beads)
    findings = []
    for f in alignment.findings:
        new_bead = f.bead
        located = _finding_segment(alignment, f)
        if located is not None and located[1] in where[located[0]]:
            new_bead = where[located[0]][located[1]]
        elif f.bead is not None:
            new_bead = old_to_new.get(f.bead, f.bead)
        findings.append(f if new_bead == f.bead else replace(f, bead=new_bead))
    return replace(alignment, beads=tuple(beads), findings=tuple(findings))


def _drop_empty(beads: list[Bead], mapping: dict[int, int]) -> tuple[list[Bead], dict[int, int]]:
    """Remove beads with no segment on any side, renumbering the old -> new map."""
    kept: list[Bead] = []
    renumber: dict[int, int] = {}
    for b, bead in enumerate(beads):
        if any(bead.indexes):
            renumber[b] = len(kept)
            kept.append(bead)
        else:
            renumber[b] = max(len(kept) - 1, 0)
    return kept, {old: renumber[new] for old, new in mapping.items()}


def _identity(n: int) -> dict[int, int]:
    return {b: b for b in range(n)}


def merge_beads(alignment: Alignment, index: int) -> Alignment:
    """Merge bead `index` with the next one (their segments joined on every side)."""
    i = _check_bead(alignment, index)
    if i + 1 >= len(alignment.beads):
        raise EditError(f"bead {bead_number(i)} is the last one: there is no next bead to "
                        "merge with")
    first, second = alignment.beads[i], alignment.beads[i + 1]
    merged = Bead(
        indexes=tuple(a + b for a, b in zip(first.indexes, second.indexes, strict=True)),
        score=min(first.score, second.score),
        flags=(first.flags | second.flags | {EDITED}) - {REVIEWED},
        drafts={**second.drafts, **first.drafts},
    )
    beads = [*alignment.beads[:i], merged, *alignment.beads[i + 2:]]
    mapping = {b: (b if b <= i else b - 1) for b in range(len(alignment.beads))}
    return _rebuild(alignment, beads, mapping)


def _cuts(bead: Bead, side: int, at: int) -> list[int]:
    """How many segments of each side stay in the first half of a split."""
    n = len(bead.indexes[side])
    cuts = []
    for k, segs in enumerate(bead.indexes):
        if k == side:
            cuts.append(at)
        elif at == 0:
            cuts.append(len(segs))  # the chosen side leaves entirely: the rest stays
        elif at == n:
            cuts.append(0)
        else:  # proportional: a 2-2 bead split after its first sentence gives 1-1 + 1-1
            cuts.append(min(len(segs), int(len(segs) * at / n + 0.5)))
    return cuts


def split_bead(alignment: Alignment, index: int, side: int, at: int,
               cuts: Sequence[int] | None = None) -> Alignment:
    """Split bead `index` before the `at`-th segment of `side`.

    The other sides are cut in proportion (a 2-2 bead becomes 1-1 + 1-1);
    `cuts` gives the cut of every side explicitly instead. `at` may be 0 or
    the side's length to detach a whole side ([a]:[b] -> [a]:[] + []:[b]).
    """
    i = _check_bead(alignment, index)
    k = _check_side(alignment, side)
    bead = alignment.beads[i]
    n = len(bead.indexes[k])
    if isinstance(at, bool) or not isinstance(at, int) or not 0 <= at <= n:
        raise EditError(f"cannot split side {k} of bead {bead_number(i)} at {at!r}: it has "
                        f"{n} segment(s)")
    if cuts is None:
        cuts = _cuts(bead, k, at)
    elif len(cuts) != len(bead.indexes) or any(
            not isinstance(c, int) or not 0 <= c <= len(s)
            for c, s in zip(cuts, bead.indexes, strict=True)):
        raise EditError(f"cuts {list(cuts)!r} do not fit bead {bead_number(i)} of kind {bead.kind}")
    head = tuple(s[:c] for s, c in zip(bead.indexes, cuts, strict=True))
    tail = tuple(s[c:] for s, c in zip(bead.indexes, cuts, strict=True))
    if not any(head) or not any(tail):
        raise EditError(f"splitting bead {bead_number(i)} there leaves an empty bead",
                        hint="split between two sentences of a side")
    flags = (bead.flags | {EDITED}) - {REVIEWED}
    beads = [*alignment.beads[:i], Bead(head, bead.score, flags, bead.drafts),
             Bead(tail, bead.score, flags), *alignment.beads[i + 1:]]
    mapping = {b: (b if b <= i else b + 1) for b in range(len(alignment.beads))}
    return _rebuild(alignment, beads, mapping)


def move_segment(alignment: Alignment, index: int, side: int, direction: str) -> Alignment:
    """Move one sentence of `side` to the neighbouring bead.

    "next": the last sentence of bead `index` becomes the first of bead
    `index + 1`; "prev": the first becomes the last of bead `index - 1`.
    A bead left with no sentence on any side disappears.
    """
    i = _check_bead(alignment, index)
    k = _check_side(alignment, side)
    if direction not in ("next", "prev"):
        raise EditError(f"direction must be 'next' or 'prev', got {direction!r}")
    j = i + 1 if direction == "next" else i - 1
    if not 0 <= j < len(alignment.beads):
        raise EditError(f"bead {bead_number(i)} has no {direction} bead to move a sentence to")
    source = alignment.beads[i]
    if not source.indexes[k]:
        raise EditError(f"bead {bead_number(i)} has no sentence in language "
                        f"{alignment.documents[k].language!r} to move")
    target = alignment.beads[j]
    src_side = list(source.indexes[k])
    dst_side = list(target.indexes[k])
    if direction == "next":
        dst_side.insert(0, src_side.pop())
    else:
        dst_side.append(src_side.pop(0))

    def changed(bead: Bead, new_side: list[int]) -> Bead:
        indexes = tuple(tuple(new_side) if n == k else s for n, s in enumerate(bead.indexes))
        return Bead(indexes, bead.score, (bead.flags | {EDITED}) - {REVIEWED}, bead.drafts)

    beads = list(alignment.beads)
    beads[i] = changed(source, src_side)
    beads[j] = changed(target, dst_side)
    beads, mapping = _drop_empty(beads, _identity(len(beads)))
    return _rebuild(alignment, beads, mapping)


def mark_reviewed(alignment: Alignment, index: int, reviewed: bool = True) -> Alignment:
    """Set (or clear) the "reviewed" flag of bead `index`."""
    i = _check_bead(alignment, index)
    bead = alignment.beads[i]
    flags = bead.flags | {REVIEWED} if reviewed else bead.flags - {REVIEWED}
    beads = list(alignment.beads)
    beads[i] = replace(bead, flags=frozenset(flags))
    return replace(alignment, beads=tuple(beads))


# --- segment text: edit, delete, insert (the document text stays consistent) --------------

def _check_segment(alignment: Alignment, side: int, segment: object) -> int:
    doc = alignment.documents[side]
    if isinstance(segment, bool) or not isinstance(segment, int) or not 0 <= segment < len(
            doc.segments):
        raise EditError(f"unknown segment {segment!r} in language {doc.language!r}: it has "
                        f"{len(doc.segments)} (0-based)")
    return segment


def _clean_text(text: object) -> str:
    if not isinstance(text, str):
        raise EditError(f"text must be a string, got {text!r}")
    cleaned = " ".join(text.split())  # one line: a segment never holds a paragraph break
    if not cleaned:
        raise EditError("the new text is empty", hint="delete the segment instead")
    return cleaned


def splice_document(doc: Document, start: int, end: int, replacement: str,
                    segments: Sequence[Segment]) -> tuple[Document, int]:
    """`doc` with `text[start:end]` replaced; every span after `end` shifted. Pure.

    `segments` are the document's new segments with spans still in the old
    text; returns the new document and the shift applied to later spans.
    """
    delta = len(replacement) - (end - start)
    text = doc.text[:start] + replacement + doc.text[end:]

    def moved(pos: int) -> int:
        return pos + delta if pos >= end else pos

    new_segments = tuple(
        s if s.end <= start and s.start < start else replace(s, start=moved(s.start),
                                                               end=moved(s.end))
        for s in segments)
    paragraphs = tuple(
        replace(p, start=p.start if p.start <= start else moved(p.start),
                end=p.end + delta if p.end >= end else p.end)
        for p in doc.paragraphs)
    return replace(doc, text=text, segments=new_segments, paragraphs=paragraphs), delta


def _with_document(alignment: Alignment, side: int, doc: Document, start: int, end: int,
                   delta: int) -> tuple[Document, ...]:
    docs = list(alignment.documents)
    docs[side] = doc
    return tuple(docs)


def _shift_findings(alignment: Alignment, doc_id: str, start: int, end: int,
                    delta: int) -> tuple[Finding, ...]:
    out = []
    for f in alignment.findings:
        if f.span is None or f.document != doc_id:
            out.append(f)
        elif f.span[0] >= end:
            out.append(replace(f, span=(f.span[0] + delta, f.span[1] + delta)))
        elif f.span[1] <= start:
            out.append(f)
        else:  # the text it pointed at was rewritten: keep the finding, without a span
            out.append(replace(f, span=None))
    return tuple(out)


def _bead_of(alignment: Alignment, side: int, segment: int) -> int | None:
    return next((b for b, bead in enumerate(alignment.beads) if segment in bead.indexes[side]),
                None)


def _mark(bead: Bead) -> Bead:
    return replace(bead, flags=frozenset(bead.flags | {EDITED}))


def edit_segment_text(alignment: Alignment, side: int, segment: int, text: str) -> Alignment:
    """Replace the text of one segment; the document text and later spans follow."""
    k = _check_side(alignment, side)
    s = _check_segment(alignment, k, segment)
    new_text = _clean_text(text)
    doc = alignment.documents[k]
    old = doc.segments[s]
    segments = list(doc.segments)
    segments[s] = replace(old, text=new_text, end=old.start + len(new_text) + (
        old.end - old.start - len(new_text)))  # provisional, fixed below
    new_doc, delta = splice_document(doc, old.start, old.end, new_text, segments)
    fixed = list(new_doc.segments)
    fixed[s] = replace(old, text=new_text, start=old.start, end=old.start + len(new_text))
    new_doc = replace(new_doc, segments=tuple(fixed))
    beads = list(alignment.beads)
    b = _bead_of(alignment, k, s)
    if b is not None:
        beads[b] = _mark(beads[b])
    return replace(alignment, documents=_with_document(alignment, k, new_doc, 0, 0, 0),
                   beads=tuple(beads),
                   findings=_shift_findings(alignment, doc.id, old.start, old.end, delta))


def delete_segment(alignment: Alignment, side: int, segment: int) -> Alignment:
    """Remove one segment (and its text); later indexes and spans shift; empty beads go."""
    k = _check_side(alignment, side)
    s = _check_segment(alignment, k, segment)
    doc = alignment.documents[k]
    old = doc.segments[s]
    end = old.end
    while end < len(doc.text) and doc.text[end] == " ":  # the space before the next sentence
        end += 1
    segments = [seg for n, seg in enumerate(doc.segments) if n != s]
    new_doc, delta = splice_document(doc, old.start, end, "", segments)
    holder = _bead_of(alignment, k, s)
    beads = []
    for b, bead in enumerate(alignment.beads):
        indexes = tuple(tuple(i - (i > s) for i in sd if i != s) if n == k else sd
                        for n, sd in enumerate(bead.indexes))
        changed = replace(bead, indexes=indexes)
        beads.append(_mark(changed) if b == holder else changed)
    findings = _shift_findings(alignment, doc.id, old.start, end, delta)
    kept, mapping = _drop_empty(beads, _identity(len(beads)))
    shifted = replace(alignment, documents=_with_document(alignment, k, new_doc, 0, 0, 0),
                      findings=findings)
    return _rebuild(shifted, kept, mapping)


def insert_segment(alignment: Alignment, index: int, side: int, at: int,
                   text: str) -> Alignment:
    """Insert a new segment into bead `index`, side `side`, before its `at`-th segment."""
    i = _check_bead(alignment, index)
    k = _check_side(alignment, side)
    new_text = _clean_text(text)
    bead = alignment.beads[i]
    mine = bead.indexes[k]
    if isinstance(at, bool) or not isinstance(at, int) or not 0 <= at <= len(mine):
        raise EditError(f"cannot insert at {at!r}: bead {bead_number(i)} has {len(mine)} "
                        "segment(s) there")
    if at < len(mine):
        g = mine[at]
    elif mine:
        g = mine[-1] + 1
    else:  # an empty side: after the segments of the beads before it
        g = max((j + 1 for b in alignment.beads[:i] for j in b.indexes[k]), default=0)
    doc = alignment.documents[k]
    if g < len(doc.segments):
        pos, piece, para = doc.segments[g].start, new_text + " ", doc.segments[g].paragraph
        seg_start = pos
    else:
        pos = len(doc.text)
        piece = ("\n\n" if doc.text else "") + new_text
        para = (doc.segments[-1].paragraph + 1) if doc.segments else 0
        seg_start = pos + len(piece) - len(new_text)
    new_doc, delta = splice_document(doc, pos, pos, piece, doc.segments)
    # the inserted segment's span is in the new text; segments at or after `pos` moved by delta
    segments = list(new_doc.segments)
    segments.insert(g, Segment(new_text, seg_start, seg_start + len(new_text), para))
    new_doc = replace(new_doc, segments=tuple(segments))
    if g >= len(doc.segments) and piece.startswith("\n\n"):
        new_doc = replace(new_doc, paragraphs=(*new_doc.paragraphs,
                                               Paragraph(seg_start, seg_start + len(new_text))))
    beads = []
    for b, other in enumerate(alignment.beads):
        indexes = [tuple(j + (j >= g) for j in sd) if n == k else sd
                   for n, sd in enumerate(other.indexes)]
        if b == i:
            side_now = list(indexes[k])
            side_now.insert(at, g)
            indexes[k] = tuple(side_now)
            beads.append(_mark(replace(other, indexes=tuple(indexes))))
        else:
            beads.append(replace(other, indexes=tuple(indexes)))
    findings = _shift_findings(alignment, doc.id, pos, pos, delta)
    return replace(alignment, documents=_with_document(alignment, k, new_doc, 0, 0, 0),
                   beads=tuple(beads), findings=findings)
