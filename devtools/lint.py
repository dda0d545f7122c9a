"""`make lint`: ruff check over the whole tree."""

from __future__ import annotations

import subprocess
import sys

from devtools.pg import ROOT

if __name__ == "__main__":
    sys.exit(subprocess.call([sys.executable, "-m", "ruff", "check", *(sys.argv[1:] or ["."])], cwd=ROOT))
