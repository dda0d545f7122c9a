"""The needs plan of a unit: pegawai's units, staffing and retirement projection read at once
(three bulk reads, whatever the size of the unit), then the plan decided by rencana.py."""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from gateway.compose import Composer
from gateway.penempatan.schemas import OptimasiIn
from gateway.penempatan.service import optimasi_unit
from gateway.perencanaan import sources
from gateway.perencanaan.piramida import Piramida, piramida
from gateway.perencanaan.rencana import Posisi, Rekap, RencanaJabatan, SetelahPenempatan, rekap, rencana
from shared.access import Record
from shared.messages import t
from shared.rules import load_golongan, load_jabatan, load_perencanaan
from shared.workbook import Chart, Column, Kind, Sheet, Styled, write_xlsx


async def perencanaan(
    c: Composer,
    unit_id: uuid.UUID,
    tahun: int,
    today: date,
    setelah_penempatan: SetelahPenempatan | None = None,
    *,
    penempatan_ulang: bool = False,
) -> dict[str, Any]:
    """The plan of `unit_id` and the units under it over `tahun` calendar years from `today`.
    `setelah_penempatan` (the seats per position after a re-placement) makes the plan start from
    the seats after it; `penempatan_ulang` computes them: the optimal re-placement of the same unit
    (penempatan's own function, the caller's token, so the same scope), a proposal, applied to the
    figures only. Without either the plan starts from today's bezetting and says so."""
    units = c.need(sources.UNIT, sources.units(c, unit_id))  # first: pegawai's 404 decides reach
    rows = c.need(sources.KEBUTUHAN, sources.kebutuhan(c, unit_id))
    pensiun = c.need(sources.PENSIUN, sources.pensiun(c, unit_id, tahun, today))
    orang = c.need(sources.PEGAWAI, sources.golongan_usia(c, unit_id))
    await c.settle()
    keterangan = None
    if penempatan_ulang:
        # After the plan's reads: a unit out of reach is pegawai's 404 before any solving.
        usulan = await optimasi_unit(c, OptimasiIn(unit_id=unit_id), today)
        setelah_penempatan = kursi_setelah(rows.result(), usulan)
        keterangan = t(
            "perencanaan-setelah-usulan-penempatan", pindah=usulan["pindah_optimal"], sisa=len(usulan["pegawai_sisa"])
        )
    answer = susun(unit_id, units.result(), rows.result(), pensiun.result(), tahun, today, setelah_penempatan)
    answer["piramida"] = _piramida(piramida(orang.result(), today, load_perencanaan().kelompok_usia, urutan_golongan()))
    if keterangan is not None:
        answer["penempatan_ulang"]["keterangan"] = keterangan
    return answer


def kursi_setelah(rows: Sequence[Record], usulan: Record) -> SetelahPenempatan:
    """The seats filled per position after the proposed re-placement: every position it offered
    (one with a standard), none filled included; a position without a standard is not offered and
    keeps today's holders (they are left out of the re-placement), so it is not named."""
    tanpa = {str(j) for j in usulan["tanpa_standar"]}
    terisi = Counter(str(p["jabatan_sesudah"]) for p in usulan["penempatan"] if p["jabatan_sesudah"] is not None)
    return SetelahPenempatan(
        {
            uuid.UUID(str(r["jabatan_id"])): terisi[str(r["jabatan_id"])]
            for r in rows
            if str(r["jabatan_id"]) not in tanpa
        }
    )


def susun(
    unit_id: uuid.UUID,
    units: dict[str, Record],
    rows: list[Record],
    pensiun: dict[uuid.UUID, dict[int, int]],
    tahun: int,
    today: date,
    setelah_penempatan: SetelahPenempatan | None = None,
) -> dict[str, Any]:
    """The answer from what pegawai said (pure)."""
    rules = load_perencanaan()
    years = list(range(today.year, today.year + tahun))
    posisi = [
        Posisi(
            jabatan_id=uuid.UUID(str(r["jabatan_id"])),
            kode=str(r["kode"]),
            nama=str(r["nama"]),
            jenis=str(r["jenis"]),
            kelas_jabatan=int(r["kelas_jabatan"]),
            unit_id=uuid.UUID(str(r["unit_id"])),
            kebutuhan=int(r["kebutuhan"]),
            bezetting=int(r["bezetting"]),
        )
        for r in rows
    ]
    names = {str(r["unit_id"]): str(r["unit_nama"]) for r in rows}
    plans = rencana(posisi, pensiun, years, rules.jalur, setelah_penempatan)

    def unit_of(uid: uuid.UUID) -> Record:
        return units.get(str(uid)) or {"unit_id": uid, "kode": "", "nama": names.get(str(uid), ""), "jenis": ""}

    def opd_of(uid: uuid.UUID) -> str:
        return str(unit_of(uid).get("opd_id") or uid)  # a unit outside any OPD stands for itself

    by_unit: dict[str, list[RencanaJabatan]] = defaultdict(list)
    by_opd: dict[str, list[RencanaJabatan]] = defaultdict(list)
    for plan in plans:
        by_unit[str(plan.posisi.unit_id)].append(plan)
        by_opd[opd_of(plan.posisi.unit_id)].append(plan)
    root = unit_of(unit_id)
    per_unit = [
        {**_rekap(rekap(items, years)), **_unit(unit_of(uuid.UUID(uid))), "opd_id": opd_of(uuid.UUID(uid))}
        for uid, items in by_unit.items()
    ]
    per_opd = [
        {**_rekap(rekap(items, years)), "opd_id": oid, "kode": unit["kode"], "nama": unit["nama"]}
        for oid, items in by_opd.items()
        for unit in (_unit(unit_of(uuid.UUID(oid))),)
    ]
    kode = {uid: str(unit_of(uuid.UUID(uid)).get("kode", "")) for uid in {*by_unit, *by_opd}}
    per_jabatan = sorted(
        (_jabatan(p, names, opd_of(p.posisi.unit_id), setelah_penempatan is not None) for p in plans),
        key=lambda j: (kode[j["opd_id"]], kode[j["unit_id"]], -j["formasi"], j["kode"]),
    )
    answer = {
        "unit": _unit(root),
        "per_tanggal": today.isoformat(),
        "tahun": tahun,
        "dari_tahun": years[0],
        "sampai_tahun": years[-1],
        "penempatan_ulang": {
            "diterapkan": setelah_penempatan is not None,
            "keterangan": t(
                "perencanaan-dengan-penempatan-ulang" if setelah_penempatan else "perencanaan-tanpa-penempatan-ulang"
            ),
        },
        "aturan": {
            "regulation": [*rules.regulation, *load_jabatan().regulation],
            "versi": rules.version,
            "jalur": rules.jalur,
        },
        "ringkasan": _rekap(rekap(plans, years)),
        "per_opd": sorted(per_opd, key=lambda r: (r["kode"], r["nama"])),
        "per_unit": sorted(per_unit, key=lambda r: (kode[r["opd_id"]], r["kode"], r["nama"])),
        "per_jabatan": per_jabatan,
    }
    # Built in its documented shape (PerencanaanOut; the tests validate it), not validated here:
    # over a whole Pemda's positions that would cost as long as the rest of the work.
    return answer


def urutan_golongan() -> list[str]:
    """Every golongan, lowest first: PNS I/a..IV/e, then PPPK I..XVII."""
    grades = load_golongan().grades.values()
    return [g.code for g in sorted(grades, key=lambda g: (g.scheme != "pns", g.rank))]


def _piramida(p: Piramida) -> dict[str, Any]:
    bands = load_perencanaan().kelompok_usia
    return {
        "kelompok_usia": [
            {"kode": b.kode, "dari": b.dari, "sampai": b.sampai, "label": _label_usia(b.dari, b.sampai)} for b in bands
        ],
        "per_golongan": [{"golongan": r.golongan, "per_usia": list(r.per_usia), "jumlah": r.jumlah} for r in p.baris],
        "jumlah": sum(r.jumlah for r in p.baris),
        "tanpa_data": p.tanpa_data,
    }


def _label_usia(dari: int, sampai: int | None) -> str:
    if sampai is None:
        return t("usia-keatas", dari=dari)
    return t("usia-dibawah", sampai=sampai + 1) if dari == 0 else t("usia-rentang", dari=dari, sampai=sampai)


def _unit(u: Record) -> dict[str, Any]:
    return {
        "unit_id": str(u["unit_id"]),
        "kode": u.get("kode", ""),
        "nama": u.get("nama", ""),
        "jenis": u.get("jenis", ""),
    }


def _rekap(r: Rekap) -> dict[str, Any]:
    return {
        "jumlah_jabatan": r.jumlah_jabatan,
        "kebutuhan": r.kebutuhan,
        "bezetting": r.bezetting,
        "kurang": r.kurang,
        "lebih": r.lebih,
        "pensiun": r.pensiun,
        "formasi_cpns": r.formasi_cpns,
        "formasi_pppk": r.formasi_pppk,
        "formasi": r.formasi,
        "promosi": r.promosi,
        "per_tahun": [vars(y) for y in r.per_tahun],
    }


def _jabatan(p: RencanaJabatan, names: dict[str, str], opd_id: str, applied: bool) -> dict[str, Any]:
    pos = p.posisi
    return {
        "jabatan_id": str(pos.jabatan_id),
        "kode": pos.kode,
        "nama": pos.nama,
        "jenis": pos.jenis,
        "kelas_jabatan": pos.kelas_jabatan,
        "unit_id": str(pos.unit_id),
        "unit_nama": names.get(str(pos.unit_id), ""),
        "opd_id": opd_id,
        "jalur": p.jalur,
        "kebutuhan": pos.kebutuhan,
        "bezetting": pos.bezetting,
        "bezetting_setelah_penempatan": p.bezetting_dasar if applied else None,
        "kurang": p.kurang,
        "lebih": p.lebih,
        "selisih": p.lebih - p.kurang,
        "pensiun": p.pensiun,
        "formasi": p.formasi,
        "per_tahun": [vars(y) for y in p.per_tahun],
    }


# --- the workbook for the planning meeting ---------------------------------------------------

SHORT = "F8CBAD"  # a formation to request


def _count(value: int) -> Any:
    return Styled(value, SHORT) if value > 0 else value


def _years(answer: dict[str, Any]) -> list[int]:
    return list(range(answer["dari_tahun"], answer["sampai_tahun"] + 1))


def _rekap_columns(years: Sequence[int]) -> list[Column]:
    return [
        Column(t("xlsx.jumlah-jabatan"), kind=Kind.INTEGER),
        Column(t("xlsx.kebutuhan"), kind=Kind.INTEGER),
        Column(t("xlsx.bezetting"), kind=Kind.INTEGER),
        Column(t("xlsx.kurang"), kind=Kind.INTEGER),
        Column(t("xlsx.lebih"), kind=Kind.INTEGER),
        Column(t("xlsx.pensiun-rentang", dari=years[0], sampai=years[-1]), kind=Kind.INTEGER),
        Column(t("xlsx.formasi-cpns"), kind=Kind.INTEGER),
        Column(t("xlsx.formasi-pppk"), kind=Kind.INTEGER),
        Column(t("xlsx.promosi"), kind=Kind.INTEGER),
        *(Column(t("xlsx.formasi-tahun", tahun=y), kind=Kind.INTEGER) for y in years),
    ]


def _rekap_cells(r: dict[str, Any]) -> list[Any]:
    return [
        r["jumlah_jabatan"],
        r["kebutuhan"],
        r["bezetting"],
        _count(r["kurang"]),
        r["lebih"],
        r["pensiun"],
        _count(r["formasi_cpns"]),
        _count(r["formasi_pppk"]),
        r["promosi"],
        *(y["formasi_cpns"] + y["formasi_pppk"] for y in r["per_tahun"]),
    ]


def perencanaan_xlsx(answer: dict[str, Any]) -> bytes:
    """The plan as a workbook for the planning meeting: a summary with the year-by-year request,
    then per OPD, per unit and per position (values only, codes as text). Blocking: run it in a
    worker thread."""
    years = _years(answer)
    opd = {r["opd_id"]: r for r in answer["per_opd"]}
    code = Column(t("xlsx.kode"), kind=Kind.CODE)
    ringkasan = answer["ringkasan"]
    summary = [
        [t("perencanaan-xlsx.unit"), f"{answer['unit']['kode']} {answer['unit']['nama']}".strip()],
        [t("perencanaan-xlsx.per-tanggal"), answer["per_tanggal"]],
        [t("perencanaan-xlsx.horizon"), f"{years[0]}-{years[-1]}"],
        [t("perencanaan-xlsx.penempatan-ulang"), answer["penempatan_ulang"]["keterangan"]],
        [t("perencanaan-xlsx.jalur"), ", ".join(f"{k}: {v}" for k, v in answer["aturan"]["jalur"].items())],
        [t("perencanaan-xlsx.aturan"), "; ".join(answer["aturan"]["regulation"])],
    ]
    per_year = [
        [y["tahun"], y["pensiun"], y["kurang"], y["lebih"], y["formasi_cpns"], y["formasi_pppk"], y["promosi"]]
        for y in ringkasan["per_tahun"]
    ]
    per_year.append(
        [
            t("perencanaan-xlsx.jumlah"),
            ringkasan["pensiun"],
            None,
            None,
            ringkasan["formasi_cpns"],
            ringkasan["formasi_pppk"],
            ringkasan["promosi"],
        ]
    )
    jabatan_rows = [
        [
            j["kode"],
            j["nama"],
            j["jenis"],
            j["kelas_jabatan"],
            j["jalur"].upper() if j["jalur"] != "promosi" else "Promosi",
            j["unit_nama"],
            opd[j["opd_id"]]["nama"],
            j["kebutuhan"],
            j["bezetting"],
            _count(j["kurang"]),
            j["lebih"],
            *(y["pensiun"] for y in j["per_tahun"]),
            *(y["formasi"] for y in j["per_tahun"]),
            _count(j["formasi"]),
        ]
        for j in answer["per_jabatan"]
    ]
    return write_xlsx(
        [
            Sheet(
                t("perencanaan-xlsx.ringkasan"),
                [Column(t("perencanaan-xlsx.uraian")), Column(t("perencanaan-xlsx.nilai"), width=100)],
                summary,
                autofilter=False,
            ),
            Sheet(
                t("perencanaan-xlsx.per-tahun"),
                [
                    Column(t("xlsx.tahun"), kind=Kind.TEXT),
                    Column(t("xlsx.pensiun"), kind=Kind.INTEGER),
                    Column(t("xlsx.kurang"), kind=Kind.INTEGER),
                    Column(t("xlsx.lebih"), kind=Kind.INTEGER),
                    Column(t("xlsx.formasi-cpns"), kind=Kind.INTEGER),
                    Column(t("xlsx.formasi-pppk"), kind=Kind.INTEGER),
                    Column(t("xlsx.promosi"), kind=Kind.INTEGER),
                ],
                per_year,
                autofilter=False,
            ),
            Sheet(
                t("xlsx.sheet-per-opd"),
                [code, Column(t("xlsx.opd")), *_rekap_columns(years)],
                [[r["kode"], r["nama"], *_rekap_cells(r)] for r in answer["per_opd"]],
            ),
            Sheet(
                t("xlsx.sheet-per-unit"),
                [
                    code,
                    Column(t("xlsx.unit")),
                    Column(t("xlsx.jenis-unit")),
                    Column(t("xlsx.opd")),
                    *_rekap_columns(years),
                ],
                [
                    [r["kode"], r["nama"], r["jenis"], opd[r["opd_id"]]["nama"], *_rekap_cells(r)]
                    for r in answer["per_unit"]
                ],
            ),
            Sheet(
                t("xlsx.sheet-per-jabatan"),
                [
                    code,
                    Column(t("xlsx.jabatan")),
                    Column(t("xlsx.jenis-jabatan"), kind=Kind.CODE),
                    Column(t("xlsx.kelas"), kind=Kind.INTEGER),
                    Column(t("xlsx.jalur")),
                    Column(t("xlsx.unit")),
                    Column(t("xlsx.opd")),
                    Column(t("xlsx.kebutuhan"), kind=Kind.INTEGER),
                    Column(t("xlsx.bezetting"), kind=Kind.INTEGER),
                    Column(t("xlsx.kurang"), kind=Kind.INTEGER),
                    Column(t("xlsx.lebih"), kind=Kind.INTEGER),
                    *(Column(t("xlsx.pensiun-tahun", tahun=y), kind=Kind.INTEGER) for y in years),
                    *(Column(t("xlsx.formasi-tahun", tahun=y), kind=Kind.INTEGER) for y in years),
                    Column(t("xlsx.formasi"), kind=Kind.INTEGER),
                ],
                jabatan_rows,
            ),
            lembar_piramida(answer["piramida"]),
        ]
    )


def lembar_piramida(p: dict[str, Any]) -> Sheet:
    """Headcount per golongan (rows, lowest first, so the chart stands on its base) and age band
    (columns), with a stacked bar chart of the same cells: the staffing pyramid."""
    bands = [b["label"] for b in p["kelompok_usia"]]
    columns = [
        Column(t("xlsx.golongan"), kind=Kind.CODE),
        *(Column(label, kind=Kind.INTEGER) for label in bands),
        Column(t("xlsx.jumlah"), kind=Kind.INTEGER),
    ]
    rows = [[r["golongan"], *r["per_usia"], r["jumlah"]] for r in p["per_golongan"]]
    chart = Chart(
        "bar",
        t("xlsx.chart-piramida"),
        categories=0,
        series=list(range(1, len(bands) + 1)),
        stacked=True,
        x_title=t("xlsx.golongan"),
        y_title=t("xlsx.jumlah-pegawai"),
    )
    return Sheet(t("xlsx.sheet-piramida"), columns, rows, autofilter=False, charts=[chart])
