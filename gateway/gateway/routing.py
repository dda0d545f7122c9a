"""Which service owns which resource under /api/v1 (the first path segment decides)."""

from __future__ import annotations

ROUTES: dict[str, str] = {
    "unit-organisasi": "pegawai",
    "jabatan": "pegawai",
    "pegawai": "pegawai",
    "kebutuhan": "pegawai",
    "proyeksi-pensiun": "pegawai",
    "impor": "pegawai",
    "ekspor": "pegawai",
    "kompetensi": "kompetensi",
    "standar-kompetensi": "kompetensi",
    "asesmen": "kompetensi",
    "profil-kompetensi": "kompetensi",
    "jpm": "kompetensi",
    "matriks-gap": "kompetensi",
    "rumpun-jabatan": "kompetensi",
}


def service_for(path: str) -> str | None:
    """`path` is what follows /api/v1/."""
    head = path.split("/", 1)[0]
    return ROUTES.get(head)
