"""Sentence alignment: beads of up to `max_bead` sentences a side, with a
calibrated confidence, in linear time, for two or three documents.

    from align_kit.align import align_lines, align_documents
    beads = align_lines(en_lines, be_lines, "en", "be")
"""

from align_kit.align.api import align_documents, align_lines

__all__ = ["align_documents", "align_lines"]
