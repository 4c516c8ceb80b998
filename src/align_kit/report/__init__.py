"""Review: the HTML report over alignments, reviewer edits, and the local editor."""

from align_kit.report.edits import EditError, mark_reviewed, merge_beads, move_segment, split_bead
from align_kit.report.html import render_report, report_summary

__all__ = ["EditError", "mark_reviewed", "merge_beads", "move_segment", "render_report",
           "report_summary", "split_bead"]
