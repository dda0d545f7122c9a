"""IP ASN of an employee, of a unit and of the Pemda: the services' reads started at once (pegawai
decides who is in the answer; kinerja and pengembangan read the same NIPs), the scores decided by
the pure core skor.py, the answer built as plain dicts in its documented shape."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from gateway.compose import Composer
from gateway.ipasn import sources
from gateway.ipasn.skor import (
    DataPegawai,
    Entri,
    Hukdis,
    Jendela,
    Predikat,
    Rekap,
    RekapJenis,
    Skor,
    Teks,
    jendela,
    kelompokkan,
    rekap,
    skor,
)
from shared.access import Record
from shared.clients import Bulk
from shared.messages import t
from shared.rules import IpasnRules, load_ipasn


def kata(text: Teks) -> str:
    """A text of the core in the request's language."""
    return t(text.kode, **{k: kata(v) if isinstance(v, Teks) else v for k, v in text.nilai})


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def data_pegawai(
    p: Record,
    jenis_jabatan: str | None,
    predikat: Bulk,
    hukdis: Bulk,
    jp: Bulk,
    opd_id: str | None = None,
) -> DataPegawai:
    """One employee's inputs from the services' answers."""
    nip = str(p["nip"])
    pred = (predikat.items.get(nip) or {}).get("terakhir")
    h = hukdis.items.get(nip) or {}
    rincian = h.get("rincian")
    sanction = None
    if h.get("tingkat"):
        sanction = Hukdis(
            tingkat=h["tingkat"],
            terlihat=bool(h.get("terlihat")),
            jenis=rincian["jenis"] if rincian else None,
            jenis_nama=rincian["jenis_nama"] if rincian else None,
            nomor_sk=rincian["nomor_sk"] if rincian else None,
            tmt=_day(rincian["tmt"]) if rincian else None,
            alasan=rincian.get("alasan") if rincian else None,
        )
    ledger = jp.items.get(nip) or {}
    return DataPegawai(
        nip=nip,
        nama=str(p.get("nama") or ""),
        jenis_jabatan=jenis_jabatan,
        pendidikan=p.get("pendidikan_tingkat"),
        predikat=Predikat(int(pred["tahun"]), str(pred["predikat"]), str(pred["predikat_nama"])) if pred else None,
        hukdis=sanction,
        pengembangan={
            k: RekapJenis(int(v["jp"]), int(v["jumlah"]), _day(v.get("terakhir")))
            for k, v in (ledger.get("per_jenis") or {}).items()
        },
        entri=tuple(
            Entri(str(e["jenis"]), int(e["jp"]), _day(e.get("tanggal")), int(e["tahun"]), str(e["uraian"]))
            for e in ledger.get("entri") or ()
        ),
        disiplin_terlihat=bool(h.get("terlihat", False)),
        unit_id=str(p["unit_id"]) if p.get("unit_id") else None,
        opd_id=opd_id,
    )


# --- one employee ----------------------------------------------------------------------------


async def ipasn_pegawai(c: Composer, nip: str, per_tanggal: date) -> dict[str, Any]:
    rules = load_ipasn()
    window = jendela(per_tanggal, rules)
    record = c.need(sources.PEGAWAI, sources.pegawai(c, nip))  # first: pegawai's 404 decides reach
    predikat = c.need(sources.PREDIKAT, sources.predikat(c, [nip]))
    hukdis = c.need(sources.HUKDIS, sources.hukdis(c, [nip], window))
    jp = c.need(sources.JP, sources.jp(c, [nip], window, rules, rinci=True))
    await c.settle()
    p = record.result()
    data = data_pegawai(p, p.get("jabatan_jenis"), predikat.result(), hukdis.result(), jp.result())
    found = skor(data, rules)
    return {
        "nip": found.nip,
        "nama": found.nama,
        "jabatan_nama": p.get("jabatan_nama"),
        "jenis_jabatan": found.jenis_jabatan,
        "unit_id": data.unit_id,
        "unit_nama": p.get("unit_nama"),
        "per_tanggal": per_tanggal.isoformat(),
        "jendela": _jendela(window),
        "total": found.total,
        "kategori": found.kategori,
        "kategori_nama": found.kategori_nama,
        "dimensi": _dimensi(found),
        "aturan": _aturan(rules),
    }


def _jendela(w: Jendela) -> dict[str, str]:
    return {
        "kompetensi_dari": w.kompetensi_dari.isoformat(),
        "disiplin_dari": w.disiplin_dari.isoformat(),
        "sampai": w.sampai.isoformat(),
    }


def _aturan(rules: IpasnRules) -> dict[str, Any]:
    return {
        "regulation": list(rules.regulation),
        "versi": rules.version,
        "belum_dikonfirmasi": list(rules.unconfirmed),
        "kategori": [{"kode": b.kode, "nama": b.nama, "min": b.min, "maks": b.maks} for b in rules.kategori],
    }


def _dimensi(s: Skor) -> dict[str, Any]:
    k, kom, kin, dis = s.kualifikasi, s.kompetensi, s.kinerja, s.disiplin
    base = ("skor", "maks", "confirmed")
    hukuman = None
    if dis.hukdis is not None:
        h = dis.hukdis
        hukuman = {
            "tingkat": h.tingkat,
            "jenis": h.jenis,
            "jenis_nama": h.jenis_nama,
            "nomor_sk": h.nomor_sk,
            "tmt": h.tmt.isoformat() if h.tmt else None,
            "alasan": h.alasan,
        }
    return {
        "kualifikasi": {
            **{f: getattr(k, f) for f in base},
            "keterangan": kata(k.keterangan),
            "pendidikan": k.pendidikan,
        },
        "kompetensi": {
            **{f: getattr(kom, f) for f in base},
            "keterangan": kata(kom.keterangan),
            "kelompok": kom.kelompok,
            "indikator": [
                {
                    "kode": i.kode,
                    "skor": i.skor,
                    "maks": i.maks,
                    "terpenuhi": i.terpenuhi,
                    "jp": i.jp,
                    "jumlah": i.jumlah,
                    "min_jp": i.min_jp,
                    "jenis": list(i.jenis),
                    "entri": [
                        {
                            "jenis": e.jenis,
                            "jp": e.jp,
                            "tanggal": e.tanggal.isoformat() if e.tanggal else None,
                            "tahun": e.tahun,
                            "uraian": e.uraian,
                        }
                        for e in i.entri
                    ],
                    "keterangan": kata(i.keterangan),
                    "confirmed": i.confirmed,
                }
                for i in kom.indikator
            ],
        },
        "kinerja": {
            **{f: getattr(kin, f) for f in base},
            "keterangan": kata(kin.keterangan),
            "tahun": kin.predikat.tahun if kin.predikat else None,
            "predikat": kin.predikat.predikat if kin.predikat else None,
            "predikat_nama": kin.predikat.nama if kin.predikat else None,
            "langkah": kin.langkah,
        },
        "disiplin": {
            **{f: getattr(dis, f) for f in base},
            "keterangan": kata(dis.keterangan),
            "rincian_terlihat": dis.terlihat,
            "hukuman": hukuman,
        },
    }


# --- a unit, the Pemda ---------------------------------------------------------------------


async def _skor_banyak(
    c: Composer, unit_id: uuid.UUID | None, per_tanggal: date
) -> tuple[list[Skor], dict[str, Record], Jendela]:
    """Every employee the caller reaches in the unit's subtree (the whole reach without a unit),
    scored: pegawai's three reads at once, then kinerja's two and pengembangan's one on its NIPs."""
    rules = load_ipasn()
    window = jendela(per_tanggal, rules)
    people = c.need(sources.PEGAWAI, sources.pegawai_unit(c, unit_id))  # first: its 404 decides reach
    positions = c.need(sources.JABATAN, sources.jabatan(c, unit_id))
    units = c.need(sources.UNIT, sources.units(c, unit_id))
    predikat = c.need(sources.PREDIKAT, sources.predikat(c, people))
    hukdis = c.need(sources.HUKDIS, sources.hukdis(c, people, window))
    jp = c.need(sources.JP, sources.jp(c, people, window, rules))
    await c.settle()
    kinds, found_units = positions.result(), units.result()
    pred, huk, ledger = predikat.result(), hukdis.result(), jp.result()
    scored = []
    for p in people.result():
        unit = found_units.get(str(p.get("unit_id")))
        opd = str(unit["opd_id"]) if unit and unit.get("opd_id") else (str(p["unit_id"]) if p.get("unit_id") else None)
        jenis = kinds.get(str(p.get("jabatan_id"))) if p.get("jabatan_id") else None
        scored.append(skor(data_pegawai(p, jenis, pred, huk, ledger, opd), rules, teks=False))
    return scored, found_units, window


def _rekap(r: Rekap, rules: IpasnRules, with_nips: bool) -> dict[str, Any]:
    return {
        "jumlah": r.jumlah,
        "rata_rata": r.rata_rata,
        "kategori": r.kategori,
        "distribusi": [
            {"kode": b.kode, "nama": b.nama, "min": b.min, "maks": b.maks, "jumlah": r.distribusi[b.kode]}
            for b in rules.kategori
        ],
        "target": r.target,
        "selisih_target": r.selisih_target,
        "tercapai": r.tercapai,
        "per_dimensi": [
            {"kode": d.kode, "rata_rata": d.rata_rata, "maks": d.maks, "hilang": d.hilang} for d in r.per_dimensi
        ],
        "terlemah": r.terlemah,
        "langkah": [
            {
                "kode": m.kode,
                "orang": m.orang,
                "nips": list(m.nips) if with_nips else None,
                "poin": m.poin,
                "kenaikan_rata_rata": m.kenaikan_rata_rata,
                "rata_rata_sesudah": m.rata_rata_sesudah,
                "jp_kurang": m.jp_kurang,
                "keterangan": kata(m.keterangan),
            }
            for m in r.langkah
        ],
    }


def _unit(u: Mapping[str, Any] | None, unit_id: str | None) -> dict[str, Any]:
    u = u or {}
    return {"unit_id": unit_id, "kode": u.get("kode", ""), "nama": u.get("nama", ""), "jenis": u.get("jenis", "")}


def _baris(s: Skor, units: Mapping[str, Record]) -> dict[str, Any]:
    unit = units.get(s.unit_id or "") or {}
    return {
        "nip": s.nip,
        "nama": s.nama,
        "unit_id": s.unit_id,
        "unit_nama": unit.get("nama"),
        "opd_id": s.opd_id,
        "jenis_jabatan": s.jenis_jabatan,
        "kelompok": s.kompetensi.kelompok,
        "kualifikasi": s.kualifikasi.skor,
        "kompetensi": s.kompetensi.skor,
        "kinerja": s.kinerja.skor,
        "disiplin": s.disiplin.skor,
        "total": s.total,
        "kategori": s.kategori,
        "belum": [i.kode for i in s.kompetensi.indikator if not i.terpenuhi],
    }


async def ipasn_unit(c: Composer, unit_id: uuid.UUID, per_tanggal: date, target: float) -> dict[str, Any]:
    rules = load_ipasn()
    scored, units, window = await _skor_banyak(c, unit_id, per_tanggal)
    return {
        "unit": _unit(units.get(str(unit_id)), str(unit_id)),
        "per_tanggal": per_tanggal.isoformat(),
        "jendela": _jendela(window),
        "ringkasan": _rekap(rekap(scored, rules, target), rules, with_nips=True),
        "pegawai": [_baris(s, units) for s in sorted(scored, key=lambda s: (-s.total, s.nip))],
        "aturan": _aturan(rules),
    }


async def ipasn_pemda(c: Composer, per_tanggal: date, target: float) -> dict[str, Any]:
    """The caller's whole reach (BKPSDM: the Pemda; an OPD's admin: its OPD), per OPD and overall."""
    rules = load_ipasn()
    scored, units, window = await _skor_banyak(c, None, per_tanggal)
    per_opd = [
        {**_unit(units.get(opd or ""), opd), **_rekap(rekap(items, rules, target), rules, with_nips=False)}
        for opd, items in kelompokkan(scored, "opd_id").items()
    ]
    return {
        "per_tanggal": per_tanggal.isoformat(),
        "jendela": _jendela(window),
        "ringkasan": _rekap(rekap(scored, rules, target), rules, with_nips=False),
        "per_opd": sorted(per_opd, key=lambda r: (r["kode"], r["nama"])),
        "aturan": _aturan(rules),
    }
