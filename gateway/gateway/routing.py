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
    "penghargaan": "kinerja",
    "hukuman-disiplin": "kinerja",
    "periode-skp": "kinerja",
    "skp": "kinerja",
    "skp-lama": "kinerja",
    "predikat-kinerja": "kinerja",
    "aktivitas": "kinerja",
    "program": "pengembangan",
    "angkatan": "pengembangan",
    "usulan": "pengembangan",
    "peserta": "pengembangan",
    "permintaan": "pengembangan",
    "anggaran": "pengembangan",
}
# Under /api/v1/publik/ (read without a token; shared.edges.PUBLIC_PREFIX): the owner of each.
PUBLIC_ROUTES: dict[str, str] = {"penghargaan": "kinerja"}


SERVICES = ("pegawai", "kompetensi", "kinerja", "pengembangan")


def resolve(path: str) -> tuple[str, str] | None:
    """(service, upstream path) for `path`, what follows /api/v1/ at the gateway.

    Every service keeps its own audit log, so the gateway reads it as audit-log/<service>.
    """
    head, _, rest = path.partition("/")
    if head == "audit-log":
        named = rest.strip("/")
        return (named, "/api/v1/audit-log") if named in SERVICES else None
    if head == "publik":
        owner = PUBLIC_ROUTES.get(rest.partition("/")[0])
        return (owner, f"/api/v1/{path}") if owner else None
    owner = ROUTES.get(head)
    return (owner, f"/api/v1/{path}") if owner else None


def service_for(path: str) -> str | None:
    found = resolve(path)
    return found[0] if found else None
