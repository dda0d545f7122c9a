"""The installation's development signing key: random, made once, kept in the data directory.

`make run`, `make token` and `make bench` sign and check development tokens with it; nothing in the
repository can, so a token minted from a copy of the code is refused by every other installation.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from devtools.pg import ROOT

KEY_FILE = "jwt-dev-secret"
KEY_BYTES = 48


def data_dir() -> Path:
    """ASN_DATA_DIR, else .data/ in the checkout: the embedded PostgreSQL, the logs and the key."""
    return Path(os.environ.get("ASN_DATA_DIR", ROOT / ".data"))


def key_path(directory: Path | None = None) -> Path:
    return (directory or data_dir()) / KEY_FILE


def dev_secret(directory: Path | None = None) -> str:
    """The key in `<data dir>/jwt-dev-secret`, created on first use (48 random bytes, URL-safe, mode 0600)."""
    path = key_path(directory)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside, then linked into place: of two commands starting at once, one creates the
        # key and the other reads that same complete key, never a half-written or a second one.
        aside = path.with_name(f".{KEY_FILE}.{os.getpid()}")
        aside.unlink(missing_ok=True)
        fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(KEY_BYTES) + "\n")
        try:
            os.link(aside, path)
        except FileExistsError:
            pass
        finally:
            aside.unlink()
    return path.read_text().strip()
