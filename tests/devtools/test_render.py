"""The render script: a platform workbook, opened by LibreOffice as an officer would, turns into
page images with the chart drawn (skipped where LibreOffice is not installed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from devtools.render import render
from gateway.perencanaan.service import lembar_piramida
from shared.workbook import write_xlsx

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None, reason="LibreOffice or pdftoppm missing"
)


def test_a_workbook_with_a_chart_renders_to_a_page_with_the_chart_drawn(tmp_path: Path):
    bands = ["<30", "30-39", "40-49", "50-54", "55+"]
    pyramid = {
        "kelompok_usia": [{"label": b} for b in bands],
        "per_golongan": [
            {"golongan": g, "per_usia": v, "jumlah": sum(v)}
            for g, v in (("II/a", [5, 3, 1, 0, 0]), ("III/a", [8, 12, 6, 2, 1]), ("IV/a", [0, 2, 6, 7, 5]))
        ],
    }
    xlsx = tmp_path / "piramida.xlsx"
    xlsx.write_bytes(write_xlsx([lembar_piramida(pyramid)]))
    pages = render(xlsx, tmp_path / "out", dpi=40)
    assert len(pages) == 1 and pages[0].stat().st_size > 5_000 and pages[0].read_bytes()[:4] == b"\x89PNG"
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "out" / "piramida.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # The chart's own words are on the page (its title, axis title and legend), beside the table's figures.
    assert "Piramida pegawai" in " ".join(text.split()) and "Jumlah pegawai" in text
    assert all(band in text for band in ("30-39", "55+")) and "III/a" in text
