"""The adverse-impact report as a workbook sheet: one layout for every decision's workbook that
attaches it (candidates, re-placement, the training plan)."""

from __future__ import annotations

from typing import Any

from shared.messages import t
from shared.workbook import Column, Kind, Sheet


def lembar_keadilan(report: dict[str, Any]) -> Sheet:
    """One row per group of each dimension (gender, age band): pool, selected, the rates and the
    four-fifths verdict, as the JSON answer's `keadilan` holds them."""
    cols = [
        Column(t("xlsx.dimensi"), kind=Kind.CODE),
        Column(t("xlsx.kelompok"), kind=Kind.CODE),
        Column(t("xlsx.pool"), kind=Kind.INTEGER),
        Column(t("xlsx.terpilih"), kind=Kind.INTEGER),
        Column(t("xlsx.rasio-seleksi"), kind=Kind.DECIMAL),
        Column(t("xlsx.rasio-tertinggi"), kind=Kind.DECIMAL),
        Column(t("xlsx.status"), kind=Kind.CODE),
    ]
    rows = [
        [d["kode"], k["kode"], k["pool"], k["terpilih"], k["rasio_seleksi"], k["rasio_terhadap_tertinggi"], k["status"]]
        for d in report["dimensi"]
        for k in d["kelompok"]
    ]
    return Sheet(t("xlsx.sheet-keadilan"), cols, rows)
