"""The candidates for one position in order, with the order's explanation.

The criteria and their order are data (shared/rules/penempatan.yaml `peringkat`): eligible
first, then JPM, the latest predikat, a career interest in the position, and a fixed draw. The
answer carries the criteria as applied and, per candidate, the value each criterion read, so a
Baperjakat meeting can show why one stands above another. The input is `Pegawai`, which holds no
protected attribute; the draw hashes the NIP with the position rather than sorting by the NIP,
whose first digits are the birth date (an age order in disguise).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gateway.penempatan.jpm import jpm_pegawai
from gateway.penempatan.kelayakan import Alasan, Aturan, kelayakan
from gateway.penempatan.model import Jabatan, Pegawai
from shared.rules import JpmRules, Kriteria, load_jpm

Nilai = bool | float | int | str | None


@dataclass(frozen=True)
class Kandidat:
    urutan: int  # 1 = first
    nip: str
    layak: bool
    alasan: tuple[Alasan, ...]  # why not eligible (empty when eligible)
    jpm: float | None  # percent, unrounded; None: the position has no standard
    kategori: str | None  # band of the JPM (shared/rules/jpm.yaml)
    predikat_terakhir: str | None  # the predikat of the latest rated year up to tahun_terakhir
    minat_karier: bool  # the person named this position as a career interest
    nilai: tuple[tuple[str, Nilai], ...]  # per criterion, in order, the value it compared


@dataclass(frozen=True)
class Peringkat:
    jabatan_id: str
    mode: str
    kriteria: tuple[Kriteria, ...]  # the order's explanation: each breaks the ties of those before
    kandidat: tuple[Kandidat, ...]


def undian(jabatan_id: str, nip: str) -> str:
    """A fixed draw: the same candidates always come out in the same order for a position, without
    that order following age or gender (both are digits of the NIP)."""
    return hashlib.sha256(f"{jabatan_id}:{nip}".encode()).hexdigest()


def predikat_terakhir(pegawai: Pegawai, tahun_terakhir: int) -> tuple[int, str] | None:
    years = [y for y in pegawai.predikat if y <= tahun_terakhir]
    return (max(years), pegawai.predikat[max(years)]) if years else None


def peringkat(
    jabatan: Jabatan,
    pegawai: Sequence[Pegawai],
    mode: str,
    tahun_terakhir: int,
    band_set: str | None = None,
    aturan: Aturan | None = None,
    jpm_rules: JpmRules | None = None,
) -> Peringkat:
    """Rank `pegawai` as candidates for `jabatan` under `mode`. A NIP given twice counts once."""
    a = aturan or Aturan.load()
    bands = jpm_rules or load_jpm()
    rows = []
    for p in {p.nip: p for p in pegawai}.values():
        cek = kelayakan(p, jabatan, mode, tahun_terakhir, a)
        jpm = jpm_pegawai(p, jabatan)
        latest = predikat_terakhir(p, tahun_terakhir)
        values: dict[str, Nilai] = {
            "layak": cek.layak,
            "jpm": jpm,
            "predikat_terakhir": latest[1] if latest else None,
            "minat_karier": jabatan.id in p.minat_jabatan_ids,
            "undian_nip": undian(jabatan.id, p.nip),
        }
        rows.append((p, cek, jpm, latest[1] if latest else None, values))
    key = _key(a.penempatan.kriteria, a)
    rows.sort(key=lambda r: key(r[4]))
    out = tuple(
        Kandidat(
            urutan=i,
            nip=p.nip,
            layak=cek.layak,
            alasan=cek.alasan,
            jpm=jpm,
            kategori=bands.kategori(jpm, band_set).kode if jpm is not None else None,
            predikat_terakhir=latest,
            minat_karier=bool(values["minat_karier"]),
            nilai=tuple((k.kode, values[k.kode]) for k in a.penempatan.kriteria),
        )
        for i, (p, cek, jpm, latest, values) in enumerate(rows, start=1)
    )
    return Peringkat(jabatan_id=jabatan.id, mode=mode, kriteria=a.penempatan.kriteria, kandidat=out)


def _key(kriteria: Sequence[Kriteria], a: Aturan) -> Callable[[dict[str, Nilai]], tuple[float | str, ...]]:
    """The sort key of the criteria: each value as a number (higher is better for "desc"), missing
    values last; the draw compares its hex text."""
    urutan = {k: p.urutan for k, p in a.skp.predikat.items()}

    def number(kode: str, value: Nilai) -> float:
        if kode == "predikat_terakhir":
            return float(urutan.get(str(value), 0)) if value is not None else 0.0
        if value is None:
            return -1.0  # no JPM: below every JPM
        return float(value)  # bools count 1 / 0

    def key(values: dict[str, Nilai]) -> tuple[float | str, ...]:
        out: list[float | str] = []
        for k in kriteria:
            if k.kode == "undian_nip":
                text = str(values[k.kode])
                out.append(text if k.arah == "asc" else "".join(chr(0x7F - ord(c)) for c in text))
            else:
                n = number(k.kode, values[k.kode])
                out.append(-n if k.arah == "desc" else n)
        return tuple(out)

    return key
