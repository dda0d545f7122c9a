"""The access matrix: for every operation of every app, the answer each kind of caller gets.

The world (see test_matrix.world): OPD A with bidang A1 holding positions JA and JA2; OPD B with
bidang B1 holding JB. Employee E holds JA (the target of every request), S also holds JA (the
atasan) and is E's supervisor (E's atasan_nip), F holds JB (another employee). Competency T is
technical; JA has a standard; E has an assessment. PRG is a program of the development
catalogue (developing T) with one planned batch ANG and four open ones: E asked to join one
(PMT), A proposed E for another (USL), E is enrolled in a third (PST, charged to A's budget of
2030), the fourth (ANG5) names E nowhere; E passed two more batches of PRG that ended four months
ago, the impact of one evaluated (PD), of the other due (PD2). JP is an entry of E's JP ledger.
KK and KS are cohorts of the cadre school holding E (KK running, KS in selection).

Callers: admin_bkpsdm; admin_opd of A (`opd`) and of B (`opd_foreign`), both acting on A's
records; atasan S (reads E as its direct report, changes none of E's records); pegawai E
(`self`) and F (`other`); integrasi; layanan. Every request targets E, its unit A1 and position
JA (listBawahan: S's reports); pengembangan's outbox holds a parked message (OB).

An expectation is a status code, or SEEN / UNSEEN: 200 with the target in the answer's items, or
200 without it (lists filter by reach instead of refusing). Callers without a valid token always
get 401 (tested for every operation with six kinds of bad token).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

SEEN, UNSEEN = "seen", "unseen"
CALLERS = ("admin_bkpsdm", "opd", "opd_foreign", "atasan", "self", "other", "integrasi", "layanan")
ANY_VERSION = {"If-Match": "*"}


def expect(**answers: int | str) -> dict[str, int | str]:
    missing = set(CALLERS) - set(answers)
    assert not missing, f"every caller needs an expectation: {sorted(missing)}"
    return answers


# Profiles that most operations share; a row may spell its own.
def everyone(answer: int | str) -> dict[str, int | str]:
    return expect(**dict.fromkeys(CALLERS, answer))


ADMIN_ONLY_READ = expect(
    admin_bkpsdm=200, opd=403, opd_foreign=403, atasan=403, self=403, other=403, integrasi=403, layanan=403
)
# E's own record: BKPSDM, its OPD, E itself, S (its supervisor reads its direct report) and the
# machine readers.
PERSONAL = expect(
    admin_bkpsdm=200, opd=200, opd_foreign=404, atasan=200, self=200, other=404, integrasi=200, layanan=200
)
# E's unit or position: the same callers, S through its own seat in the same unit and position
# (not as E's supervisor: an atasan does not reach its reports' units or positions).
ORGANISATION = expect(
    admin_bkpsdm=200, opd=200, opd_foreign=404, atasan=200, self=200, other=404, integrasi=200, layanan=200
)
# A list filtered by reach, whose answer holds E's record (or unit, or position) or not.
LISTED_PERSONAL = expect(
    admin_bkpsdm=SEEN,
    opd=SEEN,
    opd_foreign=UNSEEN,
    atasan=SEEN,  # E is its direct report
    self=SEEN,
    other=UNSEEN,
    integrasi=SEEN,
    layanan=SEEN,
)
LISTED_ORGANISATION = {**LISTED_PERSONAL, "atasan": SEEN}
# E's disciplinary sanctions: BKPSDM, its OPD's admin and E; not the machine readers, and not
# S, though it supervises E (PP 94/2021 sanctions are never shown beyond them).
SANCTION = {**PERSONAL, "atasan": 404, "integrasi": 404, "layanan": 404}
SANCTION_LISTED = {**LISTED_PERSONAL, "atasan": UNSEEN, "integrasi": UNSEEN, "layanan": UNSEEN}


BERAKHLAK = ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif")
# A step of E's SKP that is E's (edit, submit), on an SKP already submitted: 409 for whoever may
# take it, 403 for S who sees it but rates it.
SKP_OWNER_STEP = expect(
    admin_bkpsdm=409, opd=409, opd_foreign=404, atasan=403, self=409, other=404, integrasi=403, layanan=403
)
# A step of the rating supervisor (agree, return) on E's submitted SKP: S and the admins; E sees it, may not.
SKP_PENILAI_STEP = expect(
    admin_bkpsdm=200, opd=200, opd_foreign=404, atasan=200, self=403, other=404, integrasi=403, layanan=403
)


# E's activity entries: E itself and the admins reaching E write them; S (sees E's, is not E),
# F and the machine roles may not (403); B's admin does not reach E (404).
AKTIVITAS_WRITE = expect(
    admin_bkpsdm=201, opd=201, opd_foreign=404, atasan=403, self=201, other=403, integrasi=403, layanan=403
)


def aktivitas_change(ok: int) -> dict[str, int | str]:
    """A change of E's entry: F does not see it (404), unlike a new one it may never write (403)."""
    return {**AKTIVITAS_WRITE, "admin_bkpsdm": ok, "opd": ok, "self": ok, "other": 404}


# A change to E's records: BKPSDM and A's admin; B's admin does not reach it; the rest may never write.
def changes(ok: int) -> dict[str, int | str]:
    return expect(admin_bkpsdm=ok, opd=ok, opd_foreign=404, atasan=403, self=403, other=403, integrasi=403, layanan=403)


# A report over many employees: staff roles (B's admin sees its own OPD, not A's); never employees.
def reports(admin_opd_foreign: int | str = 200, ok: int | str = 200) -> dict[str, int | str]:
    return expect(
        admin_bkpsdm=ok,
        opd=ok,
        opd_foreign=admin_opd_foreign,
        atasan=403,
        self=403,
        other=403,
        integrasi=ok,
        layanan=ok,
    )


def admin_write(ok: int) -> dict[str, int | str]:
    """The dictionary is BKPSDM's: every other role may never change it."""
    return expect(
        admin_bkpsdm=ok, opd=403, opd_foreign=403, atasan=403, self=403, other=403, integrasi=403, layanan=403
    )


@dataclass
class Row:
    """One operation: how to call it (path values come from the world) and what each caller gets."""

    answers: dict[str, int | str]
    query: dict[str, Any] = field(default_factory=dict)
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    upload: str = ""  # a multipart CSV upload (imports): "pegawai", "skp-lama" or "jp" (test_matrix.import_csv)
    path: dict[str, str] = field(default_factory=dict)  # path values other than the world's (e.g. jenis)
    target: str = "E"  # which record SEEN / UNSEEN looks for: E (NIP), A1 (unit id), JA (position id), KK (cohort id)
    nip: str = "E"  # whose NIP fills {nip} in the path: E or S
    skp: str = "K"  # which of E's SKPs fills {skp_id}: K (2026, submitted) or K2 (2025, agreed)


def aktivitas_body(nip: str, mulai: str, selesai: str) -> dict[str, Any]:
    """An entry of yesterday (never in the future, never locked: the grace period is days long)
    serving the first task of E's position JA."""
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    return {
        "nip": nip,
        "tanggal": yesterday,
        "mulai": mulai,
        "selesai": selesai,
        "uraian": "Menyusun bahan kebijakan",
        "tugas_indeks": 0,
    }


def in_selection(w: Any) -> dict[str, str]:
    """The path of the cohort in selection (KS) in place of the running one (KK), when the world has it."""
    return {"kohort_id": w.KS} if w.KS else {}


def evaluated(w: Any) -> dict[str, str]:
    """The path of E's evaluated enrollment (PD) in place of its registered one (PST), when the world has it."""
    return {"peserta_id": w.PD} if w.PD else {}


def jp_body(nip: str) -> dict[str, Any]:
    """A coaching session of today, 10 JP (pengembangan's JP ledger)."""
    return {
        "nip": nip,
        "sumber": "nonklasikal",
        "jenis": "coaching",
        "tanggal": date.today().isoformat(),
        "jp": 10,
        "uraian": "Coaching kinerja",
    }


def pegawai_body(w: Any) -> dict[str, Any]:
    return {
        "nip": w.new_nip,
        "nama": "Rina Wati",
        "status_kepegawaian": "PNS",
        "jabatan_id": w.JA2,
        "tmt_jabatan": "2024-01-01",
    }


MATRIX: dict[str, dict[str, Any]] = {
    "pegawai": {
        "listAuditLog": lambda w: Row(ADMIN_ONLY_READ),
        "listUnitOrganisasi": lambda w: Row(LISTED_ORGANISATION, target="A1"),
        "createUnitOrganisasi": lambda w: Row(
            {**changes(201), "opd_foreign": 422},  # a parent out of reach is refused like an unknown one
            body={"kode": "MX-NEW", "nama": "Seksi Baru", "jenis": "seksi", "parent_id": w.A1},
        ),
        "getUnitOrganisasi": lambda w: Row(ORGANISATION),
        "getUnitOrganisasiSubtree": lambda w: Row(ORGANISATION),
        # A1's roster: whoever reaches the unit gets 200, listing E when it reaches E too (S and E
        # reach A1 through their own seat; S sees E in it as its direct report).
        "listUnitOrganisasiPegawai": lambda w: Row({**LISTED_PERSONAL, "opd_foreign": 404, "other": 404}),
        "updateUnitOrganisasi": lambda w: Row(changes(200), body={"nama": "Bidang A Baru"}, headers=ANY_VERSION),
        "deleteUnitOrganisasi": lambda w: Row(changes(409), headers=ANY_VERSION),  # it still holds positions
        "listJabatan": lambda w: Row(LISTED_ORGANISATION, target="JA"),
        "createJabatan": lambda w: Row(
            {**changes(201), "opd_foreign": 422},
            body={"kode": "J-NEW", "nama": "Analis", "jenis": "pelaksana", "kelas_jabatan": 7, "unit_id": w.A1},
        ),
        "lookupJabatan": lambda w: Row(LISTED_ORGANISATION, body={"ids": [w.JA]}, target="JA"),
        "listJabatanRingkas": lambda w: Row(LISTED_ORGANISATION, target="JA"),
        # Counts over positions and employees are reports (B's admin does not reach A1: 404).
        "getRekapJabatan": lambda w: Row(reports(404), query={"unit_id": w.A1}),
        "getRekapPegawai": lambda w: Row(reports(404), query={"unit_id": w.A1, "tahun": 2026}),
        "getJabatan": lambda w: Row(ORGANISATION),
        "updateJabatan": lambda w: Row(changes(200), body={"kebutuhan": 6}, headers=ANY_VERSION),
        "deleteJabatan": lambda w: Row(changes(409), headers=ANY_VERSION),  # E and S hold it
        "listPegawai": lambda w: Row(LISTED_PERSONAL),
        "createPegawai": lambda w: Row({**changes(201), "opd_foreign": 422}, body=pegawai_body(w)),
        "lookupPegawai": lambda w: Row(LISTED_PERSONAL, body={"nips": [w.E]}),
        "listPegawaiRingkas": lambda w: Row(LISTED_PERSONAL),
        "getPegawai": lambda w: Row(PERSONAL),
        "lookupAtasan": lambda w: Row(LISTED_PERSONAL, body={"nips": [w.E]}),
        # S's direct reports (E among them): whoever reads S; E and F do not reach S.
        "listBawahan": lambda w: Row(
            expect(
                admin_bkpsdm=SEEN,
                opd=SEEN,
                opd_foreign=404,
                atasan=SEEN,
                self=404,
                other=404,
                integrasi=SEEN,
                layanan=SEEN,
            ),
            nip="S",
        ),
        "updatePegawai": lambda w: Row(
            # Self-service: E changes its own contact; S reads E (its report) but changes only its own record.
            expect(
                admin_bkpsdm=200, opd=200, opd_foreign=404, atasan=404, self=200, other=404, integrasi=403, layanan=403
            ),
            body={"telepon": "0812-1111-2222"},
            headers=ANY_VERSION,
        ),
        "createMutasi": lambda w: Row(
            changes(200), body={"jabatan_id": w.JA2, "tmt": "2024-07-01"}, headers=ANY_VERSION
        ),
        "listRiwayatJabatan": lambda w: Row(PERSONAL),
        "listRiwayatGolongan": lambda w: Row(PERSONAL),
        "listRiwayatPendidikan": lambda w: Row(PERSONAL),
        "createRiwayatGolongan": lambda w: Row(changes(201), body={"golongan": "III/c", "tmt": "2022-04-01"}),
        # An education: the admins reaching E, and the platform's services (a finished study, delivered
        # by pengembangan's outbox).
        "createRiwayatPendidikan": lambda w: Row(
            {**changes(201), "layanan": 201}, body={"tingkat": "S2", "tahun_lulus": 2015}
        ),
        "listKebutuhanJabatan": lambda w: Row(reports(UNSEEN, SEEN), target="JA"),
        "listKebutuhanUnit": lambda w: Row(reports(UNSEEN, SEEN), target="A1"),
        "getProyeksiPensiun": lambda w: Row(reports(), query={"tahun": 40}),
        "getImporTemplate": lambda w: Row(reports()),
        # A dry run: B's admin may import into its own OPD (the row out of its reach is a row error).
        "createImpor": lambda w: Row(
            expect(
                admin_bkpsdm=200, opd=200, opd_foreign=200, atasan=403, self=403, other=403, integrasi=403, layanan=403
            ),
            query={"uji": "true"},
            upload="pegawai",
        ),
        "exportJabatan": lambda w: Row(reports()),
        "exportPegawai": lambda w: Row(reports()),
    },
    "kompetensi": {
        "listAuditLog": lambda w: Row(ADMIN_ONLY_READ),
        "listKompetensi": lambda w: Row(everyone(200)),
        "createKompetensi": lambda w: Row(
            admin_write(201),
            body={
                "kode": "TEK-NEW",
                "nama": "Kompetensi Baru",
                "definisi": "Teknis baru.",
                "levels": [{"level": i, "deskripsi": f"Level {i}"} for i in range(1, 6)],
            },
        ),
        "getKompetensi": lambda w: Row(everyone(200)),
        "updateKompetensi": lambda w: Row(admin_write(200), body={"nama": "Kompetensi T"}, headers=ANY_VERSION),
        "deleteKompetensi": lambda w: Row(admin_write(409), headers=ANY_VERSION),  # JA's standard uses it
        "retireKompetensi": lambda w: Row(admin_write(200), headers=ANY_VERSION),
        "listStandarKompetensiBulk": lambda w: Row(ORGANISATION, body={"jabatan_ids": [w.JA]}),
        # The compact levels: E's position JA is in the answer for whoever reaches it, missing otherwise.
        "listStandarKompetensiLevel": lambda w: Row(LISTED_ORGANISATION, body={"jabatan_ids": [w.JA]}, target="JA"),
        # The standards counted by kind: a report over positions (B's admin does not reach JA: 404).
        "getRekapStandarKompetensi": lambda w: Row(reports(404), body={"jabatan_ids": [w.JA]}),
        "getStandarKompetensi": lambda w: Row(ORGANISATION),
        "putStandarKompetensi": lambda w: Row(
            changes(200), body={"items": [{"kompetensi_kode": w.T_KODE, "level": 4}]}, headers=ANY_VERSION
        ),
        "copyStandarKompetensi": lambda w: Row(changes(200), body={"dari": w.JA, "ke": [w.JA2]}),
        "createAsesmen": lambda w: Row(
            changes(201),
            body={
                "nip": w.E,
                "kompetensi_kode": w.T_KODE,
                "level": 3,
                "tanggal": "2025-05-01",
                "metode": "uji_kompetensi",
            },
        ),
        "listAsesmen": lambda w: Row(PERSONAL, query={"nip": w.E}),
        "getRekapAsesmen": lambda w: Row(reports(404), query={"unit_id": w.A1}),
        # The GET's counts over a roster the caller passes (taken only from a caller that reaches
        # everyone; anyone else's is ignored: B's admin still gets the GET's 404).
        "getRekapAsesmenRoster": lambda w: Row(
            reports(404), body={"unit_id": w.A1, "pegawai": [{"nip": w.E, "jabatan_jenis": "pelaksana"}]}
        ),
        "createHasilPelatihan": lambda w: Row(
            expect(
                admin_bkpsdm=201, opd=403, opd_foreign=403, atasan=403, self=403, other=403, integrasi=403, layanan=201
            ),
            body={
                "sumber": "pengembangan/angkatan/1",
                "hasil": [{"nip": w.E, "kompetensi_kode": w.T_KODE, "level": 3, "tanggal": "2025-06-01"}],
            },
        ),
        "getProfilKompetensi": lambda w: Row(PERSONAL),
        "listProfilKompetensiBulk": lambda w: Row(reports(UNSEEN, SEEN), body={"nips": [w.E]}),
        "computeJpmJabatan": lambda w: Row(reports(404), body={"nips": [w.E]}),
        "computeJpmPegawai": lambda w: Row(PERSONAL, body={"jabatan_ids": [w.JA]}),
        "listJpmBulk": lambda w: Row(LISTED_PERSONAL, body={"nips": [w.E]}),
        "listLevelKompetensiBulk": lambda w: Row(LISTED_PERSONAL, body={"nips": [w.E]}),
        "computeMatriksGap": lambda w: Row(reports(404), body={"unit_id": w.A1}),
        "getRumpunJabatan": lambda w: Row(reports()),
    },
    "kinerja": {
        "listAuditLog": lambda w: Row(ADMIN_ONLY_READ),
        "listPenghargaan": lambda w: Row(LISTED_PERSONAL),
        "createPenghargaan": lambda w: Row(
            changes(201), body={"nip": w.E, "jenis": "asn_teladan", "tanggal": "2025-01-02", "nomor_sk": "SK 2"}
        ),
        "getPenghargaan": lambda w: Row(PERSONAL),
        "updatePenghargaan": lambda w: Row(changes(200), body={"diumumkan": True}, headers=ANY_VERSION),
        "deletePenghargaan": lambda w: Row(changes(204), headers=ANY_VERSION),
        # No token needed: everyone, and a bad token is not even looked at.
        "listPenghargaanPublik": lambda w: Row(everyone(200)),
        # Sanctions: only BKPSDM, E's OPD admin and E itself; to anyone else they do not exist.
        "listHukumanDisiplin": lambda w: Row(SANCTION_LISTED),
        # Sanctions counted: only the admins see sanctions (the machine readers 403, not an empty count).
        "getRekapHukumanDisiplin": lambda w: Row(
            expect(
                admin_bkpsdm=200, opd=200, opd_foreign=404, atasan=403, self=403, other=403, integrasi=403, layanan=403
            ),
            query={"unit_id": w.A1},
        ),
        "createHukumanDisiplin": lambda w: Row(
            changes(201),
            body={
                "nip": w.E,
                "tingkat": "ringan",
                "jenis": "R1",
                "nomor_sk": "800/2/2025",
                "tanggal_sk": "2025-05-02",
                "tmt": "2025-05-02",
            },
        ),
        "listHukumanDisiplinAktif": lambda w: Row(SANCTION_LISTED, body={"nips": [w.E], "tanggal": "2025-05-01"}),
        # The heaviest sanction of a window: the level for every NIP the caller reads (the details only
        # where it may see sanctions, tested in tests/kinerja/test_hukdis.py).
        "listHukumanDisiplinTerberat": lambda w: Row(
            LISTED_PERSONAL, body={"nips": [w.E], "dari": "2025-01-01", "sampai": "2025-12-31"}
        ),
        "listPengumumanHukumanDisiplin": lambda w: Row(everyone(200)),
        "getHukumanDisiplin": lambda w: Row(SANCTION),
        "updateHukumanDisiplin": lambda w: Row(changes(200), body={"nomor_sk": "800/1a/2025"}, headers=ANY_VERSION),
        "deleteHukumanDisiplin": lambda w: Row(changes(204), headers=ANY_VERSION),
        # SKP. E's SKP of 2026 is submitted (diajukan), S rates it. Steps of the employee answer
        # 409 now (no longer a draft); S may not take them (403); the supervisor's steps are S's
        # and the admins' (E: 403). Everyone else does not see it (404) or may never write (403).
        "listPeriodeSkp": lambda w: Row(everyone(200)),
        "createPeriodeSkp": lambda w: Row(admin_write(201), body={"tahun": 2030, "evaluasi": "bulanan"}),
        "updatePeriodeSkp": lambda w: Row(admin_write(200), body={"terbuka": True}, headers=ANY_VERSION),
        "listSkp": lambda w: Row(LISTED_PERSONAL),
        "createSkp": lambda w: Row(
            expect(
                admin_bkpsdm=201, opd=201, opd_foreign=404, atasan=403, self=201, other=403, integrasi=403, layanan=403
            ),
            body={"nip": w.E, "periode_id": w.PER2},
        ),
        "listKinerjaRendah": lambda w: Row(reports(404), query={"unit_id": w.A1, "tahun": 2026}),
        "getRekapSkp": lambda w: Row(reports(404), query={"unit_id": w.A1, "tahun": 2026}),
        "getRekapSkpRoster": lambda w: Row(
            reports(404), body={"unit_id": w.A1, "tahun": 2026, "pegawai": [{"nip": w.E}]}
        ),
        "getPohonKinerja": lambda w: Row(reports(404), query={"unit_id": w.A1, "tahun": 2026}),
        "getSkp": lambda w: Row(PERSONAL),
        "putRencanaHasilKerja": lambda w: Row(
            SKP_OWNER_STEP,
            body={"items": [{"uraian": "Laporan", "indikator": ["Tepat"], "target": "1"}]},
            headers=ANY_VERSION,
        ),
        "submitSkp": lambda w: Row(SKP_OWNER_STEP, headers=ANY_VERSION),
        "approveSkp": lambda w: Row(SKP_PENILAI_STEP, headers=ANY_VERSION),
        "returnSkp": lambda w: Row(SKP_PENILAI_STEP, body={"catatan": "Lengkapi"}, headers=ANY_VERSION),
        "rateSkp": lambda w: Row(
            {**SKP_PENILAI_STEP, **dict.fromkeys(("admin_bkpsdm", "opd", "atasan"), 409)},  # not agreed yet
            body={
                "realisasi": [],
                "rating_hasil_kerja": "sesuai",
                "perilaku": [{"nilai": v, "rating": "sesuai"} for v in BERAKHLAK],
            },
            headers=ANY_VERSION,
        ),
        "finalizeSkp": lambda w: Row(
            {**SKP_PENILAI_STEP, **dict.fromkeys(("admin_bkpsdm", "opd", "atasan"), 409)}, headers=ANY_VERSION
        ),
        "correctSkp": lambda w: Row(
            admin_write(409),  # only a final SKP is corrected
            body={"alasan": "Keberatan dikabulkan", "rating_hasil_kerja": "diatas"},
            headers=ANY_VERSION,
        ),
        "createSkpLama": lambda w: Row(
            changes(201), body={"nip": w.E, "tahun": 2020, "skala": "pp_46_2011", "nilai": 80}
        ),
        "getSkpImporTemplate": lambda w: Row(reports(), path={"jenis": "skp"}),
        # A dry run of a numeric SKP of E, as createImpor: the admins may import (200; for B's admin
        # the row out of its reach is a row error, tests/kinerja/test_impor.py); the rest never (403).
        "importSkp": lambda w: Row(
            expect(
                admin_bkpsdm=200, opd=200, opd_foreign=200, atasan=403, self=403, other=403, integrasi=403, layanan=403
            ),
            query={"uji": "true"},
            upload="skp-lama",
            path={"jenis": "skp-lama"},
        ),
        "listPredikatKinerjaBulk": lambda w: Row(LISTED_PERSONAL, body={"nips": [w.E]}),
        # Periodic evaluations of E's agreed SKP of 2025 (triwulanan, every quarter ended). Read
        # as the SKP is; recorded by S (its rating supervisor) and the admins reaching E, not by E
        # itself (403); the machine roles may never write (403).
        "listEvaluasiPeriodik": lambda w: Row(PERSONAL, skp="K2"),
        "putEvaluasiPeriodik": lambda w: Row(
            SKP_PENILAI_STEP,
            body={
                "hasil_kerja": [],
                "rating_hasil_kerja": "sesuai",
                "perilaku": [{"nilai": v, "rating": "sesuai"} for v in BERAKHLAK],
            },
            headers=ANY_VERSION,
            skp="K2",
        ),
        # Due evaluations: of the SKPs the caller rates (S) or, for an admin, reaches; E rates no
        # one. Roles that never evaluate (the machine readers): 403.
        "listEvaluasiJatuhTempo": lambda w: Row(
            expect(
                admin_bkpsdm=SEEN,
                opd=SEEN,
                opd_foreign=UNSEEN,
                atasan=SEEN,
                self=UNSEEN,
                other=UNSEEN,
                integrasi=403,
                layanan=403,
            ),
            query={"tahun": 2025},
        ),
        # The daily activity log. E's entry of yesterday 08:00-09:00 is submitted; S supervises E.
        # Reads: whoever reads E (S as its direct report, the machine readers reaching all).
        "listAktivitas": lambda w: Row(LISTED_PERSONAL),
        # Writing: E itself and the admins reaching E (B's admin: E is out of reach, 404); S and F
        # are not E (403), the machine roles may never write (403). 10:00-11:00 overlaps nothing.
        "createAktivitas": lambda w: Row(AKTIVITAS_WRITE, body=aktivitas_body(w.E, "10:00", "11:00")),
        "createAktivitasBulk": lambda w: Row(
            AKTIVITAS_WRITE,
            body={
                "nip": w.E,
                "tanggal": aktivitas_body(w.E, "", "")["tanggal"],
                "items": [
                    {k: v for k, v in aktivitas_body(w.E, m, s).items() if k not in ("nip", "tanggal")}
                    for m, s in (("10:00", "11:00"), ("11:00", "12:00"))
                ],
            },
        ),
        "getRingkasanAktivitasPegawai": lambda w: Row(PERSONAL),
        "getRingkasanAktivitasUnit": lambda w: Row(reports(404), query={"unit_id": w.A1}),
        "listIndikasiPenempatan": lambda w: Row(
            reports(404), query={"unit_id": w.A1, "tahun": date.today().year, "bulan": date.today().month}
        ),
        "getAktivitas": lambda w: Row(PERSONAL),
        # Changing E's entry: E and the admins; S sees it but did not write it (403); F and B's
        # admin do not see it (404); the machine roles may never write (403).
        "updateAktivitas": lambda w: Row(aktivitas_change(200), body={"uraian": "Menyusun bahan"}, headers=ANY_VERSION),
        "deleteAktivitas": lambda w: Row(aktivitas_change(204), headers=ANY_VERSION),
        # Reviewing: S (E is its direct report) and the admins; E may not review its own (403).
        "confirmAktivitas": lambda w: Row(SKP_PENILAI_STEP, headers=ANY_VERSION),
        "returnAktivitas": lambda w: Row(SKP_PENILAI_STEP, body={"catatan": "Rinci hasilnya"}, headers=ANY_VERSION),
    },
    "pengembangan": {
        "listAuditLog": lambda w: Row(ADMIN_ONLY_READ),
        # The development catalogue is BKPSDM's and not personal data: every signed-in role reads
        # all of it, only admin_bkpsdm writes it. PRG is a program with one planned batch ANG.
        "listProgram": lambda w: Row(everyone(200)),
        "listJenisProgram": lambda w: Row(everyone(200)),
        "createProgram": lambda w: Row(
            admin_write(201),
            body={
                "kode": "MX-PRG-NEW",
                "nama": "Coaching Baru",
                "jenis": "coaching",
                "kompetensi": [{"kode_kompetensi": "PDO", "level": 2}],
                "jp": 8,
                "penyelenggara": "bkpsdm",
                "biaya_per_peserta": 0,
            },
        ),
        "lookupProgram": lambda w: Row(everyone(200), body={"ids": [w.PRG]}),
        "getProgram": lambda w: Row(everyone(200)),
        "updateProgram": lambda w: Row(admin_write(200), body={"jp": 30}, headers=ANY_VERSION),
        "deleteProgram": lambda w: Row(admin_write(409), headers=ANY_VERSION),  # it has a batch
        "listAngkatan": lambda w: Row(everyone(200)),
        "createAngkatan": lambda w: Row(
            admin_write(201),
            body={
                "program_id": w.PRG,
                "kode": "MX-02",
                "tanggal_mulai": "2030-03-02",
                "tanggal_selesai": "2030-03-04",
                "kuota": 25,
            },
        ),
        "lookupAngkatan": lambda w: Row(everyone(200), body={"ids": [w.ANG]}),
        "getAngkatan": lambda w: Row(everyone(200)),
        "updateAngkatan": lambda w: Row(admin_write(200), body={"status": "dibuka"}, headers=ANY_VERSION),
        "deleteAngkatan": lambda w: Row(admin_write(204), headers=ANY_VERSION),
        # Further study: personal records, read as E's other records are; written by the admins
        # reaching the employee. E has a running study ST; a new one is made for S (E has one).
        "listStudiLanjut": lambda w: Row(LISTED_PERSONAL),
        "createStudiLanjut": lambda w: Row(
            changes(201),
            body={
                "nip": w.S,
                "jenis": "izin_belajar",
                "jenjang": "S1",
                "institusi": "Universitas Terbuka",
                "jurusan": "Administrasi Negara",
                "nomor_sk": "800/2/2025",
                "tanggal_mulai": "2025-09-01",
                "tanggal_selesai": "2029-08-31",
            },
        ),
        "getStudiLanjut": lambda w: Row(PERSONAL),
        "updateStudiLanjut": lambda w: Row(
            changes(200), body={"jurusan": "Magister Kebijakan Publik"}, headers=ANY_VERSION
        ),
        "finishStudiLanjut": lambda w: Row(
            changes(200), body={"status": "dibatalkan", "tanggal": "2025-09-01"}, headers=ANY_VERSION
        ),
        "deleteStudiLanjut": lambda w: Row(changes(204), headers=ANY_VERSION),
        # The cadre school (sekolah kader): cohorts are BKPSDM's and not personal data (every role reads
        # them, only admin_bkpsdm writes); who belongs to one is personal, listed within reach. KK runs
        # with E a member (peserta); KS is in selection with E a member.
        "listKohortKader": lambda w: Row(LISTED_PERSONAL, query={"nip": w.E}, target="KK"),
        "createKohortKader": lambda w: Row(
            admin_write(201),
            body={
                "kode": "MX-KADER-NEW",
                "nama": "Sekolah Kader Baru",
                "tahun": 2030,
                "tanggal_mulai": "2030-03-04",
                "tanggal_selesai": "2030-08-30",
            },
        ),
        "getKohortKader": lambda w: Row(everyone(200)),
        "updateKohortKader": lambda w: Row(admin_write(200), body={"nama": "Sekolah Kader X"}, headers=ANY_VERSION),
        "deleteKohortKader": lambda w: Row(admin_write(409), headers=ANY_VERSION),  # it runs
        "listAnggotaKader": lambda w: Row(LISTED_PERSONAL),
        "addAnggotaKader": lambda w: Row(admin_write(201), body={"nips": [w.S]}, path=in_selection(w)),
        "getAnggotaKader": lambda w: Row(PERSONAL),
        "updateAnggotaKader": lambda w: Row(admin_write(200), body={"hasil": "lulus"}, headers=ANY_VERSION),
        "deleteAnggotaKader": lambda w: Row(admin_write(204), headers=ANY_VERSION, path=in_selection(w)),
        # The outbox (shared.outbox): BKPSDM's alone, like the audit log. The world holds one parked
        # message (OB); sending it again makes it pending.
        "listOutbox": lambda w: Row(ADMIN_ONLY_READ),
        "retryOutbox": lambda w: Row(admin_write(200), headers=ANY_VERSION),
        # The JP ledger: E's entry JP (a coaching session of today). Read as E's records are (S as
        # E's supervisor); recorded and corrected by the admins reaching E (B's admin: 404), never
        # by employees or the machine roles (403). Reports over many: staff and machine roles.
        "listJp": lambda w: Row(LISTED_PERSONAL),
        "createJp": lambda w: Row(changes(201), body=jp_body(w.E)),
        "getJp": lambda w: Row(PERSONAL),
        "updateJp": lambda w: Row(changes(200), body={"jp": 12}, headers=ANY_VERSION),
        "deleteJp": lambda w: Row(changes(204), headers=ANY_VERSION),
        "getRekapJp": lambda w: Row(PERSONAL),
        "listJpBulk": lambda w: Row(LISTED_PERSONAL, body={"nips": [w.E], "tahun": date.today().year}),
        "listJpJendela": lambda w: Row(
            LISTED_PERSONAL,
            body={"nips": [w.E], "dari": "2024-01-01", "sampai": "2026-12-31", "jenis": ["pelatihan_teknis"]},
        ),
        "getKepatuhanJp": lambda w: Row(reports(404), query={"unit_id": w.A1}),
        "getRekapKepatuhanJpRoster": lambda w: Row(
            reports(404), body={"unit_id": w.A1, "pegawai": [{"nip": w.E, "status_kepegawaian": "PNS"}]}
        ),
        "getRotasiJp": lambda w: Row(reports(404), query={"unit_id": w.A1}),
        "getJpImporTemplate": lambda w: Row(reports()),
        # A dry run of a history row of E, as importSkp: B's admin may import (the row out of its
        # reach is a row error); the rest never (403).
        "importJp": lambda w: Row(
            expect(
                admin_bkpsdm=200, opd=200, opd_foreign=200, atasan=403, self=403, other=403, integrasi=403, layanan=403
            ),
            query={"uji": "true"},
            upload="jp",
        ),
        # Proposals and enrollments are E's records charged to A: read as E's own (B's admin does
        # not see A's). An OPD admin proposes its own OPD's employees (B's admin naming A: 422, a
        # reference out of reach); only BKPSDM decides.
        "listUsulan": lambda w: Row(LISTED_PERSONAL),
        "getRekapUsulan": lambda w: Row(reports(404), query={"unit_id": w.A1}),
        "getRekapUsulanRoster": lambda w: Row(reports(404), body={"unit_id": w.A1, "pegawai": [{"nip": w.E}]}),
        "createUsulan": lambda w: Row(
            {**changes(201), "opd_foreign": 422}, body={"angkatan_id": w.ANG5, "nips": [w.E], "opd_id": w.A}
        ),
        "checkRelevansiUsulan": lambda w: Row(ADMIN_ONLY_READ, body={"ids": [w.USL]}),
        "getUsulan": lambda w: Row(PERSONAL),
        "approveUsulan": lambda w: Row(admin_write(200), headers=ANY_VERSION),
        "rejectUsulan": lambda w: Row(admin_write(200), body={"alasan": "Kuota terpenuhi"}, headers=ANY_VERSION),
        "listPeserta": lambda w: Row(LISTED_PERSONAL),
        "getPeserta": lambda w: Row(PERSONAL),
        # BKPSDM records attendance: E's batch starts in 2030, so not yet (409).
        "updateStatusPeserta": lambda w: Row(admin_write(409), body={"status": "hadir"}, headers=ANY_VERSION),
        "cancelPeserta": lambda w: Row(changes(200), body={"alasan": "Mutasi"}, headers=ANY_VERSION),
        # Self-service: the batches fitting E's job (whoever reads E); asking to join is the
        # employee's own act: E and S (both hold JA, whose standard PRG develops) may, F's position
        # has no standard (422), other roles propose instead (403).
        "listAngkatanSesuai": lambda w: Row(PERSONAL, query={"nip": w.E}),
        "listPermintaan": lambda w: Row(LISTED_PERSONAL),
        "createPermintaan": lambda w: Row(
            expect(
                admin_bkpsdm=403, opd=403, opd_foreign=403, atasan=201, self=201, other=422, integrasi=403, layanan=403
            ),
            body={"angkatan_id": w.ANG5},
        ),
        "getPermintaan": lambda w: Row(PERSONAL),
        "forwardPermintaan": lambda w: Row(changes(200), body={"opd_id": w.A}, headers=ANY_VERSION),
        "declinePermintaan": lambda w: Row(changes(200), body={"alasan": "Belum prioritas"}, headers=ANY_VERSION),
        # Impact evaluation after training (evaluasi dampak): E passed two batches of PRG that ended
        # four months ago; the evaluation of one (PD) is recorded, the other's (PD2) is due. The form
        # is read by every role. An evaluation is read as E's enrollment is; it is written by S (E's
        # direct supervisor) and the admins reaching E, not by E (403: it reads it) nor the machine
        # roles (403); B's admin and F do not see the enrollment (404).
        "getFormulirDampak": lambda w: Row(everyone(200)),
        "listEvaluasiDampak": lambda w: Row(LISTED_PERSONAL),
        "getEvaluasiDampak": lambda w: Row(PERSONAL, path=evaluated(w)),
        "putEvaluasiDampak": lambda w: Row(
            expect(
                admin_bkpsdm=200, opd=200, opd_foreign=404, atasan=200, self=403, other=404, integrasi=403, layanan=403
            ),
            body={
                "skor": {"penerapan": 4, "perubahan_perilaku": 3, "kontribusi_kinerja": 3, "berbagi_pengetahuan": 2},
                "rekomendasi": "cukup",
            },
            headers=ANY_VERSION,
            path=evaluated(w),
        ),
        # The reminders: those the caller is to evaluate (S its direct report E's; the admins those
        # they reach); E evaluates no one; the machine roles never evaluate (403).
        "listEvaluasiDampakJatuhTempo": lambda w: Row(
            expect(
                admin_bkpsdm=SEEN,
                opd=SEEN,
                opd_foreign=UNSEEN,
                atasan=SEEN,
                self=UNSEEN,
                other=UNSEEN,
                integrasi=403,
                layanan=403,
            )
        ),
        # The summary per program is a report: PRG's line for the staff and machine roles reaching
        # E's enrollment (B's admin: its own OPD's, none); never employees or atasan.
        "getRingkasanDampak": lambda w: Row(reports(UNSEEN, SEEN), target="PRG"),
        # Budgets: BKPSDM sets them; the staff roles read them (B's admin not A's); employees never.
        "listAnggaran": lambda w: Row(reports(UNSEEN, SEEN), target="A"),
        "getAnggaran": lambda w: Row(reports(404)),
        "putAnggaran": lambda w: Row(
            admin_write(200), body={"pagu": 600_000_000, "alokasi": 60_000_000}, headers=ANY_VERSION
        ),
    },
    # The gateway's own operations (composed endpoints); its routed ones are the services'. The
    # profile is read as E's record is (pegawai decides; every other service answers with the
    # caller's token too): S as E's supervisor, the machine readers; B's admin and F get 404.
    "gateway": {
        "getProfil": lambda w: Row(PERSONAL),
        # The needs plan of E's unit A1 is a report (pegawai's staffing and projection behind it): staff
        # roles and the machine readers; B's admin does not reach A1 (404); employees and S may not (403).
        "getPerencanaanUnit": lambda w: Row(reports(404), query={"tahun": 10}),
        # IP ASN: E's is read as its record is; its unit A1's is a report (B's admin does not reach
        # A1: 404); the Pemda's is a report over the caller's reach (B's admin: its own OPD, 200).
        "getIpasnPegawai": lambda w: Row(PERSONAL),
        "getIpasnUnit": lambda w: Row(reports(404), query={"target": 75}),
        "getIpasnPemda": lambda w: Row(reports()),
        # The merit system's evidence of A1 is a report (the services' counts behind it): B's admin does not
        # reach A1 (404); employees and S may not (403).
        "getSistemMerit": lambda w: Row(reports(404), query={"unit_id": w.A1}),
        # Placement: candidates for JA and a unit's re-placement are reports (B's admin does not
        # reach JA or A1: 404); an employee's recommendations are read as its record is.
        "listKandidatJabatan": lambda w: Row(reports(404)),
        "listRekomendasiPegawai": lambda w: Row(PERSONAL),
        "computeOptimasiPenempatan": lambda w: Row(reports(404), body={"unit_id": w.A1}),
        # Training needs: E's are read as its record is; its unit A1's are a report (B's admin does
        # not reach A1: 404; employees and S may not: 403).
        "getKebutuhanPelatihanPegawai": lambda w: Row(PERSONAL),
        "getKebutuhanPelatihanUnit": lambda w: Row(reports(404)),
        # The training plan and its scenarios of A1 are reports too (nothing is written): B's admin
        # does not reach A1 (404); employees and S may not (403).
        "planPelatihan": lambda w: Row(reports(404), body={"unit_id": w.A1, "tahun": 2026}),
        "compareSkenarioPelatihan": lambda w: Row(
            reports(404), body={"unit_id": w.A1, "tahun": 2026, "skenario": [{"nama": "dasar"}]}
        ),
        # Accepting it proposes its enrollments in pengembangan with the caller's token: the staff
        # roles that propose (B's admin does not reach A1: 404); employees, S and the machine roles 403.
        # The talent map of A1 is a report (B's admin does not reach A1: 404; employees and S 403); an
        # employee's own box is read as its record is (E itself, S its supervisor; F and B's admin 404).
        "getTalentaUnit": lambda w: Row(reports(404)),
        "getTalentaPegawai": lambda w: Row(PERSONAL),
        "acceptRencanaPelatihan": lambda w: Row(
            expect(
                admin_bkpsdm=200, opd=200, opd_foreign=404, atasan=403, self=403, other=403, integrasi=403, layanan=403
            ),
            body={"unit_id": w.A1, "tahun": 2026},
        ),
    },
}
