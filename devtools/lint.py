"""`make lint`: the checks that hold the code's shape, each in turn, all reported.

- ruff: style and common bugs, and `ruff format` (the layout of the code);
- import-linter: the architecture contract in pyproject.toml (shared imports no app, apps are
  independent, inside a domain routes -> auth -> service -> queries -> schemas -> models);
- mypy: types over shared, every service and the gateway;
- a `# type: ignore` must say why beside it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from devtools.pg import ROOT

SOURCES = ("shared", "services", "gateway", "devtools", "tests")
IGNORE_WITHOUT_REASON = re.compile(r"#\s*type:\s*ignore(\[[^\]]*\])?\s*$")


def unexplained_ignores(root: Path = ROOT) -> list[str]:
    """`file:line` of every `# type: ignore` with no reason after it."""
    found = []
    for top in SOURCES:
        for path in sorted((root / top).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if IGNORE_WITHOUT_REASON.search(line):
                    found.append(f"{path.relative_to(root)}:{number}")
    return found


def main(args: list[str]) -> int:
    steps: list[tuple[str, list[str]]] = [
        ("ruff check", [sys.executable, "-m", "ruff", "check", *(args or ["."])]),
        ("ruff format --check", [sys.executable, "-m", "ruff", "format", "--check", *(args or ["."])]),
        (
            "import-linter",
            [str(Path(sys.executable).parent / "lint-imports"), "--config", "pyproject.toml", "--no-cache"],
        ),
        ("mypy", [sys.executable, "-m", "mypy"]),
    ]
    failed = []
    for name, cmd in steps:
        print(f"[lint] {name}", flush=True)
        if subprocess.call(cmd, cwd=ROOT) != 0:
            failed.append(name)
    ignores = unexplained_ignores()
    if ignores:
        print("[lint] `# type: ignore` without a reason beside it:\n  " + "\n  ".join(ignores))
        failed.append("type: ignore reasons")
    if failed:
        print(f"[lint] failed: {', '.join(failed)}")
        return 1
    print("[lint] all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
