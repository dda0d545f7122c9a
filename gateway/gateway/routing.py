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
    "studi-lanjut": "pengembangan",
    "sekolah-kader": "pengembangan",
    "jp": "pengembangan",
    "usulan": "pengembangan",
    "peserta": "pengembangan",
    "evaluasi-dampak": "pengembangan",
    "permintaan": "pengembangan",
    "anggaran": "pengembangan",
}
# Under /api/v1/publik/ (read without a token; shared.edges.PUBLIC_PREFIX): the owner of each.
PUBLIC_ROUTES: dict[str, str] = {"penghargaan": "kinerja"}


SERVICES = ("pegawai", "kompetensi", "kinerja", "pengembangan")
# What each service has of its own under the same path (every service its audit log, a service
# with an outbox its outbox): the gateway serves it as <resource>/<service>[/...].
PER_SERVICE = ("audit-log", "outbox")


def resolve(path: str) -> tuple[str, str] | None:
    """(service, upstream path) for `path`, what follows /api/v1/ at the gateway.

    The resources every service has of its own (PER_SERVICE) are read as <resource>/<service>:
    audit-log/pegawai is pegawai's /api/v1/audit-log, outbox/pengembangan/<id>/ulang is
    pengembangan's /api/v1/outbox/<id>/ulang.
    """
    head, _, rest = path.partition("/")
    if head in PER_SERVICE:
        named, _, tail = rest.partition("/")
        if named not in SERVICES:
            return None
        tail = tail.strip("/")
        return (named, f"/api/v1/{head}/{tail}" if tail else f"/api/v1/{head}")
    if head == "publik":
        owner = PUBLIC_ROUTES.get(rest.partition("/")[0])
        return (owner, f"/api/v1/{path}") if owner else None
    owner = ROUTES.get(head)
    return (owner, f"/api/v1/{path}") if owner else None


def at_gateway(service: str, path: str) -> str:
    """The path at the gateway of a service's own path (the inverse of `resolve`)."""
    for head in PER_SERVICE:
        prefix = f"/api/v1/{head}"
        if path == prefix or path.startswith(prefix + "/"):
            return f"{prefix}/{service}{path[len(prefix) :]}"
    return path


def service_for(path: str) -> str | None:
    found = resolve(path)
    return found[0] if found else None
