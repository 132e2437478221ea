"""Small inline SVG charts for the cohort dashboard: pure functions returning markup, so
the HTML needs no scripts, fonts or network."""

from __future__ import annotations

from markupsafe import escape

FONT = "font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:12px"


def bars(items: list[tuple[str, int]], *, colour: str = "#2f6f4f", width: int = 560, label_width: int = 210) -> str:
    """Horizontal bars, one per (label, value), e.g. the lifecycle funnel."""
    row = 22
    height = row * len(items) + 8
    top = max([v for _, v in items] + [1])
    span = width - label_width - 50
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" style="{FONT}">']
    for i, (label, value) in enumerate(items):
        y = 4 + i * row
        w = round(span * value / top)
        parts.append(f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y + 3}" width="{w}" height="15" rx="2" fill="{colour}"><title>{escape(label)}: {value}</title></rect>')
        parts.append(f'<text x="{label_width + w + 6}" y="{y + 15}">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _cell_colour(percent: int | None) -> str:
    if percent is None:
        return "#e8e8e8"
    if percent >= 100:
        return "#2f8a4f"
    if percent >= 75:
        return "#9ccc65"
    if percent >= 50:
        return "#ffd54f"
    if percent >= 25:
        return "#ffa726"
    return "#e57373"


def _shorten(label: str, limit: int = 42) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def heatmap(rows: list[tuple[str, dict[str, int]]], columns: list[str]) -> str:
    """A company × clause grid coloured by percent done; the number is in each cell."""
    rows = [(_shorten(label), values) for label, values in rows]
    label_width = min(300, 24 + 7 * max([len(label) for label, _ in rows] + [8]))
    cell_w, cell_h, head = 50, 20, 26
    width = label_width + cell_w * len(columns) + 4
    height = head + cell_h * len(rows) + 4
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" style="{FONT}">']
    for j, col in enumerate(columns):
        x = label_width + j * cell_w + cell_w / 2
        parts.append(f'<text x="{x}" y="17" text-anchor="middle" font-weight="600">{escape(col)}</text>')
    for i, (label, values) in enumerate(rows):
        y = head + i * cell_h
        parts.append(f'<text x="{label_width - 8}" y="{y + 14}" text-anchor="end">{escape(label)}</text>')
        for j, col in enumerate(columns):
            value = values.get(col)
            x = label_width + j * cell_w
            shown = "" if value is None else str(value)
            parts.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{_cell_colour(value)}">'
                f"<title>{escape(label)} · {escape(col)}: {shown or '–'} %</title></rect>"
            )
            if shown:
                parts.append(f'<text x="{x + cell_w / 2}" y="{y + 14}" text-anchor="middle">{shown}</text>')
    parts.append("</svg>")
    return "".join(parts)
