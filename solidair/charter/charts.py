"""Simple horizontal bar charts drawn on the server as SVG (rendered from a template)."""

from dataclasses import dataclass

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 300
BAR_AREA = 300


@dataclass
class Bar:
    label: str
    value: int
    y: int
    width: int
    text_y: int


def bar_chart(items: list[tuple[str, int]]) -> dict:
    """Geometry for `charter/includes/bar_chart.svg`: one bar per (label, value)."""
    top = max((value for _, value in items), default=0) or 1
    bars = []
    for index, (label, value) in enumerate(items):
        y = index * (BAR_HEIGHT + GAP)
        bars.append(Bar(label=label, value=value, y=y,
                        width=round(BAR_AREA * value / top),
                        text_y=y + BAR_HEIGHT - 6))
    return {"bars": bars, "label_width": LABEL_WIDTH, "bar_height": BAR_HEIGHT,
            "width": LABEL_WIDTH + BAR_AREA + 60,
            "height": max(len(items) * (BAR_HEIGHT + GAP), BAR_HEIGHT)}
