"""Simple horizontal bar charts drawn on the server as SVG (rendered from a template)."""

from dataclasses import dataclass

ROW = 46  # a label line above a bar
BAR_HEIGHT = 18
BAR_AREA = 520
WIDTH = 600


@dataclass
class Bar:
    label: str
    value: int
    label_y: int
    bar_y: int
    width: int
    value_x: int
    value_y: int


def bar_chart(items: list[tuple[str, int]]) -> dict:
    """Geometry for `charter/includes/bar_chart.svg`: a label and a bar per (label, value)."""
    top = max((value for _, value in items), default=0) or 1
    bars = []
    for index, (label, value) in enumerate(items):
        y = index * ROW
        width = round(BAR_AREA * value / top)
        bars.append(Bar(label=label, value=value, label_y=y + 14, bar_y=y + 20, width=width,
                        value_x=width + 6, value_y=y + 20 + BAR_HEIGHT - 4))
    return {"bars": bars, "bar_height": BAR_HEIGHT, "width": WIDTH,
            "height": max(len(items) * ROW, ROW)}
