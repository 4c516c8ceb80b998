"""Inline SVG plots for the report: the confidence histogram and alignment paths.

Plain SVG strings (no plotting library, no script), so the report stays one
offline file. Every text that reaches the SVG is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from align_kit.model import Alignment

# One colour per compared language in an alignment plot (x is always the first document).
PAIR_COLOURS = ("#1f5fa8", "#b3541e", "#2e7d32")
MAX_MATRIX_CELLS = 40_000  # beyond this the similarity background is left out (file size)


def confidence_colour(score: float) -> str:
    """Red (0) through amber to green (1), as an HSL colour."""
    score = min(max(float(score), 0.0), 1.0)
    return f"hsl({round(score * 120)}, 70%, 42%)"


def histogram_counts(scores: Sequence[float], bins: int = 10) -> list[int]:
    counts = [0] * bins
    for s in scores:
        counts[min(max(int(float(s) * bins), 0), bins - 1)] += 1
    return counts


def confidence_histogram(scores: Sequence[float], bins: int = 10) -> str:
    """Bars of bead counts per confidence band, labelled 0 ... 1."""
    counts = histogram_counts(scores, bins)
    width, height, left, bottom, top = 320, 150, 34, 24, 12
    plot_w, plot_h = width - left - 8, height - bottom - top
    peak = max(counts) or 1
    bar_w = plot_w / bins
    parts = [
        f'<svg class="histogram" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="confidence histogram">',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="#555"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" font-size="10">{peak}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" font-size="10">0</text>',
    ]
    for b, count in enumerate(counts):
        h = plot_h * count / peak
        x = left + b * bar_w
        lo, hi = b / bins, (b + 1) / bins
        parts.append(
            f'<rect class="bar" data-bin="{b}" data-count="{count}" x="{x + 1:.1f}" '
            f'y="{top + plot_h - h:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" '
            f'fill="{confidence_colour((lo + hi) / 2)}"><title>{lo:.1f}–{hi:.1f}: {count} '
            f'bead(s)</title></rect>')
    for b in range(0, bins + 1, 2):
        x = left + b * bar_w
        parts.append(f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" '
                     f'font-size="10">{b / bins:.1f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _matrix(alignment: Alignment) -> list[list[float]] | None:
    """A similarity matrix from the parameters, when one fits the first two documents."""
    value = alignment.parameters.get("similarity")
    if value is None or len(alignment.documents) < 2:
        return None
    if hasattr(value, "tolist"):
        value = value.tolist()
    try:
        rows = [[float(x) for x in row] for row in value]  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return None
    nx, ny = len(alignment.documents[0].segments), len(alignment.documents[1].segments)
    if len(rows) != nx or any(len(r) != ny for r in rows) or nx * ny > MAX_MATRIX_CELLS:
        return None
    return rows


def alignment_plot(alignment: Alignment, size: int = 260) -> str:
    """Source index (x, first document) against target index (y, each other document).

    Each bead is a box over the segments it links, coloured by confidence and
    joined into the chosen path; an empty side shows as a tick on the axis.
    A similarity matrix in `parameters["similarity"]` is drawn underneath.
    """
    docs = alignment.documents
    margin = 34
    inner = size - margin - 8
    nx = max(len(docs[0].segments), 1) if docs else 1
    parts = [
        f'<svg class="alignment-plot" xmlns="http://www.w3.org/2000/svg" width="{size}" '
        f'height="{size}" viewBox="0 0 {size} {size}" role="img" '
        f'aria-label="alignment path of {escape(alignment.id)}">',
        f'<rect x="{margin}" y="8" width="{inner}" height="{inner}" fill="#fafafa" '
        'stroke="#999"/>',
    ]
    if len(docs) < 2:
        parts.append("</svg>")
        return "".join(parts)
    ny_max = max(max(len(d.segments), 1) for d in docs[1:])
    sx, sy = inner / nx, inner / ny_max

    def px(i: float) -> float:
        return margin + i * sx

    def py(j: float) -> float:  # y grows upwards, as in the papers
        return 8 + inner - j * sy

    matrix = _matrix(alignment)
    if matrix is not None:
        peak = max((v for row in matrix for v in row), default=0.0) or 1.0
        for i, row in enumerate(matrix):
            for j, v in enumerate(row):
                if v > 0:
                    parts.append(f'<rect x="{px(i):.1f}" y="{py(j + 1):.1f}" width="{sx:.2f}" '
                                 f'height="{sy:.2f}" fill="#000" '
                                 f'fill-opacity="{0.35 * v / peak:.2f}"/>')
    for k in range(1, len(docs)):
        colour = PAIR_COLOURS[(k - 1) % len(PAIR_COLOURS)]
        path: list[str] = []
        for b, bead in enumerate(alignment.beads):
            xs, ys = bead.indexes[0], bead.indexes[k]
            label = (f"bead {b + 1} ({bead.kind}), {docs[0].language}–{docs[k].language}, "
                     f"confidence {bead.score:.2f}")
            if xs and ys:
                x0, x1, y0, y1 = px(min(xs)), px(max(xs) + 1), py(max(ys) + 1), py(min(ys))
                parts.append(
                    f'<rect class="bead-box" data-bead="{b}" x="{x0:.1f}" y="{y0:.1f}" '
                    f'width="{max(x1 - x0, 1):.1f}" height="{max(y1 - y0, 1):.1f}" '
                    f'fill="{confidence_colour(bead.score)}" fill-opacity="0.55" '
                    f'stroke="{colour}" stroke-width="0.8"><title>{escape(label)}</title></rect>')
                path.append(f"{(x0 + x1) / 2:.1f},{(y0 + y1) / 2:.1f}")
            elif xs:  # nothing on the y side: a tick under the x axis
                x0, x1 = px(min(xs)), px(max(xs) + 1)
                parts.append(f'<line x1="{x0:.1f}" y1="{8 + inner + 3}" x2="{x1:.1f}" '
                             f'y2="{8 + inner + 3}" stroke="#c62828" stroke-width="3">'
                             f'<title>{escape(label)}</title></line>')
            elif ys:
                y0, y1 = py(max(ys) + 1), py(min(ys))
                parts.append(f'<line x1="{margin - 3}" y1="{y0:.1f}" x2="{margin - 3}" '
                             f'y2="{y1:.1f}" stroke="{colour}" stroke-width="3">'
                             f'<title>{escape(label)}</title></line>')
        if path:
            parts.append(f'<polyline class="path" points="{" ".join(path)}" fill="none" '
                         f'stroke="{colour}" stroke-width="1.2"/>')
    legend_y = size - 8
    parts.append(f'<text x="{margin + inner / 2:.0f}" y="{legend_y + 4}" text-anchor="middle" '
                 f'font-size="10">{escape(docs[0].language)} sentence →</text>')
    for k in range(1, len(docs)):
        colour = PAIR_COLOURS[(k - 1) % len(PAIR_COLOURS)]
        x, y = 10 + 11 * (k - 1), 8 + inner / 2
        parts.append(f'<text x="{x}" y="{y:.0f}" font-size="10" fill="{colour}" '
                     f'text-anchor="middle" transform="rotate(-90 {x} {y:.0f})">'
                     f'{escape(docs[k].language)} →</text>')
    parts.append("</svg>")
    return "".join(parts)
