"""Bootstrap with the standard library only, then hand over to the venv's Python."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("ASN_VENV", ROOT / ".venv"))
COMMANDS = {
    "run": ("devtools.platform", "requirements-local.txt"),
    "test": ("devtools.testrun", "requirements-dev.txt"),
    "token": ("devtools.token", "requirements-local.txt"),
    "bench": ("devtools.bench", "requirements-dev.txt"),
    "lint": ("devtools.lint", "requirements-dev.txt"),
    "migrate": ("devtools.platform", "requirements-local.txt"),
    "openapi-ts": ("devtools.openapi_ts", "requirements-local.txt"),
    "render": ("devtools.render", "requirements-local.txt"),
}
# Import roots of the project: the shared library, each service and the gateway.
SOURCE_ROOTS = ["", "services/pegawai", "services/kompetensi", "services/kinerja", "services/pengembangan", "gateway"]


def say(msg: str) -> None:
    print(f"[asn] {msg}", file=sys.stderr, flush=True)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv(requirements: str) -> Path:
    py = venv_python()
    if not py.exists():
        say(f"creating virtual environment in {VENV} ...")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, stdout=sys.stderr)
    # Any change to any requirements file (they include each other) reinstalls.
    req_files = sorted(ROOT.glob("requirements*.txt"))
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in req_files) + requirements.encode()).hexdigest()
    stamp = VENV / f".installed-{Path(requirements).stem}"
    if not stamp.exists() or stamp.read_text() != digest:
        say(f"installing pinned dependencies from {requirements} (first run only) ...")
        subprocess.run(
            [
                str(py),
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--progress-bar",
                "on",
                "-r",
                str(ROOT / requirements),
            ],
            # stdout belongs to the command's own output (`make -s token | tail -1` takes the
            # token from it), so the bootstrap's chatter goes to stderr, progress bar included.
            check=True,
            stdout=sys.stderr,
        )
        stamp.write_text(digest)
    # Make the project importable from the venv without packaging it (like an editable install).
    site = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    pth = Path(site) / "asn_merit.pth"
    content = "\n".join(str(ROOT / r) if r else str(ROOT) for r in SOURCE_ROOTS) + "\n"
    if not pth.exists() or pth.read_text() != content:
        pth.write_text(content)
    return py


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(f"usage: python3 -m devtools {{{'|'.join(COMMANDS)}}} [args]", file=sys.stderr)
        return 2
    command, *args = sys.argv[1:]
    module, requirements = COMMANDS[command]
    py = ensure_venv(requirements)
    if command == "migrate":
        args = ["--migrate-only", *args]
    in_venv = Path(sys.prefix).resolve() == VENV.resolve()
    cmd = [str(py), "-m", module, *args]
    if in_venv:
        cmd[0] = sys.executable
    if os.name == "nt":
        return subprocess.call(cmd)
    os.execv(cmd[0], cmd)
    return 0


if __name__ == "__main__":
    sys.exit(main())
