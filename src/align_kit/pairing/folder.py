"""What `align-kit pair` does: read a folder, pair its articles, write the manifest."""

from __future__ import annotations

import os
from dataclasses import dataclass

from align_kit.model import Document, DocumentGroup, Notice


@dataclass
class FolderPairing:
    manifest: str
    documents: list[Document]
    groups: list[DocumentGroup]
    unpaired: list[Document]
    notices: list[Notice]  # reading notices, the folder's and each document's
    skipped: list[Notice]  # files that could not be read (not with `strict`)

    def name(self, doc_id: str) -> str:
        by_id = {d.id: d for d in self.documents}
        return by_id[doc_id].source or doc_id

    def to_json(self) -> dict:
        return {
            "manifest": self.manifest,
            "groups": [{"id": g.id, "members": {k: self.name(v) for k, v in g.members.items()},
                        "confidence": g.confidence, "evidence": list(g.evidence)}
                       for g in self.groups],
            "unpaired": [d.source or d.id for d in self.unpaired],
        }

    def lines(self) -> list[str]:
        out = []
        for g in self.groups:
            files = "  ".join(f"{k}:{self.name(v)}" for k, v in g.members.items())
            out.append(f"{g.confidence:.2f}  {files}")
        for doc in self.unpaired:
            out.append(f"  -   {doc.language}:{doc.source or doc.id} (no counterpart)")
        out.append(f"{len(self.groups)} groups, {len(self.unpaired)} unpaired; manifest written "
                   f"to {self.manifest}")
        return out


def pair_folder(folder: str, output: str | None = None, *, threshold: float | None = None,
                force: bool = False, strict: bool = False,
                max_file_mb: float | None = None) -> FolderPairing:
    """Pair the articles of `folder` and write the manifest (default FOLDER/manifest.tsv).

    An existing manifest is refused without `force`: it may hold a person's corrections.
    """
    from align_kit.errors import InputError
    from align_kit.formats.manifest import write_manifest
    from align_kit.ingest import read_folder
    from align_kit.pairing import DEFAULT_THRESHOLD, pair_documents

    manifest = output or os.path.join(folder, "manifest.tsv")
    if os.path.exists(manifest) and not force:
        raise InputError("the manifest already exists and may hold a person's corrections",
                         path=manifest, hint="pass --force to overwrite it, or -o another file")
    documents, notices = read_folder(folder, keep_going=not strict, max_file_mb=max_file_mb)
    skipped = [n for n in notices if n.code == "file-unreadable"]
    groups, unpaired = pair_documents(
        documents, threshold=DEFAULT_THRESHOLD if threshold is None else threshold)
    write_manifest(groups, documents, manifest)
    return FolderPairing(manifest, list(documents), list(groups), list(unpaired),
                         [*notices, *(n for d in documents for n in d.notices)], skipped)
