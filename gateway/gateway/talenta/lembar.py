"""The talent map as a workbook for the talent committee: the 9-box as it is drawn, the counts per
box with a native bubble chart over them, the employees, the not mapped, the successors, and the
rules read (values only, NIPs and codes as text). Blocking: run it in a worker thread."""

from __future__ import annotations

from datetime import date
from typing import Any

from shared.messages import locale_var, t
from shared.rules import load_talenta
from shared.workbook import Chart, Column, Kind, Sheet, Styled, write_xlsx

FLAG = "F8CBAD"  # a key position without a successor ready now


def _riwayat(kinerja: dict[str, Any]) -> str:
    return "; ".join(f"{r['tahun']}: {r['predikat_nama']}" for r in kinerja["riwayat"])


def _tindakan(person: dict[str, Any]) -> str:
    return "; ".join(a["nama"] for a in person["tindakan"])


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _gaps(rincian: list[dict[str, Any]]) -> str:
    """The shortfalls only, e.g. "INT 2/3 (-1)": what a development plan would close."""
    return "; ".join(
        f"{g['kompetensi_kode']} {g['dimiliki'] or 0}/{g['dibutuhkan']} ({g['gap']})" for g in rincian if g["gap"] < 0
    )


def talenta_xlsx(answer: dict[str, Any]) -> bytes:
    rules = load_talenta()
    locale = locale_var.get()
    boxes = {b["nomor"]: b for b in answer["kotak"]}
    kinerja_order = {k.kode: k.urutan for k in rules.kinerja}
    potensial_order = {k.kode: k.urutan for k in rules.potensial}
    # The grid: potensial rows from tinggi at the top, kinerja columns from dibawah at the left.
    grid_rows = []
    for row, pot in zip(answer["grid"], reversed(rules.potensial), strict=True):
        cells: list[Any] = [t("talenta-xlsx.potensial-baris", potensial=pot.label(locale))]
        for n in row:
            b = boxes[n]
            cells.append(t("talenta-xlsx.sel", nomor=n, nama=b["nama"], jumlah=b["jumlah"]))
        grid_rows.append(cells)
    grid_sheet = Sheet(
        t("talenta-xlsx.sheet-grid"),
        [
            Column(t("talenta-xlsx.potensial-kinerja"), width=22),
            *(Column(t("talenta-xlsx.kinerja-kolom", kinerja=k.label(locale)), width=60) for k in rules.kinerja),
        ],
        grid_rows,
        autofilter=False,
    )
    count_rows = [
        [
            b["nomor"],
            b["nama"],
            b["kinerja"],
            b["potensial"],
            kinerja_order[b["kinerja"]],
            potensial_order[b["potensial"]],
            b["jumlah"],
            _tindakan(b),
        ]
        for b in answer["kotak"]
    ]
    count_sheet = Sheet(
        t("talenta-xlsx.sheet-jumlah"),
        [
            Column(t("talenta-xlsx.kotak"), kind=Kind.INTEGER),
            Column(t("talenta-xlsx.nama-kotak")),
            Column(t("talenta-xlsx.kinerja"), kind=Kind.CODE),
            Column(t("talenta-xlsx.potensial"), kind=Kind.CODE),
            Column(t("talenta-xlsx.urutan-kinerja"), kind=Kind.INTEGER),
            Column(t("talenta-xlsx.urutan-potensial"), kind=Kind.INTEGER),
            Column(t("talenta-xlsx.jumlah"), kind=Kind.INTEGER),
            Column(t("talenta-xlsx.tindakan"), width=60),
        ],
        count_rows,
        autofilter=False,
        charts=[
            Chart(
                "bubble",
                t("talenta-xlsx.grafik"),
                categories=4,
                series=[5, 6],
                x_title=t("talenta-xlsx.kinerja"),
                y_title=t("talenta-xlsx.potensial"),
            )
        ],
    )
    people_columns = [
        Column(t("xlsx.nip"), kind=Kind.CODE),
        Column(t("xlsx.nama")),
        Column(t("xlsx.jabatan")),
        Column(t("xlsx.unit")),
        Column(t("xlsx.golongan"), kind=Kind.CODE),
        Column(t("talenta-xlsx.kotak"), kind=Kind.INTEGER),
        Column(t("talenta-xlsx.nama-kotak")),
        Column(t("talenta-xlsx.kinerja")),
        Column(t("xlsx.tahun-predikat"), kind=Kind.INTEGER),
        Column(t("talenta-xlsx.riwayat-predikat")),
        Column(t("talenta-xlsx.potensial")),
        Column(t("xlsx.jpm"), kind=Kind.DECIMAL),
        Column(t("xlsx.kategori")),
        Column(t("talenta-xlsx.tanggal-asesmen"), kind=Kind.DATE),
        Column(t("talenta-xlsx.gap")),
        Column(t("talenta-xlsx.tindakan"), width=60),
    ]
    people_rows = [
        [
            p["nip"],
            p["nama"],
            p["jabatan_nama"],
            p["unit_nama"],
            p["golongan"],
            p["kotak"],
            p["kotak_nama"],
            p["kinerja"]["nama"],
            p["kinerja"]["tahun"],
            _riwayat(p["kinerja"]),
            p["potensial"]["nama"],
            p["potensial"]["jpm"],
            p["potensial"]["band_nama"],
            _date(p["potensial"]["tanggal_asesmen"]),
            _gaps(p["potensial"]["rincian"]),
            _tindakan(p),
        ]
        for p in answer["pegawai"]
    ]
    unmapped_rows = [
        [
            p["nip"],
            p["nama"],
            p["jabatan_nama"],
            p["unit_nama"],
            p["kinerja"]["nama"],
            _riwayat(p["kinerja"]),
            p["potensial"]["jpm"],
            _date(p["potensial"]["tanggal_asesmen"]),
            "; ".join(a["pesan"] for a in p["alasan"]),
        ]
        for p in answer["tidak_terpetakan"]
    ]
    successor_rows: list[list[Any]] = []
    for j in answer["jabatan_kunci"]:
        flag = Styled(t("xlsx.ya"), FLAG) if j["tanpa_siap_sekarang"] else t("xlsx.tidak")
        head = [
            j["kode"],
            j["nama"],
            j["jenis"],
            j["unit_nama"],
            ", ".join(p["nama"] or p["nip"] for p in j["pemegang"]),
            flag,
        ]
        if not j["suksesor"]:
            successor_rows.append([*head, None, None, None, None, None, None, None, None, None])
        for s in j["suksesor"]:
            successor_rows.append(
                [
                    *head,
                    s["urutan"],
                    s["nip"],
                    s["nama"],
                    s["jabatan_nama"],
                    s["kotak"],
                    s["jpm"],
                    s["kesiapan_nama"],
                    "; ".join(k["pesan"] for k in s["kurang"]),
                    _gaps(s["rincian"]),
                ]
            )
    rules_rows = [
        [t("talenta-xlsx.unit"), f"{answer['unit']['kode']} {answer['unit']['nama']}".strip()],
        [t("talenta-xlsx.per-tanggal"), answer["per_tanggal"]],
        [t("xlsx.tahun-predikat"), str(answer["tahun_predikat"])],
        [t("talenta-xlsx.aturan"), "; ".join(answer["aturan"]["regulation"])],
        [t("talenta-xlsx.belum-dikonfirmasi"), answer["aturan"]["catatan"]],
        *([t("xlsx.catatan"), c] for c in answer["catatan"]),
    ]
    return write_xlsx(
        [
            grid_sheet,
            count_sheet,
            Sheet(t("talenta-xlsx.sheet-pegawai"), people_columns, people_rows),
            Sheet(
                t("talenta-xlsx.sheet-tidak-terpetakan"),
                [
                    Column(t("xlsx.nip"), kind=Kind.CODE),
                    Column(t("xlsx.nama")),
                    Column(t("xlsx.jabatan")),
                    Column(t("xlsx.unit")),
                    Column(t("talenta-xlsx.kinerja")),
                    Column(t("talenta-xlsx.riwayat-predikat")),
                    Column(t("xlsx.jpm"), kind=Kind.DECIMAL),
                    Column(t("talenta-xlsx.tanggal-asesmen"), kind=Kind.DATE),
                    Column(t("xlsx.alasan"), width=80),
                ],
                unmapped_rows,
            ),
            Sheet(
                t("talenta-xlsx.sheet-suksesor"),
                [
                    Column(t("xlsx.kode"), kind=Kind.CODE),
                    Column(t("talenta-xlsx.jabatan-kunci")),
                    Column(t("xlsx.jenis-jabatan"), kind=Kind.CODE),
                    Column(t("xlsx.unit")),
                    Column(t("talenta-xlsx.pemegang")),
                    Column(t("talenta-xlsx.tanpa-siap-sekarang")),
                    Column(t("xlsx.urutan"), kind=Kind.INTEGER),
                    Column(t("xlsx.nip"), kind=Kind.CODE),
                    Column(t("xlsx.nama")),
                    Column(t("xlsx.jabatan-sekarang")),
                    Column(t("talenta-xlsx.kotak"), kind=Kind.INTEGER),
                    Column(t("xlsx.jpm"), kind=Kind.DECIMAL),
                    Column(t("talenta-xlsx.kesiapan")),
                    Column(t("talenta-xlsx.kurang")),
                    Column(t("talenta-xlsx.gap")),
                ],
                successor_rows,
            ),
            Sheet(
                t("talenta-xlsx.sheet-aturan"),
                [Column(t("perencanaan-xlsx.uraian")), Column(t("perencanaan-xlsx.nilai"), width=100)],
                rules_rows,
                autofilter=False,
            ),
        ]
    )
