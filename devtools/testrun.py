"""`make test`: the whole suite against real PostgreSQL.

An embedded PostgreSQL in a throw-away folder by default; `TEST_DATABASE_URL` (a server URL
whose user may create databases) uses that server instead. Extra arguments go to pytest.
Development tokens are signed with a fresh random key per run (JWT_DEV_SECRET, unless given).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from devtools.pg import ROOT, libpq, start_embedded


def main() -> int:
    args = sys.argv[1:]
    # A run stopped with SIGTERM (a CI timeout, kill) still stops its PostgreSQL and removes its folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    env = dict(os.environ)
    env.setdefault("JWT_DEV_SECRET", secrets.token_urlsafe(48))
    handle = None
    tmp: Path | None = None
    if env.get("TEST_DATABASE_URL"):
        print(f"[asn] testing against TEST_DATABASE_URL ({libpq(env['TEST_DATABASE_URL']).split('@')[-1]})", flush=True)
    else:
        print("[asn] starting a throw-away embedded PostgreSQL 18 for the tests ...", flush=True)
        tmp = Path(tempfile.mkdtemp(prefix="asn-test-pg-"))
        handle = start_embedded(tmp / "data", cleanup_mode="delete")
        env["TEST_DATABASE_URL"] = handle.get_uri("postgres")
    try:
        return subprocess.call([sys.executable, "-m", "pytest", *args], cwd=ROOT, env=env)
    finally:
        if handle is not None:
            handle.cleanup()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
