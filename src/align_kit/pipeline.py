"""`run`: the whole flow over a corpus folder, wiring the stages together.

ingest -> pair -> (per group) segment -> align -> glossary check -> export,
then a corpus-wide glossary report. Each group's outputs are written through
atomic writes and a completion stamp is written last, so a run that is
killed leaves finished groups complete, no partial files, and a re-run
resumes where it stopped (unless `force`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from align_kit import __version__
from align_kit.align import align_documents
from align_kit.errors import InputError
from align_kit.formats.alignment_file import read_alignment, write_alignment
from align_kit.formats.atomic import remove_stale_temporaries, write_text_atomic
from align_kit.formats.manifest import read_manifest, write_manifest
from align_kit.formats.po import write_po
from align_kit.formats.tmx import write_tmx
from align_kit.glossary import TermMatcher, check_alignment, check_corpus, load_glossary
from align_kit.glossary.report import render_html, render_json, render_text
from align_kit.ingest import read_folder
from align_kit.model import Alignment, Document, DocumentGroup, Finding, Glossary, Notice
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
    max_bead: int = 3
    mt_model: str | None = None
    fuzzy_below: float = 0.5
    jobs: int = 1
    force: bool = False
    max_file_mb: float | None = None  # None: ingest's default limit


@dataclass(frozen=True)
class GroupResult:
    group: str
    outputs: tuple[str, ...]
    beads: int
    findings: tuple[Finding, ...]
    skipped: bool = False
    notices: tuple[Notice, ...] = ()  # e.g. "not-translations" (`align.verdict`)


@dataclass(frozen=True)
class RunResult:
    out_dir: str
    groups: tuple[GroupResult, ...]
    unpaired: tuple[str, ...]
    notices: tuple[Notice, ...] = ()
    reports: tuple[str, ...] = field(default_factory=tuple)

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


def _stamp(documents: Sequence[Document], options: RunOptions, glossary_sum: str | None) -> str:
    parts = [__version__, str(options.max_bead), str(options.mt_model), str(glossary_sum),
             str(options.fuzzy_below)]
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
    max_bead: int = 3,
    translate: Callable[[Sequence[str]], list[str]] | None = None,
) -> Alignment:
    """Segment, align and check one translation group; no I/O."""
    ordered = [segment_document(d) for d in original_first(documents)]
    matcher = TermMatcher(glossary) if glossary else None
    alignment = align_documents(
        ordered,
        max_bead=max_bead,
        term_matcher=matcher.entries_in if matcher else None,
        translate=translate,
    )
    alignment = replace(alignment, id=group_name(ordered), original=ordered[0].language)
    if glossary is not None:
        findings = check_alignment(alignment, glossary, matcher=matcher)
        alignment = replace(alignment, findings=tuple(findings))
    return alignment


def _process_group(args: tuple) -> GroupResult:
    documents, out_dir, options, glossary, glossary_sum = args
    name = group_name(original_first(documents))
    group_dir = Path(out_dir) / name
    stamp = _stamp(documents, options, glossary_sum)
    if not options.force and _is_complete(group_dir, stamp):
        recorded = json.loads((group_dir / STAMP_NAME).read_text(encoding="utf-8"))
        return GroupResult(name, tuple(recorded["outputs"]), recorded.get("beads", 0), (),
                           skipped=True)
    translate = None
    if options.mt_model:
        from align_kit.mt import alignment_translate_fn, load_translator

        ordered = original_first(documents)
        # One intra-op thread a worker: the pool already uses the cores.
        translator = load_translator(options.mt_model, source_lang=ordered[0].language,
                                     target_lang=ordered[1].language,
                                     intra_threads=1 if options.jobs > 1 else None)
        translate = alignment_translate_fn(translator, ordered[1].language,
                                           source_lang=ordered[0].language)
    alignment = align_group(documents, glossary=glossary, max_bead=options.max_bead,
                            translate=translate)
    outputs = [f"{name}.align.jsonl", f"{name}.tmx"]
    write_alignment(alignment, group_dir / outputs[0])
    write_tmx([alignment], group_dir / outputs[1])
    for doc in alignment.documents[1:]:
        po_name = f"{name}.{doc.language}.po"
        write_po(alignment, group_dir / po_name, target_lang=doc.language,
                 fuzzy_below=options.fuzzy_below)
        outputs.append(po_name)
    # The stamp goes last: its presence means every output above is complete.
    write_text_atomic(group_dir / STAMP_NAME, json.dumps(
        {"stamp": stamp, "outputs": outputs, "beads": len(alignment.beads)}, indent=1))
    from align_kit.align.verdict import verdict_notices

    said = verdict_notices(alignment.parameters.get("verdict"),
                           *(d.id for d in alignment.documents[:2]))
    return GroupResult(name, tuple(outputs), len(alignment.beads), alignment.findings,
                       notices=tuple(said))


def find_groups(
    documents: Sequence[Document], manifest: Path | None
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
    return pair_documents(documents)


def run_corpus(
    corpus: str | Path,
    out_dir: str | Path,
    options: RunOptions = RunOptions(),
    progress: Callable[[str, int, int], None] | None = None,
) -> RunResult:
    """Run the whole flow over `corpus` and write everything under `out_dir`.

    `progress(group, done, total)` is called as each group finishes.
    """
    corpus, out = Path(corpus), Path(out_dir)
    documents, notices = read_folder(corpus, max_file_mb=options.max_file_mb)
    if not documents:
        raise InputError("no articles found", path=str(corpus),
                         hint="put .txt, .md, .html or .docx files in the folder")
    glossary = load_glossary(options.glossary) if options.glossary else None
    # A run killed midway (SIGKILL) may have left atomic writers' temporary files.
    remove_stale_temporaries(out)
    glossary_sum = _file_sum(options.glossary)
    manifest = Path(options.manifest) if options.manifest else corpus / MANIFEST_NAME
    groups, unpaired = find_groups(documents, manifest)
    by_id = {d.id: d for d in documents}
    write_manifest(groups, documents, out / MANIFEST_NAME)

    jobs = [
        ([by_id[i] for i in g.members.values()], str(out), options, glossary, glossary_sum)
        for g in groups
        if len(g.members) >= 2
    ]
    results: list[GroupResult] = []
    if options.jobs > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=options.jobs) as pool:
            for result in pool.map(_process_group, jobs):
                results.append(result)
                if progress:
                    progress(result.group, len(results), len(jobs))
    else:
        for job in jobs:
            results.append(_process_group(job))
            if progress:
                progress(results[-1].group, len(results), len(jobs))

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
    all_notices = tuple(notices) + read_notices + (glossary.notices if glossary else ())
    all_notices += tuple(n for g in results for n in g.notices)
    return RunResult(str(out), tuple(results), tuple(d.id for d in unpaired), all_notices,
                     tuple(reports))
