"""`run`: the whole flow over a corpus folder, wiring the stages together.

ingest -> pair -> (per group) segment -> align -> glossary check -> export,
then a corpus-wide glossary report. Each group's outputs are written through
atomic writes and a completion stamp is written last, so a run that is
killed leaves finished groups complete, no partial files, and a re-run
resumes where it stopped (unless `force`).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from align_kit import __version__
from align_kit.align import align_documents
from align_kit.align.dp import DEFAULT_MAX_BEAD
from align_kit.errors import InputError
from align_kit.formats.alignment_file import read_alignment, write_alignment
from align_kit.formats.atomic import (
    all_or_nothing,
    remove_stale_temporaries,
    run_lock,
    write_text_atomic,
)
from align_kit.formats.manifest import read_manifest, write_manifest
from align_kit.formats.po import write_po
from align_kit.formats.tmx import write_tmx
from align_kit.formats.xliff import write_xliff
from align_kit.glossary import TermMatcher, check_alignment, check_corpus, load_glossary
from align_kit.glossary.report import render_html, render_json, render_text
from align_kit.ingest import read_folder
from align_kit.model import (
    Alignment,
    Bead,
    Document,
    DocumentGroup,
    Finding,
    Glossary,
    Notice,
    bead_number,
)
from align_kit.pairing import pair_documents
from align_kit.report import render_report
from align_kit.segment import segment_document

MANIFEST_NAME = "manifest.tsv"
STAMP_NAME = ".done.json"
# Belarusian originals first: the project's users translate from Belarusian.
LANGUAGE_ORDER = ("be", "ru", "en", "uk")


@dataclass(frozen=True)
class RunOptions:
    glossary: str | None = None
    manifest: str | None = None
    max_bead: int = DEFAULT_MAX_BEAD
    mt_model: str | None = None
    fuzzy_below: float = 0.5
    jobs: int = 1
    force: bool = False
    max_file_mb: float | None = None  # None: ingest's default limit
    strict: bool = False  # stop at the first file that cannot be read (else skip it)
    original: str | None = None  # `--original LANG`: the original's language, every group
    keep_partial: bool = False  # TMX: keep units without the source language
    translator: str | None = None  # PO Last-Translator ("Name <email>")
    team: str | None = None  # PO Language-Team
    executor: str = "local"  # "local" (this process or a pool of `jobs`) or "dask"
    scheduler: str | None = None  # a Dask scheduler's address; None: a LocalCluster of `jobs`


@dataclass(frozen=True)
class GroupResult:
    group: str
    outputs: tuple[str, ...]
    beads: int
    findings: tuple[Finding, ...]
    skipped: bool = False
    reexported: bool = False  # outputs rebuilt from an alignment file a person changed
    notices: tuple[Notice, ...] = ()  # conflicts; "not-translations" (`align.verdict`)
    kept: int = 0  # reviewed or edited beads carried over into a re-alignment
    original: str = ""  # the language taken as the original (TMX srclang, PO msgid)
    original_why: str = ""  # why: "front matter", "manifest", "--original", "default order"


@dataclass(frozen=True)
class RunResult:
    out_dir: str
    groups: tuple[GroupResult, ...]
    unpaired: tuple[str, ...]
    notices: tuple[Notice, ...] = ()
    reports: tuple[str, ...] = field(default_factory=tuple)
    # Files that could not be read and were skipped (not with `strict`): one notice each.
    skipped_files: tuple[Notice, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for g in self.groups for f in g.findings)


def group_name(documents: Sequence[Document]) -> str:
    """A readable, stable name: the original's file id without its language suffix."""
    first = documents[0]
    stem = first.id
    for suffix in (f".{first.language}", f"_{first.language}", f"-{first.language}"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return stem or first.id


# Files `run` writes at the top of its output folder: no group folder may take these names.
RESERVED_NAMES = frozenset({MANIFEST_NAME, "report.html", "glossary-report.txt",
                            "glossary-report.json", "glossary-report.html"})


def _safe_base(name: str) -> str:
    """A usable folder name from a file-derived one (file names are one path part already)."""
    from align_kit.formats.manifest import check_group_name

    if check_group_name(name) is None:
        return name
    cleaned = "".join(ch if check_group_name(ch) is None else "_" for ch in name).lstrip(".")
    return cleaned[:100] or "group"


def unique_names(
    bases: Sequence[str], keys: Sequence[Sequence[str]], fixed: Sequence[str] = (),
    reserved: frozenset[str] = frozenset(),
) -> list[str]:
    """One name per item, unique ignoring case (macOS and Windows fold News and news).

    `fixed[k]`, when non-empty, is kept as it is (a person or an earlier run chose it).
    The others get `bases[k]`, or `base-2`, `base-3` ... when taken, handed out in
    sorted order of `keys[k]` (the member paths) so a rerun gives the same names.
    """
    fixed = list(fixed) + [""] * (len(bases) - len(fixed))
    names = list(fixed)
    taken = {n.casefold() for n in fixed if n} | {r.casefold() for r in reserved}
    for k in sorted((k for k in range(len(bases)) if not fixed[k]),
                    key=lambda k: sorted(keys[k])):
        base = _safe_base(bases[k])
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name.casefold())
        names[k] = name
    return names


def choose_original(documents: Sequence[Document], fixed: str = "",
                    option: str | None = None) -> tuple[list[Document], str]:
    """The documents, the original first, and why it was taken as the original.

    `fixed` (the manifest's `original` column) wins over `option` (`--original`), which
    wins over the guess (front matter `translation_of`, else the order be, ru, en).
    """
    ordered = original_first(documents)
    for lang, why in ((fixed, "manifest"), (option, "--original")):
        if lang and any(d.language == lang for d in ordered):
            first = next(d for d in ordered if d.language == lang)
            return [first, *(d for d in ordered if d is not first)], why
    ids = {d.id for d in documents}
    pointed = {Path(d.metadata["translation_of"]).stem for d in documents
               if d.metadata.get("translation_of")}
    if pointed & ids:
        return ordered, "front matter"
    why = f"default order {', '.join(LANGUAGE_ORDER[:3])}"
    if option:
        why = f"no {option} file for --original; {why}"
    return ordered, why


def original_first(documents: Sequence[Document]) -> list[Document]:
    """The original (front matter `translation_of` points at it) first, then by language."""
    ids = {d.id for d in documents}
    translated = {d.id for d in documents if d.metadata.get("translation_of")}
    pointed = {
        Path(d.metadata["translation_of"]).stem
        for d in documents
        if d.metadata.get("translation_of")
    }

    def rank(doc: Document) -> tuple[int, int]:
        is_original = doc.id in pointed or (doc.id not in translated and bool(pointed & ids))
        order = LANGUAGE_ORDER.index(doc.language) if doc.language in LANGUAGE_ORDER else 99
        return (0 if is_original else 1, order)

    return sorted(documents, key=rank)


def _stamp(documents: Sequence[Document], options: RunOptions, glossary_sum: str | None,
           original: str = "") -> str:
    parts = [__version__, str(options.max_bead), str(options.mt_model), str(glossary_sum),
             str(options.fuzzy_below), original, str(options.keep_partial),
             str(options.translator), str(options.team)]
    parts += [f"{d.id}:{d.checksum}" for d in documents]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _is_complete(group_dir: Path, stamp: str) -> bool:
    stamp_file = group_dir / STAMP_NAME
    try:
        recorded = json.loads(stamp_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return recorded.get("stamp") == stamp and all(
        (group_dir / name).is_file() for name in recorded.get("outputs", [])
    )


def _file_sum(path: str | None) -> str | None:
    if not path:
        return None
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def align_group(
    documents: Sequence[Document],
    *,
    glossary: Glossary | None,
    max_bead: int = DEFAULT_MAX_BEAD,
    translate: Callable[[Sequence[str]], list[str]] | None = None,
    name: str | None = None,
    previous: Alignment | None = None,
    previous_sources: dict[str, list[str]] | None = None,
    with_conflicts: bool = False,
    original: str | None = None,
):
    """Segment, align and check one translation group; no I/O.

    `name` is the group's unique name (default: derived from the original's file).
    With `previous` (the group's earlier, reviewed alignment), its reviewed and edited
    beads that still match the source are kept as fixed beads (see `keep_reviewed`).
    Returns the alignment; with `with_conflicts`, (alignment, source segment sums,
    conflicts).
    """
    # `original`: that language's document leads (TMX srclang, PO msgid), else the guess.
    ordered = [segment_document(d) for d in choose_original(documents, option=original)[0]]
    sources = segment_sums(ordered)
    kept: list[Bead] = []
    edits: dict[int, dict[str, str]] = {}
    conflicts: list[dict] = []
    if previous is not None:
        kept, edits, conflicts = keep_reviewed(previous, ordered, previous_sources)
    matcher = TermMatcher(glossary) if glossary else None
    alignment = align_documents(
        ordered,
        max_bead=max_bead,
        term_matcher=matcher.entries_in if matcher else None,
        translate=translate,
        fixed=kept,
    )
    alignment = _apply_kept_edits(alignment, kept, edits)
    alignment = replace(alignment, id=name or group_name(ordered), original=ordered[0].language)
    if glossary is not None:
        findings = check_alignment(alignment, glossary, matcher=matcher)
        alignment = replace(alignment, findings=tuple(findings))
    if with_conflicts:
        return alignment, sources, conflicts
    return alignment


KEEP_FLAGS = ("reviewed", "edited")  # report/edits.py REVIEWED, EDITED


def _h(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def segment_sums(documents: Sequence[Document]) -> dict[str, list[str]]:
    """Per language, a short checksum of each segment as split from the source (the stamp
    keeps them, so a later run tells a reviewer's edit from a change in the source)."""
    return {d.language: [_h(s.text) for s in d.segments] for d in documents}


def _boundaries(a: Sequence[str], b: Sequence[str]) -> tuple[dict[int, int], set[int]]:
    """Where each boundary of `a` lands in `b` (equal stretches and block edges only), and
    which positions of `a` sit in equal stretches (their text is unchanged in `b`)."""
    import difflib

    mapping: dict[int, int] = {}
    same: set[int] = set()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            for t in range(i2 - i1 + 1):
                mapping.setdefault(i1 + t, j1 + t)
            same.update(range(i1, i2))
        else:
            mapping.setdefault(i1, j1)
            mapping.setdefault(i2, j2)
    return mapping, same


def keep_reviewed(previous: Alignment, documents: Sequence[Document],
                  previous_sources: dict[str, list[str]] | None
                  ) -> tuple[list[Bead], dict[int, dict[str, str]], list[dict]]:
    """Map the reviewed or edited beads of `previous` onto the segments of `documents`.

    A side maps when its sentences, as split from the source last time, are found
    unchanged, contiguous and in order in the new segments. A reviewer's edit (the
    side's text differs from what the source gave last time) is carried over as text.
    Returns the kept beads (new indexes, old flags and score), their edits (kept bead
    position -> language -> text) and the conflicts (beads that cannot be kept).
    """
    langs = [d.language for d in documents]
    old_by_lang = {d.language: d for d in previous.documents}
    maps = {}
    for doc in documents:
        old = old_by_lang.get(doc.language)
        if old is None:
            continue
        old_h = [_h(s.text) for s in old.segments]
        src_h = (previous_sources or {}).get(doc.language) or old_h
        new_h = [_h(s.text) for s in doc.segments]
        maps[doc.language] = (old, _boundaries(old_h, src_h)[0], *_boundaries(src_h, new_h))
    kept: list[Bead] = []
    edits: dict[int, dict[str, str]] = {}
    conflicts: list[dict] = []
    ends = dict.fromkeys(langs, 0)
    for number, bead in enumerate(previous.beads):
        if not set(KEEP_FLAGS) & bead.flags:
            continue
        old_sides = {d.language: side for d, side in zip(previous.documents, bead.indexes,
                                                         strict=True)}
        texts = {lang: " ".join(old_by_lang[lang].segments[i].text for i in side)
                 for lang, side in old_sides.items()}
        sides: list[tuple[int, ...]] = []
        bead_edits: dict[str, str] = {}
        problem = None
        for doc in documents:
            lang = doc.language
            side = old_sides.get(lang)
            if side is None or lang not in maps:
                problem = (lang, "the group has no longer the same languages", None)
                break
            if not side:
                sides.append(())
                continue
            _old, to_src, to_new, unchanged = maps[lang]
            a1, b1 = to_src.get(min(side)), to_src.get(max(side) + 1)
            if a1 is None or b1 is None:
                problem = (lang, "its sentences are no longer where they were", None)
                break
            a2, b2 = to_new.get(a1), to_new.get(b1)
            new_text = (" ".join(s.text for s in doc.segments[a2:b2])
                        if a2 is not None and b2 is not None else None)
            if not all(i in unchanged for i in range(a1, b1)) or a2 is None or b2 is None:
                problem = (lang, "its sentence changed in the source", new_text)
                break
            if a2 < ends[lang]:
                problem = (lang, "it no longer fits in order with the other kept beads",
                           new_text)
                break
            sides.append(tuple(range(a2, b2)))
            if new_text != texts[lang]:
                bead_edits[lang] = texts[lang]  # the reviewer's text, not the source's
        if problem is None and not any(sides):
            problem = (langs[0], "none of its sentences come from the source", None)
        if problem is not None:
            lang, why, new_text = problem
            conflicts.append({"bead": bead_number(number), "language": lang, "reason": why,
                              "old": texts.get(lang), "new": new_text, "texts": texts,
                              "flags": sorted(bead.flags), "score": bead.score})
            continue
        for lang, side in zip(langs, sides, strict=True):
            if side:
                ends[lang] = side[-1] + 1
        if bead_edits:
            edits[len(kept)] = bead_edits
        kept.append(replace(bead, indexes=tuple(sides)))
    return kept, edits, conflicts


def _apply_kept_edits(alignment: Alignment, kept: Sequence[Bead],
                      edits: dict[int, dict[str, str]]) -> Alignment:
    """Put the reviewers' texts back into the re-aligned documents, flags as they were."""
    from align_kit.formats._edit import Edit, apply_edits

    if not edits:
        return alignment
    position = {id(b): n for n, b in enumerate(alignment.beads)}
    where = {position[id(kept[k])]: texts for k, texts in edits.items()}
    flags = {n: alignment.beads[n].flags for n in where}
    for lang in {lang for texts in where.values() for lang in texts}:
        alignment = apply_edits(alignment, lang, {n: Edit(t[lang]) for n, t in where.items()
                                                  if lang in t})
    beads = [replace(b, flags=flags[n]) if n in flags else b
             for n, b in enumerate(alignment.beads)]
    return replace(alignment, beads=tuple(beads))


def translation_file_name(name: str, source: str, target: str, suffix: str) -> str:
    """`GROUP.SRC-TGT.po` / `.xlf`: the one naming `run` and `export` both write."""
    return f"{name}.{source}-{target}{suffix}"


def _export(alignment: Alignment, group_dir: Path, name: str, options: RunOptions
            ) -> tuple[list[str], list[Notice]]:
    """TMX, and a PO and an XLIFF per translation, from `alignment` (PO and XLIFF merge:
    translators' edits win). Returns the outputs and the writers' notices."""
    outputs = [f"{name}.align.jsonl", f"{name}.tmx"]
    notices = list(write_tmx([alignment], group_dir / outputs[1],
                             keep_partial=options.keep_partial))
    source = alignment.original if alignment.original in alignment.languages \
        else alignment.languages[0]
    for doc in alignment.documents:
        if doc.language == source:
            continue
        po_name = translation_file_name(name, source, doc.language, ".po")
        xliff_name = translation_file_name(name, source, doc.language, ".xlf")
        write_po(alignment, group_dir / po_name, target_lang=doc.language, source_lang=source,
                 fuzzy_below=options.fuzzy_below, translator=options.translator,
                 team=options.team)
        write_xliff(alignment, group_dir / xliff_name, target_lang=doc.language,
                    source_lang=source, fuzzy_below=options.fuzzy_below)
        outputs += [po_name, xliff_name]
    return outputs, [n for n in notices if n.code == "tmx-partial-left-out"]


def _write_stamp(group_dir: Path, stamp: str, outputs: list[str], beads: int,
                 sources: dict[str, list[str]] | None, original: tuple[str, str] = ("", "")
                 ) -> None:
    # The stamp goes last: its presence means every output above is complete, and it
    # records the alignment file's checksum, so a later edit of that file is noticed.
    align_sum = _file_sum(str(group_dir / outputs[0]))
    write_text_atomic(group_dir / STAMP_NAME, json.dumps(
        {"stamp": stamp, "outputs": outputs, "beads": beads, "alignment": align_sum,
         "sources": sources, "original": list(original)}, indent=1))


def _read_stamp(group_dir: Path) -> dict:
    try:
        recorded = json.loads((group_dir / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return recorded if isinstance(recorded, dict) else {}


def _previous(align_path: Path, name: str) -> Alignment | None:
    """The group's alignment file from an earlier run, when it holds reviewed work."""
    if not align_path.is_file():
        return None
    previous = read_alignment(align_path)  # a damaged file is an error: it may hold edits
    if any(set(KEEP_FLAGS) & b.flags for b in previous.beads):
        return previous
    return None


def _conflict_notices(name: str, conflicts: list[dict], path: Path) -> list[Notice]:
    notices = []
    for c in conflicts:
        new = f"; new text: {c['new']!r}" if c["new"] is not None else ""
        notices.append(Notice(
            "reviewed-bead-conflict",
            f"{name}: reviewed bead {c['bead']} cannot be kept: {c['reason']} "
            f"({c['language']}); old text: {c['old']!r}{new}; it is kept in {path.name}, "
            "review that bead again", level="warning", path=str(path)))
    return notices


def _append_conflicts(path: Path, name: str, conflicts: list[dict]) -> None:
    """Append (never replace) one JSON line per bead that could not be kept."""
    import datetime

    if not conflicts:
        return
    when = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    lines = [json.dumps({"group": name, "time": when, **c}, ensure_ascii=False)
             for c in conflicts]
    write_text_atomic(path, old + "".join(line + "\n" for line in lines))


def _process_group(args: tuple) -> GroupResult:
    documents, out_dir, options, glossary, glossary_sum, name = args[:6]
    fixed = args[6] if len(args) > 6 else ""  # the manifest's `original` cell
    ordered, why = choose_original(documents, fixed, options.original)
    chosen = (ordered[0].language, why)
    group_dir = Path(out_dir) / name
    align_path = group_dir / f"{name}.align.jsonl"
    stamp = _stamp(documents, options, glossary_sum, ordered[0].language)
    recorded = _read_stamp(group_dir)
    if not options.force and _is_complete(group_dir, stamp):
        if recorded.get("alignment") in (None, _file_sum(str(align_path))):
            return GroupResult(name, tuple(recorded["outputs"]), recorded.get("beads", 0), (),
                               skipped=True, original=chosen[0], original_why=chosen[1])
        # The alignment file changed since the outputs were written (import --into, the
        # review editor, a person): it is the source of truth, so export it again.
        alignment = read_alignment(align_path)
        with all_or_nothing():
            outputs, said = _export(alignment, group_dir, name, options)
        _write_stamp(group_dir, stamp, outputs, len(alignment.beads), recorded.get("sources"),
                     chosen)
        return GroupResult(name, tuple(outputs), len(alignment.beads), (), reexported=True,
                           notices=tuple(said), original=alignment.original or chosen[0],
                           original_why=chosen[1])
    previous = _previous(align_path, name)
    translate = None
    if options.mt_model:
        from align_kit.mt import alignment_translate_fn, load_translator

        # One intra-op thread a worker: the pool already uses the cores.
        translator = load_translator(options.mt_model, source_lang=ordered[0].language,
                                     target_lang=ordered[1].language,
                                     intra_threads=1 if options.jobs > 1 else None)
        translate = alignment_translate_fn(translator, ordered[1].language,
                                           source_lang=ordered[0].language)
    alignment, sources, conflicts = align_group(
        documents, glossary=glossary, max_bead=options.max_bead, translate=translate, name=name,
        previous=previous, previous_sources=recorded.get("sources"), with_conflicts=True,
        original=chosen[0])
    conflicts_path = group_dir / f"{name}.conflicts.jsonl"
    # Conflicts first: a bead that cannot be kept is safe before the old file is replaced.
    _append_conflicts(conflicts_path, name, conflicts)
    with all_or_nothing():  # a failed write leaves the group's previous files as they were
        write_alignment(alignment, align_path)
        outputs, partial = _export(alignment, group_dir, name, options)
    _write_stamp(group_dir, stamp, outputs, len(alignment.beads), sources, chosen)
    kept = sum(1 for b in alignment.beads if set(KEEP_FLAGS) & b.flags)
    from align_kit.align.verdict import verdict_notices

    said = verdict_notices(alignment.parameters.get("verdict"),
                           *(d.id for d in alignment.documents[:2]))
    return GroupResult(name, tuple(outputs), len(alignment.beads), alignment.findings,
                       notices=tuple(_conflict_notices(name, conflicts, conflicts_path))
                       + tuple(said) + tuple(partial),
                       kept=kept if previous is not None else 0, original=chosen[0],
                       original_why=chosen[1])


def find_groups(
    documents: Sequence[Document], manifest: Path | None, map_fn: Callable | None = None,
) -> tuple[list[DocumentGroup], list[Document]]:
    """Translation groups from an edited manifest when there is one, else by pairing."""
    if manifest is not None and manifest.is_file():
        groups = read_manifest(manifest, documents)
        by_id = {d.id for d in documents}
        used = {i for g in groups for i in g.members.values()}
        missing = used - by_id
        if missing:
            raise InputError(f"the manifest names documents that are not in the corpus: "
                             f"{', '.join(sorted(missing))}", path=str(manifest),
                             hint="fix the file names in the manifest or delete it to re-pair")
        return groups, [d for d in documents if d.id not in used]
    return pair_documents(documents, map_fn=map_fn)


def skipped_summary(folder: str, skipped: Sequence[Notice]) -> str:
    """The one closing line that lists every file a batch skipped."""
    files = ", ".join(n.path or "?" for n in skipped)
    return (f"align-kit: error: {folder}: {len(skipped)} file(s) could not be read and were "
            f"skipped: {files} (fix or remove them and run again; the other files' outputs "
            "are written; --strict stops at the first)")


def _name_groups(groups: Sequence[DocumentGroup], by_id: dict[str, Document]
                 ) -> tuple[list[DocumentGroup], list[Notice]]:
    """Give every group a unique folder name; report each one renamed from its derived name."""
    members = [[by_id[i] for i in g.members.values()] for g in groups]
    bases = [group_name(original_first(docs)) for docs in members]
    keys = [[d.source or d.id for d in docs] for docs in members]
    names = unique_names(bases, keys, [g.name for g in groups], RESERVED_NAMES)
    notices = []
    for g, base, name, key in zip(groups, bases, names, keys, strict=True):
        if not g.name and name != base:
            notices.append(Notice(
                "group-renamed", f"group {base!r} ({', '.join(sorted(key))}) is written as "
                f"{name!r}: another group already has that name (ignoring case); the name is "
                "recorded in manifest.tsv", level="warning", path=sorted(key)[0]))
    return [replace(g, name=n) for g, n in zip(groups, names, strict=True)], notices


def run_corpus(
    corpus: str | Path,
    out_dir: str | Path,
    options: RunOptions = RunOptions(),
    progress: Callable[[str, int, int], None] | None = None,
    sentences: Callable[[str, int, int], None] | None = None,
    warn: Callable[[Notice], None] | None = None,
) -> RunResult:
    """Run the whole flow over `corpus` and write everything under `out_dir`.

    `progress(group, done, total)` is called as each group finishes;
    `sentences(group, done, total)` inside a group, as the aligner goes through its
    sentences (one process only: `jobs` 1). `warn(notice)` is told at once of what the
    run survives on its way (a lost Dask worker, its batches run again); without it,
    those notices come with the result.
    """
    from align_kit.executors import open_executor

    said: list[Notice] = []

    def say(line: str) -> None:
        notice = Notice("worker-lost", line, level="warning")
        if warn is not None:
            warn(notice)
        else:
            said.append(notice)

    with open_executor(options.executor, jobs=options.jobs, scheduler=options.scheduler,
                       say=say) as executor:
        result = _run_corpus(Path(corpus), Path(out_dir), options, progress, executor,
                             sentences)
    return replace(result, notices=(*said, *result.notices)) if said else result


def _run_corpus(corpus: Path, out: Path, options: RunOptions,
                progress: Callable[[str, int, int], None] | None, executor,
                sentences: Callable[[str, int, int], None] | None = None) -> RunResult:
    # On a cluster, files are read and pairing features computed there too; the local
    # executor keeps them here, as before.
    spread = executor.map if options.executor != "local" else None
    documents, notices = read_folder(corpus, keep_going=not options.strict,
                                     max_file_mb=options.max_file_mb, map_read=spread)
    if not documents:
        raise InputError("no articles found", path=str(corpus),
                         hint="put .txt, .md, .html or .docx files in the folder")
    glossary = load_glossary(options.glossary) if options.glossary else None
    glossary_sum = _file_sum(options.glossary)
    manifest = Path(options.manifest) if options.manifest else corpus / MANIFEST_NAME
    groups, unpaired = find_groups(documents, manifest, spread)
    by_id = {d.id: d for d in documents}
    groups, name_notices = _name_groups(groups, by_id)
    notices = [*notices, *name_notices]
    with run_lock(out) as alone:
        # A run killed midway (SIGKILL) may have left atomic writers' temporary files;
        # they are ours to delete only while no other run may be writing them.
        if alone:
            remove_stale_temporaries(out)
        return _write_outputs(corpus, out, options, documents, groups, unpaired, notices,
                              glossary, glossary_sum, progress, executor, sentences)


def _process_group_reporting(sentences: Callable[[str, int, int], None], job) -> GroupResult:
    """`_process_group`, telling `sentences(group, done, total)` as the aligner goes."""
    from align_kit.align.progress import reporting

    name = job[5]
    with reporting(lambda done, total: sentences(name, done, total)):
        return _process_group(job)


def _write_outputs(corpus: Path, out: Path, options: RunOptions, documents: list[Document],
                   groups: list[DocumentGroup], unpaired: Sequence[Document],
                   notices: list[Notice], glossary: Glossary | None, glossary_sum: str | None,
                   progress: Callable[[str, int, int], None] | None,
                   executor,
                   sentences: Callable[[str, int, int], None] | None = None) -> RunResult:
    """Everything `run_corpus` writes, under the run lock."""
    by_id = {d.id: d for d in documents}
    # The names are recorded, so an edited manifest run again keeps every group's folder.
    write_manifest(groups, documents, out / MANIFEST_NAME)

    jobs = [
        ([by_id[i] for i in g.members.values()], str(out), options, glossary, glossary_sum,
         g.name, g.original)
        for g in groups
        if len(g.members) >= 2
    ]
    # The executor (executors/) runs the groups; each task writes its group's outputs and
    # stamp itself, so a lost worker or a killed run leaves only whole, stamped groups.
    task = _process_group
    if sentences and options.executor == "local" and (options.jobs <= 1 or len(jobs) <= 1):
        task = functools.partial(_process_group_reporting, sentences)  # in this process only
    placed: dict[int, GroupResult] = {}
    for index, result in executor.as_completed(task, jobs):
        placed[index] = result
        if progress:
            progress(result.group, len(placed), len(jobs))
    results = [placed[k] for k in range(len(jobs))]  # in group order, as before

    # Read every group back (finished now or in an earlier run) for the corpus-wide reports.
    alignments = [read_alignment(out / r.group / f"{r.group}.align.jsonl") for r in results]
    reports = ["report.html"]
    findings: list[Finding] = []
    if glossary is not None:
        matcher = TermMatcher(glossary)
        findings = check_corpus(alignments, glossary, matcher=matcher)
        write_text_atomic(out / "glossary-report.txt", render_text(findings))
        write_text_atomic(out / "glossary-report.json", render_json(findings))
        write_text_atomic(out / "glossary-report.html", render_html(findings, alignments))
        reports += ["glossary-report.txt", "glossary-report.json", "glossary-report.html"]
    write_text_atomic(out / "report.html", render_report(
        alignments, title=f"align-kit: {corpus.name}",
        term_finder=TermMatcher(glossary).find if glossary else None))
    ids_of = {a.id: {a.id, *(d.id for d in a.documents)} for a in alignments}
    results = [replace(r, findings=tuple(f for f in findings
                                         if f.document in ids_of.get(r.group, ())))
               for r in results]
    # Repairs made while reading (encodings, control characters, language) are reported too.
    read_notices = tuple(n for d in documents for n in d.notices)
    group_notices = tuple(n for r in results for n in r.notices)
    all_notices = (tuple(notices) + read_notices + (glossary.notices if glossary else ())
                   + group_notices)
    skipped_files = tuple(n for n in notices if n.code == "file-unreadable")
    return RunResult(str(out), tuple(results), tuple(d.id for d in unpaired), all_notices,
                     tuple(reports), skipped_files)


def run_summary(result: RunResult) -> dict:
    """`run --json`: what was written, group by group."""
    return {
        "out": result.out_dir,
        "groups": [{"group": g.group, "beads": g.beads, "outputs": list(g.outputs),
                    "skipped": g.skipped, "reexported": g.reexported,
                    "kept_reviewed": g.kept, "findings": len(g.findings),
                    "original": g.original, "original_why": g.original_why}
                   for g in result.groups],
        "unpaired": list(result.unpaired), "reports": list(result.reports),
        "skipped_files": [{"file": n.path, "why": n.message} for n in result.skipped_files],
    }


def run_lines(result: RunResult, *, quiet: bool = False) -> list[str]:
    """`run`'s report on stdout: a line per group (and the original it took, and why)."""
    lines = []
    for g in result.groups:
        if g.reexported:
            lines.append(f"{g.group}: re-exported from the reviewed alignment file, "
                         f"{len(g.findings)} findings")
        else:
            state = "up to date" if g.skipped else f"{g.beads} beads"
            if g.kept:
                state += f", {g.kept} reviewed beads kept"
            lines.append(f"{g.group}: {state}, {len(g.findings)} findings")
        if g.original and not quiet:
            lines.append(f"{g.group}: original {g.original} ({g.original_why})")
    for doc_id in result.unpaired:
        lines.append(f"{doc_id}: no counterpart, left unpaired")
    lines.append(f"results: {result.out_dir}/ ({', '.join(result.reports)})")
    return lines


def progress_text(group: str, done: int, total: int, elapsed: float,
                  groups: tuple[int, int] = (0, 0)) -> str:
    """`journalists: 512/1491 sentences aligned, about 20 s left (group 3/8)`."""
    left = ""
    if done and elapsed > 0:
        left = f", about {round(elapsed * (total - done) / done)} s left"
    where = f" (group {groups[0] + 1}/{groups[1]})" if groups[1] else ""
    return f"{group}: {done}/{total} sentences aligned{left}{where}"
