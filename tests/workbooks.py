"""Reading back the charts of a workbook the platform wrote, for tests: which sheet holds each
chart, its kind and title, and the cells each series draws (so a test can hold that a chart
draws the figures of the table beside it, not some other range)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook


@dataclass(frozen=True)
class SeriesRefs:
    name: str | None  # the series' name cell, e.g. "'IPASN'!$B$1"
    values: str | None  # y values (bar: the bar lengths)
    categories: str | None  # bar: the category labels; bubble: the x values
    sizes: str | None = None  # bubble only


@dataclass(frozen=True)
class ChartInfo:
    sheet: str
    kind: str  # "column", "bar" or "bubble"
    title: str
    stacked: bool
    series: list[SeriesRefs]
    first_on_top: bool = False  # bar: the first row drawn at the top (the category axis reversed)
    y_range: tuple[float | None, float | None] = (None, None)  # the value axis fixed, if it is


def _ref(data: Any) -> str | None:
    if data is None:
        return None
    for attr in ("numRef", "strRef"):
        ref = getattr(data, attr, None)
        if ref is not None:
            return str(ref.f)
    return None


def _title(chart: Any) -> str:
    if chart.title is None or chart.title.tx is None or chart.title.tx.rich is None:
        return ""
    return "".join(run.t for p in chart.title.tx.rich.p for run in (p.r or []))


def charts(content: bytes) -> list[ChartInfo]:
    wb = load_workbook(io.BytesIO(content))  # not read-only: only then does openpyxl read charts
    found = []
    for ws in wb.worksheets:
        for chart in ws._charts:
            if chart.tagname == "bubbleChart":
                kind = "bubble"
                series = [SeriesRefs(None, _ref(s.yVal), _ref(s.xVal), _ref(s.bubbleSize)) for s in chart.series]
            else:
                kind = "column" if chart.type == "col" else "bar"
                series = [
                    SeriesRefs(s.tx.strRef.f if s.tx and s.tx.strRef else None, _ref(s.val), _ref(s.cat))
                    for s in chart.series
                ]
            stacked = getattr(chart, "grouping", None) == "stacked"
            on_top = chart.x_axis.scaling.orientation == "maxMin"
            y_range = (chart.y_axis.scaling.min, chart.y_axis.scaling.max)
            found.append(ChartInfo(ws.title, kind, _title(chart), stacked, series, on_top, y_range))
    return found
