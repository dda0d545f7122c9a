"""IP ASN as workbooks (values only, NIPs and codes as text, native charts over the tables beside
them): a unit's and the Pemda's. Blocking: the routes run them in a worker thread."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from shared.messages import t
from shared.workbook import Chart, Column, Kind, Sheet, write_xlsx


def _ringkasan(answer: Mapping[str, Any], heading: Sequence[list[Any]]) -> Sheet:
    r = answer["ringkasan"]
    rows = [
        *heading,
        [t("ipasn-xlsx.per-tanggal"), answer["per_tanggal"]],
        [t("ipasn-xlsx.jendela-kompetensi"), f"{answer['jendela']['kompetensi_dari']} - {answer['jendela']['sampai']}"],
        [t("ipasn-xlsx.jendela-disiplin"), f"{answer['jendela']['disiplin_dari']} - {answer['jendela']['sampai']}"],
        [t("ipasn-xlsx.jumlah-pegawai"), r["jumlah"]],
        [t("ipasn-xlsx.rata-rata"), r["rata_rata"]],
        [t("ipasn-xlsx.kategori"), r["kategori"] or ""],
        [t("ipasn-xlsx.target"), r["target"]],
        [t("ipasn-xlsx.selisih-target"), r["selisih_target"]],
        [t("ipasn-xlsx.terlemah"), r["terlemah"] or ""],
        [t("ipasn-xlsx.aturan"), "; ".join(answer["aturan"]["regulation"])],
        [t("ipasn-xlsx.belum-dikonfirmasi"), ", ".join(answer["aturan"]["belum_dikonfirmasi"])],
    ]
    columns = [Column(t("ipasn-xlsx.uraian")), Column(t("ipasn-xlsx.nilai"), width=100)]
    return Sheet(t("ipasn-xlsx.sheet-ringkasan"), columns, rows, autofilter=False)


def _kategori(r: Mapping[str, Any]) -> Sheet:
    columns = [
        Column(t("ipasn-xlsx.kategori")),
        Column(t("ipasn-xlsx.rentang"), kind=Kind.CODE),
        Column(t("ipasn-xlsx.jumlah-pegawai"), kind=Kind.INTEGER),
    ]
    rows = [[d["nama"], f"{d['min']:g}-{d['maks']:g}", d["jumlah"]] for d in r["distribusi"]]
    chart = Chart(
        "column",
        t("ipasn-xlsx.chart-kategori"),
        categories=0,
        series=[2],
        x_title=t("ipasn-xlsx.kategori"),
        y_title=t("ipasn-xlsx.jumlah-pegawai"),
    )
    return Sheet(t("ipasn-xlsx.sheet-kategori"), columns, rows, autofilter=False, charts=[chart])


def _dimensi(r: Mapping[str, Any]) -> Sheet:
    columns = [
        Column(t("ipasn-xlsx.dimensi"), kind=Kind.CODE),
        Column(t("ipasn-xlsx.rata-rata"), kind=Kind.DECIMAL),
        Column(t("ipasn-xlsx.maks"), kind=Kind.DECIMAL),
        Column(t("ipasn-xlsx.hilang"), kind=Kind.DECIMAL),
    ]
    rows = [[d["kode"], d["rata_rata"], d["maks"], d["hilang"]] for d in r["per_dimensi"]]
    chart = Chart(
        "column",
        t("ipasn-xlsx.chart-dimensi"),
        categories=0,
        series=[1, 2],
        x_title=t("ipasn-xlsx.dimensi"),
        y_title=t("ipasn-xlsx.poin"),
    )
    return Sheet(t("ipasn-xlsx.sheet-dimensi"), columns, rows, autofilter=False, charts=[chart])


def _langkah(r: Mapping[str, Any]) -> Sheet:
    columns = [
        Column(t("ipasn-xlsx.indikator"), kind=Kind.CODE),
        Column(t("ipasn-xlsx.orang"), kind=Kind.INTEGER),
        Column(t("ipasn-xlsx.poin"), kind=Kind.DECIMAL),
        Column(t("ipasn-xlsx.kenaikan"), kind=Kind.DECIMAL),
        Column(t("ipasn-xlsx.rata-rata-sesudah"), kind=Kind.DECIMAL),
        Column(t("ipasn-xlsx.jp-kurang"), kind=Kind.INTEGER),
        Column(t("ipasn-xlsx.keterangan"), width=100),
    ]
    rows = [
        [
            m["kode"],
            m["orang"],
            m["poin"],
            m["kenaikan_rata_rata"],
            m["rata_rata_sesudah"],
            m["jp_kurang"],
            m["keterangan"],
        ]
        for m in r["langkah"]
    ]
    return Sheet(t("ipasn-xlsx.sheet-langkah"), columns, rows)


def _skor_columns() -> list[Column]:
    return [
        Column(t("ipasn-xlsx.kualifikasi"), kind=Kind.DECIMAL),
        Column(t("ipasn-xlsx.kompetensi"), kind=Kind.DECIMAL),
        Column(t("ipasn-xlsx.kinerja"), kind=Kind.DECIMAL),
        Column(t("ipasn-xlsx.disiplin"), kind=Kind.DECIMAL),
        Column(t("ipasn-xlsx.total"), kind=Kind.DECIMAL),
        Column(t("ipasn-xlsx.kategori"), kind=Kind.CODE),
    ]


def unit_xlsx(answer: Mapping[str, Any]) -> bytes:
    unit = answer["unit"]
    r = answer["ringkasan"]
    pegawai = Sheet(
        t("ipasn-xlsx.sheet-pegawai"),
        [
            Column(t("xlsx.nip"), kind=Kind.CODE),
            Column(t("xlsx.nama")),
            Column(t("xlsx.unit")),
            Column(t("xlsx.jenis-jabatan"), kind=Kind.CODE),
            *_skor_columns(),
            Column(t("ipasn-xlsx.belum")),
        ],
        [
            [
                p["nip"],
                p["nama"],
                p["unit_nama"] or "",
                p["jenis_jabatan"] or "",
                p["kualifikasi"],
                p["kompetensi"],
                p["kinerja"],
                p["disiplin"],
                p["total"],
                p["kategori"],
                ", ".join(p["belum"]),
            ]
            for p in answer["pegawai"]
        ],
    )
    heading = [[t("ipasn-xlsx.unit"), f"{unit['kode']} {unit['nama']}".strip()]]
    return write_xlsx([_ringkasan(answer, heading), _kategori(r), _dimensi(r), pegawai, _langkah(r)])


def pemda_xlsx(answer: Mapping[str, Any]) -> bytes:
    r = answer["ringkasan"]
    per_opd = Sheet(
        t("xlsx.sheet-per-opd"),
        [
            Column(t("xlsx.kode"), kind=Kind.CODE),
            Column(t("xlsx.opd")),
            Column(t("ipasn-xlsx.jumlah-pegawai"), kind=Kind.INTEGER),
            Column(t("ipasn-xlsx.rata-rata"), kind=Kind.DECIMAL),
            Column(t("ipasn-xlsx.kategori"), kind=Kind.CODE),
            Column(t("ipasn-xlsx.selisih-target"), kind=Kind.DECIMAL),
            Column(t("ipasn-xlsx.terlemah"), kind=Kind.CODE),
            *(Column(d["nama"], kind=Kind.INTEGER) for d in r["distribusi"]),
        ],
        [
            [
                o["kode"],
                o["nama"],
                o["jumlah"],
                o["rata_rata"],
                o["kategori"] or "",
                o["selisih_target"],
                o["terlemah"] or "",
                *(d["jumlah"] for d in o["distribusi"]),
            ]
            for o in answer["per_opd"]
        ],
    )
    heading = [[t("ipasn-xlsx.unit"), t("ipasn-xlsx.seluruh-pemda")]]
    return write_xlsx([_ringkasan(answer, heading), per_opd, _kategori(r), _dimensi(r), _langkah(r)])
