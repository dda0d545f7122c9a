"""Render a workbook the platform wrote the way an officer would see it: LibreOffice converts it to
PDF (every sheet, charts included, as printed), pdftoppm turns the pages into PNG images to look at.

    python3 -m devtools render report.xlsx [--out DIR] [--dpi 70]

Needs LibreOffice (`soffice`) and poppler's `pdftoppm` on PATH (Debian: libreoffice-calc-nogui,
poppler-utils); the platform itself never needs them.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def render(xlsx: Path, out: Path, dpi: int = 70) -> list[Path]:
    """The PNG pages of `xlsx`, written to `out` as <name>-<page>.png."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        raise SystemExit("render needs LibreOffice (soffice) and pdftoppm on PATH")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        # A throw-away profile: a second LibreOffice (an officer's desktop one) is never disturbed.
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                str(xlsx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    pdf = out / f"{xlsx.stem}.pdf"
    subprocess.run([pdftoppm, "-png", "-r", str(dpi), str(pdf), str(out / xlsx.stem)], check=True, timeout=180)
    return sorted(out.glob(f"{xlsx.stem}-*.png"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="devtools render", description=__doc__.splitlines()[0])
    parser.add_argument("xlsx", type=Path)
    parser.add_argument("--out", type=Path, default=None, help="where the PDF and PNG pages go (default: beside it)")
    parser.add_argument("--dpi", type=int, default=70)
    args = parser.parse_args(argv)
    pages = render(args.xlsx, args.out or args.xlsx.parent / f"{args.xlsx.stem}-render", args.dpi)
    for page in pages:
        print(page)
    return 0 if pages else 1


if __name__ == "__main__":
    sys.exit(main())
