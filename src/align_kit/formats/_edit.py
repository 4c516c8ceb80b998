"""Apply translations edited outside (PO editor, CAT tool) back onto an alignment.

An edited side of a bead becomes one segment holding the new text; the
document's text is rewritten around it so every span stays exact, and the
segment indexes of later beads shift accordingly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from align_kit.model import Alignment, Bead, Document, Paragraph, Segment


@dataclass(frozen=True)
class Edit:
    """A translation for one bead side.

    `confirmed`: True approved (PO without fuzzy), False unapproved (fuzzy), None
    unknown (a TMX carries no approval: only a changed text counts as an edit).
    """

    text: str
    confirmed: bool | None = True


def would_be_fuzzy(bead: Bead, language: str, current: str, fuzzy_below: float) -> bool:
    if "reviewed" in bead.flags:
        return False
    machine = "mt" in bead.flags or (not current and language in bead.drafts)
    return machine or bead.score < fuzzy_below


def apply_edits(alignment: Alignment, language: str, edits: Mapping[int, Edit], *,
                fuzzy_below: float = 0.5) -> Alignment:
    """The alignment with the `language` side of the beads in `edits` replaced.

    No change where the text equals the current one (or is the untouched machine
    draft of a fuzzy entry); a confirmed new text or a confirmed approval of a
    would-be-fuzzy entry marks the bead "reviewed".
    """
    k = next((n for n, d in enumerate(alignment.documents) if d.language == language), None)
    if k is None:
        return alignment
    doc = alignment.documents[k]
    beads = list(alignment.beads)
    replacements: dict[int, str] = {}
    for i, edit in sorted(edits.items()):
        if not 0 <= i < len(beads):
            continue
        bead = beads[i]
        current = " ".join(doc.segments[j].text for j in bead.indexes[k])
        draft = bead.drafts.get(language)
        text = edit.text
        if not text:
            continue
        flags = set(bead.flags)
        if text == current or (edit.confirmed is None and not current and text == draft):
            if edit.confirmed and would_be_fuzzy(bead, language, current, fuzzy_below):
                flags |= {"reviewed"}
                flags.discard("mt")
        elif edit.confirmed is False and text == draft:
            continue
        else:
            replacements[i] = text
            if edit.confirmed is not False:
                flags |= {"reviewed"}
                flags.discard("mt")
            else:
                flags.discard("reviewed")
        if flags != set(bead.flags):
            beads[i] = replace(bead, flags=frozenset(flags))
    if not replacements:
        return replace(alignment, beads=tuple(beads))
    new_doc, index_map = _rewrite(doc, [(b.indexes[k], replacements.get(n))
                                        for n, b in enumerate(beads)])
    new_beads = []
    for n, bead in enumerate(beads):
        side = index_map[n]
        indexes = bead.indexes[:k] + (side,) + bead.indexes[k + 1:]
        new_beads.append(replace(bead, indexes=indexes))
    documents = alignment.documents[:k] + (new_doc,) + alignment.documents[k + 1:]
    return replace(alignment, documents=documents, beads=tuple(new_beads))


def _rewrite(doc: Document, sides: list[tuple[tuple[int, ...], str | None]]
             ) -> tuple[Document, list[tuple[int, ...]]]:
    """Rewrite `doc`: each side with a new text becomes one segment holding it."""
    segs = doc.segments
    # What replaces each old segment: the first of a side carries the new text, others vanish.
    new_text_at: dict[int, str] = {}
    drop: set[int] = set()
    inserts: dict[int, list[tuple[int, str]]] = {}  # after old segment j (-1: start) -> beads
    last_seen = -1
    for n, (side, text) in enumerate(sides):
        if side:
            if text is not None:
                ordered = sorted(side)
                new_text_at[ordered[0]] = text
                drop.update(ordered[1:])
            last_seen = max(last_seen, max(side))
        elif text is not None:
            inserts.setdefault(last_seen, []).append((n, text))
    pieces: list[str] = []
    pos_old = 0
    new_segments: list[Segment] = []
    old_to_new: dict[int, int] = {}
    inserted_at: dict[int, int] = {}
    offset_map: list[tuple[int, int]] = []  # (old position, delta) for paragraph bounds
    delta = 0

    def emit_inserts(after: int, para: int) -> None:
        nonlocal delta
        for bead_n, text in inserts.get(after, []):
            sep = " " if pieces and "".join(pieces[-1:]) else ""
            start = sum(map(len, pieces)) + len(sep)
            pieces.append(sep + text)
            delta += len(sep) + len(text)
            inserted_at[bead_n] = len(new_segments)
            new_segments.append(Segment(text, start, start + len(text), para))

    emit_inserts(-1, 0)
    order = sorted(range(len(segs)), key=lambda j: segs[j].start)
    for j in order:
        seg = segs[j]
        if j in drop:
            emit_inserts(j, seg.paragraph)  # after the side it was part of
            continue
        pieces.append(doc.text[pos_old:seg.start])
        offset_map.append((seg.start, delta))
        if j in new_text_at:
            # The side's span runs to the end of its last segment.
            side_end = max([seg.end] + [segs[d].end for d in drop
                                        if segs[d].start >= seg.start
                                        and _same_side(sides, j, d)])
            text = new_text_at[j]
            start = sum(map(len, pieces))
            pieces.append(text)
            delta += len(text) - (side_end - seg.start)
            pos_old = side_end
            old_to_new[j] = len(new_segments)
            new_segments.append(Segment(text, start, start + len(text), seg.paragraph, seg.kind))
        else:
            start = sum(map(len, pieces))
            pieces.append(doc.text[seg.start:seg.end])
            pos_old = seg.end
            old_to_new[j] = len(new_segments)
            new_segments.append(replace(seg, start=start, end=start + (seg.end - seg.start)))
        offset_map.append((pos_old, delta))
        emit_inserts(j, seg.paragraph)
    pieces.append(doc.text[pos_old:])
    text = "".join(pieces)

    def moved(pos: int) -> int:
        d = 0
        for old, dl in offset_map:
            if old <= pos:
                d = dl
        return min(max(pos + d, 0), len(text))

    paragraphs = tuple(Paragraph(moved(p.start), moved(p.end), p.kind) for p in doc.paragraphs)
    index_map = []
    for n, (side, _) in enumerate(sides):
        if side:
            index_map.append(tuple(dict.fromkeys(old_to_new[j] for j in side if j in old_to_new)))
        elif n in inserted_at:
            index_map.append((inserted_at[n],))
        else:
            index_map.append(())
    return replace(doc, text=text, segments=tuple(new_segments), paragraphs=paragraphs,
                   checksum=None), index_map


def _same_side(sides: list[tuple[tuple[int, ...], str | None]], a: int, b: int) -> bool:
    return any(a in side and b in side for side, text in sides if text is not None)
