"""shared.workbook on its own: the layout officers rely on, safe cells, and a reader that keeps digits and limits."""

import csv
import io
import re
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from shared.errors import AppError
from shared.workbook import (
    MAX_CELL_CHARS,
    MAX_ROWS,
    CellError,
    Chart,
    Column,
    Kind,
    Sheet,
    Styled,
    accepts_xlsx,
    convert,
    csv_escape,
    csv_unescape,
    instructions_sheet,
    read_table,
    write_csv,
    write_xlsx,
)
from tests.workbooks import charts

NIP = "198503122010011003"
GOLONGAN = (*(f"{g}/{r}" for g in ("I", "II", "III", "IV") for r in "abcd"), "IV/e")
LONG_LIST = tuple(f"KODE-UNIT-{i:03d}" for i in range(60))  # far past Excel's 255-character inline list
COLUMNS = [
    Column("NIP", "nip", Kind.CODE, required=True),
    Column("Nama", "nama"),
    Column("Tanggal Lahir", "lahir", Kind.DATE),
    Column("Kelas", "kelas", Kind.INTEGER),
    Column("Golongan", "golongan", Kind.CODE, choices=GOLONGAN),
    Column("Kode Unit", "unit", Kind.CODE, choices=LONG_LIST),
    Column("Telepon", "telepon", Kind.PHONE),
]
HOSTILE = [
    '=HYPERLINK("http://evil.example","klik")',
    "+6281234",
    "-1+2",
    "@SUM(A1)",
    "\tTab",
    "\rCR",
    "'=kutip",
    "''dua",
]


def xlsx_rows(content: bytes, sheet: str = "Data") -> list[tuple]:
    return list(load_workbook(io.BytesIO(content))[sheet].iter_rows(values_only=True))


def sample(rows: list[list] | None = None) -> bytes:
    rows = (
        rows
        if rows is not None
        else [[NIP, "Budi Santoso", date(1985, 3, 12), 8, "III/a", "KODE-UNIT-001", "081234567890"]]
    )
    return write_xlsx([Sheet("Data", COLUMNS, rows), instructions_sheet(COLUMNS, ["Baris 2 berisi contoh."])])


def list_values(wb, formula: str) -> list[str]:
    """The values a list validation offers, inline or from a range on another sheet."""
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet, ref = formula.rsplit("!", 1)
    return [c.value for row in wb[sheet.strip("'")][ref.replace("$", "")] for c in row]


def test_every_sheet_has_a_bold_frozen_filtered_printable_header_and_fitted_widths():
    wb = load_workbook(io.BytesIO(sample()))
    ws = wb["Data"]
    assert [c.value for c in ws[1]] == [c.header for c in COLUMNS]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:G2"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$1:$1"
    assert ws.column_dimensions["A"].width >= len(NIP)  # 18 digits show without ####
    assert ws.column_dimensions["B"].width >= len("Budi Santoso")
    assert wb["Petunjuk"]["A2"].value == "NIP" and wb["Petunjuk"].freeze_panes == "A2"


def test_identifier_columns_are_text_dates_are_date_cells_and_numbers_are_numbers():
    ws = load_workbook(io.BytesIO(sample()))["Data"]
    nip, _, lahir, kelas, gol, unit, telepon = ws[2]
    for cell, letter in ((nip, "A"), (gol, "E"), (unit, "F"), (telepon, "G")):
        assert cell.data_type == "s" and cell.number_format == "@"
        # The column's own format: what an officer types into a new row is text too.
        assert ws.column_dimensions[letter].number_format == "@"
    assert nip.value == NIP and telepon.value == "081234567890"
    assert lahir.is_date and lahir.value == datetime(1985, 3, 12) and lahir.number_format == "dd/mm/yyyy"
    assert ws.column_dimensions["C"].number_format == "dd/mm/yyyy"
    assert kelas.data_type == "n" and kelas.value == 8


def test_dropdowns_offer_the_full_list_inline_or_from_a_list_sheet():
    wb = load_workbook(io.BytesIO(sample()))
    validations = {str(dv.sqref).split(":")[0]: dv for dv in wb["Data"].data_validations.dataValidation}
    golongan, unit = validations["E2"], validations["F2"]
    assert golongan.type == "list" and golongan.showErrorMessage and golongan.errorStyle == "stop"
    assert golongan.formula1.startswith('"') and list_values(wb, golongan.formula1) == list(GOLONGAN)
    assert str(golongan.sqref) == f"E2:E{MAX_ROWS + 1}"
    assert len(",".join(LONG_LIST)) > 255 and unit.formula1.startswith("'Daftar'!")
    assert list_values(wb, unit.formula1) == list(LONG_LIST)


def test_a_dropdown_can_come_from_a_reference_sheet_of_the_workbook():
    cols = [Column("Kode Unit", "unit", Kind.CODE, choices_from="Unit")]
    ref = Sheet(
        "Unit", [Column("Kode Unit", kind=Kind.CODE), Column("Nama Unit")], [["U1", "Dinas A"], ["U2", "Dinas B"]]
    )
    wb = load_workbook(io.BytesIO(write_xlsx([Sheet("Data", cols, []), ref])))
    (dv,) = wb["Data"].data_validations.dataValidation
    assert list_values(wb, dv.formula1) == ["U1", "U2"]


def test_user_data_is_never_a_formula_an_error_value_or_a_broken_file():
    rows = [[v, v, None, None, None, None, None] for v in HOSTILE]
    rows.append(["#N/A", "Bel\x07 dan\x00 NUL\x1f", None, None, None, None, None])
    content = write_xlsx([Sheet("Data", COLUMNS, rows)])
    ws = load_workbook(io.BytesIO(content))["Data"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type in ("f", "e")]
    # (XML keeps a carriage return as a line feed)
    assert [ws.cell(row=i + 2, column=2).value for i in range(len(HOSTILE))] == [v.replace("\r", "\n") for v in HOSTILE]
    assert ws.cell(row=2, column=2).quotePrefix  # stays text when an officer edits the cell
    assert ws.cell(row=len(HOSTILE) + 2, column=1).value == "#N/A"
    assert ws.cell(row=len(HOSTILE) + 2, column=2).value == "Bel dan NUL"
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()


def test_csv_escapes_what_a_spreadsheet_would_evaluate_and_the_reader_takes_it_off():
    rows = [[NIP, v, date(1985, 3, 12), -3, None, None, "+62812345678"] for v in HOSTILE]
    content = write_csv(COLUMNS, rows)
    assert content.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0] == [c.header for c in COLUMNS]
    for line in lines[1:]:
        assert not line[1].startswith(("=", "+", "-", "@", "\t", "\r")), line[1]
    assert lines[1][2] == "1985-03-12" and lines[1][3] == "-3"  # numbers and dates are not escaped
    back = read_table(content, "x.csv", COLUMNS)
    assert [r.values["nama"] for r in back] == HOSTILE
    assert back[0].values["telepon"] == "+62812345678"
    for text in ["=1", "'=1", "''", "'", "'a", "a'", "-", "''=x"]:
        assert csv_unescape(csv_escape(text)) == text


def test_a_highlight_fills_the_cell():
    content = write_xlsx([Sheet("M", [Column("Gap", kind=Kind.INTEGER)], [[Styled(-2, "F8CBAD")], [0]])])
    ws = load_workbook(io.BytesIO(content))["M"]
    assert ws["A2"].value == -2 and ws["A2"].fill.fgColor.rgb.endswith("F8CBAD") and ws["A3"].fill.fill_type is None


def test_the_reader_reads_the_sheet_back_with_its_cell_types():
    rows = read_table(sample(), "x.xlsx", COLUMNS)
    assert len(rows) == 1 and rows[0].number == 2
    values = rows[0].values
    assert values["nip"] == NIP and values["kelas"] == 8 and values["lahir"] == datetime(1985, 3, 12)
    assert {k: convert(v, c) for c in COLUMNS for k, v in values.items() if k == c.key} == {
        "nip": NIP,
        "nama": "Budi Santoso",
        "lahir": date(1985, 3, 12),
        "kelas": 8,
        "golongan": "III/a",
        "unit": "KODE-UNIT-001",
        "telepon": "081234567890",
    }


def code_of(value, column) -> str:
    with pytest.raises(CellError) as err:
        convert(value, column)
    return err.value.code


def test_a_nip_phone_or_code_that_a_spreadsheet_made_a_number_is_refused():
    nip, phone, gol = COLUMNS[0], COLUMNS[6], COLUMNS[4]
    assert code_of(1.98503122010011e17, nip) == "cell.not-text"
    assert code_of(198503122010011003, nip) == "cell.not-text"
    assert code_of(datetime(2020, 1, 2), nip) == "cell.not-text"
    assert code_of("1.98503E+17", nip) == "cell.digits-lost"
    assert code_of(81234567890, phone) == "cell.not-text"
    assert code_of("81234567890", phone) == "cell.leading-zero-lost"
    assert convert("(024) 3515", phone) == "(024) 3515" and convert("6281234567890", phone) == "6281234567890"
    assert code_of(3, gol) == "cell.not-text"
    with pytest.raises(CellError) as err:
        convert(1.98503122010011e17, nip)
    assert "1.98503122010011E+17" in err.value.message() and "'" in err.value.message()


def test_cells_are_read_as_officers_type_them():
    gol = COLUMNS[4]
    jk = Column("Jenis Kelamin", "jk", Kind.CODE, choices=("L", "P"), aliases=(("Laki-laki", "L"), ("Perempuan", "P")))
    kedudukan = Column("Kedudukan", "k", Kind.CODE, choices=("aktif", "tugas_belajar"))
    assert convert("iii/a", gol) == "III/a" and convert(" IV/E ".strip(), gol) == "IV/e"
    assert convert("laki-laki", jk) == "L" and convert("Perempuan", jk) == "P" and convert("p", jk) == "P"
    assert convert("Aktif", kedudukan) == "aktif" and convert("Tugas Belajar", kedudukan) == "tugas_belajar"
    assert code_of("III/z", gol) == "cell.not-in-list"
    day = COLUMNS[2]
    for text in ("1985-03-12", "12/03/1985", "12-03-1985", "12.03.1985", "12/3/1985"):
        assert convert(text, day) == date(1985, 3, 12), text
    assert convert(datetime(1985, 3, 12), day) == date(1985, 3, 12)
    for bad in ("2021-02-30", "31/31/2020", "12/03/85", "kemarin", 31123):
        assert code_of(bad, day) == "cell.date"
    kelas = COLUMNS[3]
    assert convert("8", kelas) == 8 and convert(8.0, kelas) == 8 and code_of("8,5", kelas) == "cell.integer"
    assert convert(12345, COLUMNS[1]) == "12345"  # free text may be digits


def test_a_yes_no_column_is_written_ya_tidak_with_a_dropdown_and_read_as_officers_type_it():
    kunci = Column("Jabatan Kunci", "kunci", Kind.BOOLEAN)
    for typed, meant in (("Ya", True), ("tidak", False), ("Y", True), ("t", False), ("TRUE", True), ("0", False)):
        assert convert(typed, kunci) is meant, typed
    assert convert(True, kunci) is True and convert(1, kunci) is True and convert(0.0, kunci) is False
    assert convert("", kunci) is None and convert(None, kunci) is None
    for bad in ("mungkin", 2, "yes"):
        assert code_of(bad, kunci) == "cell.not-in-list", bad
    ws = load_workbook(io.BytesIO(write_xlsx([Sheet("Data", [kunci], [[True], [False]])])))["Data"]
    assert [c.value for c in ws["A"]] == ["Jabatan Kunci", "Ya", "Tidak"]
    assert [dv.formula1 for dv in ws.data_validations.dataValidation] == ['"Ya,Tidak"']
    lines = write_csv([kunci], [[True], [False]]).decode("utf-8-sig").splitlines()
    assert lines == ["Jabatan Kunci", "Ya", "Tidak"]
    read = read_table(write_csv([kunci], [[True], [False]]), "k.csv", [kunci])
    assert [convert(r.values["kunci"], kunci) for r in read] == [True, False]  # the round trip


def test_the_header_row_finds_columns_in_any_order_and_case_and_names_the_missing_ones():
    content = "telepon;nama;NIP ;Kolom Lain\n'081;Budi;" + NIP + ";x\n\n;;;\n"
    rows = read_table(content.encode(), "x.csv", COLUMNS)
    assert [(r.number, r.values) for r in rows] == [(2, {"telepon": "'081", "nama": "Budi", "nip": NIP})]
    assert convert(rows[0].values["telepon"], COLUMNS[6]) == "081"  # an apostrophe typed to keep the 0
    with pytest.raises(AppError) as err:
        read_table(b"Nama;Status\nBudi;PNS\n", "x.csv", COLUMNS)
    assert err.value.code == "bad-columns" and err.value.status == 422


def hostile_xlsx(extra_xml: str = "", dimension: str = "A1:XFD3000") -> bytes:
    """A tiny workbook whose sheet declares 16,384 x 3,000 cells and holds one far cell."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append([c.header for c in COLUMNS])
    ws.append([NIP, "Budi"])
    src = io.BytesIO()
    wb.save(src)
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>', data.decode())
                far = '<row r="3000"><c r="XFD3000" t="inlineStr"><is><t>jauh</t></is></c></row>' + extra_xml
                data = xml.replace("</sheetData>", far + "</sheetData>").encode()
            zout.writestr(item, data)
    return out.getvalue()


def test_a_sheet_that_claims_16384_columns_is_read_only_as_wide_as_its_headers():
    content = hostile_xlsx()
    assert len(content) < 10_000
    rows = read_table(content, "x.xlsx", COLUMNS)
    assert [(r.number, r.values["nip"]) for r in rows] == [(2, NIP)]


def test_limits_are_problems_not_crashes():
    many = ("NIP;Nama\n" + f"{NIP};Budi\n" * (MAX_ROWS + 1)).encode()
    with pytest.raises(AppError) as err:
        read_table(many, "x.csv", COLUMNS)
    assert (err.value.status, err.value.code) == (422, "too-many-rows")
    for content, name in (
        (f"NIP;Nama\n{NIP};{'x' * 200_000}\n".encode(), "x.csv"),
        (f"NIP;Nama\n{NIP};{'x' * (MAX_CELL_CHARS + 1)}\n".encode(), "x.csv"),
        (sample([[NIP, "x" * (MAX_CELL_CHARS + 1)]]), "x.xlsx"),
    ):
        with pytest.raises(AppError) as err:
            read_table(content, name, COLUMNS)
        assert (err.value.status, err.value.code) == (422, "cell-too-long")


def test_an_xlsx_that_unpacks_past_the_limit_is_refused_from_the_zip_directory():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/sharedStrings.xml", "w") as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(101):
                member.write(chunk)
    assert len(out.getvalue()) < 1024 * 1024
    with pytest.raises(AppError) as err:
        read_table(out.getvalue(), "bom.xlsx", COLUMNS)
    assert (err.value.status, err.value.code) == (422, "file-unpacked-too-large")


def test_unreadable_files_are_problems():
    for content, name, code in (
        (b"PK\x03\x04garbage", "x.xlsx", "bad-file"),
        (b"\xff\xfe\x00\x01", "x.csv", "bad-encoding"),
        (b"", "x.csv", "file-empty"),
        (b'NIP;Nama\n"abc\n', "x.csv", None),
    ):
        try:
            read_table(content, name, COLUMNS)
        except AppError as exc:
            assert exc.status == 422 and (code is None or exc.code == code), exc.code
        else:
            assert code is None


def test_a_workbook_with_a_broken_sheet_is_a_problem_not_a_crash():
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sample())) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            broken = item.filename == "xl/worksheets/sheet1.xml"
            zout.writestr(item, b'<worksheet><sheetData><row r="1"><c r="A1"' if broken else zin.read(item.filename))
    with pytest.raises(AppError) as err:
        read_table(out.getvalue(), "x.xlsx", COLUMNS)
    assert (err.value.status, err.value.code) == (422, "bad-file")


def test_accept_header_asks_for_xlsx_only_explicitly():
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert accepts_xlsx(xlsx) and accepts_xlsx(f"application/json;q=0.5, {xlsx}")
    assert accepts_xlsx(f"*/*, {xlsx}") and accepts_xlsx(f"{xlsx};q=0.8, application/json;q=0.8")
    assert not accepts_xlsx(None) and not accepts_xlsx("*/*") and not accepts_xlsx(f"{xlsx};q=0")
    assert not accepts_xlsx(f"application/json, {xlsx};q=0.5")


def test_charts_are_native_and_draw_the_cells_of_the_table_beside_them():
    """A chart an officer opens in Excel or LibreOffice draws the sheet's own cells: the series
    named by their header, the categories from the label column, over exactly the data rows."""
    cols = [
        Column("Kategori", kind=Kind.CODE),
        Column("Laki-laki", kind=Kind.INTEGER),
        Column("Perempuan", kind=Kind.INTEGER),
    ]
    rows = [["Sangat Tinggi", 3, 4], ["Tinggi", 5, 6], ["Sedang", 7, 8]]
    content = write_xlsx(
        [
            Sheet(
                "Kategori IPASN",
                cols,
                rows,
                charts=[
                    Chart("column", "Per kategori", 0, [1, 2], y_title="Pegawai"),
                    Chart("bar", "Piramida", 0, [1, 2], stacked=True),
                    Chart("bubble", "Kotak", 1, [2, 1]),
                ],
            ),
            Sheet("Kosong", cols, [], charts=[Chart("column", "Tanpa data", 0, [1])]),
        ]
    )
    found = charts(content)
    assert [(c.sheet, c.kind, c.title, c.stacked) for c in found] == [
        ("Kategori IPASN", "column", "Per kategori", False),
        ("Kategori IPASN", "bar", "Piramida", True),
        ("Kategori IPASN", "bubble", "Kotak", False),
    ]  # the empty sheet gets no chart over an empty range
    column = found[0]
    assert [s.values for s in column.series] == ["'Kategori IPASN'!$B$2:$B$4", "'Kategori IPASN'!$C$2:$C$4"]
    assert {s.categories for s in column.series} == {"'Kategori IPASN'!$A$2:$A$4"}
    assert [s.name for s in column.series] == ["'Kategori IPASN'!B1", "'Kategori IPASN'!C1"]
    bubble = found[2].series[0]
    assert (bubble.categories, bubble.values, bubble.sizes) == (
        "'Kategori IPASN'!$B$2:$B$4",
        "'Kategori IPASN'!$C$2:$C$4",
        "'Kategori IPASN'!$B$2:$B$4",
    )
    wb = load_workbook(io.BytesIO(content))
    assert [c.value for c in wb["Kategori IPASN"]["B"]][1:] == [3, 5, 7]  # the figures the chart draws


def test_a_ranking_reads_downwards_on_a_fixed_scale():
    """A ranking as horizontal bars: the first row (rank 1) at the top, and a percentage on its
    whole 0-100 scale, so 81 against 79 is not drawn as twice as long."""
    cols = [Column("Kandidat"), Column("JPM (%)", kind=Kind.DECIMAL)]
    content = write_xlsx(
        [
            Sheet(
                "Peringkat",
                cols,
                [["1. Ani", 81.0], ["2. Budi", 79.0]],
                charts=[Chart("bar", "JPM", 0, [1], first_on_top=True, y_min=0, y_max=100)],
            )
        ]
    )
    [found] = charts(content)
    assert (found.kind, found.first_on_top, found.y_range) == ("bar", True, (0, 100))
    assert [(s.values, s.categories) for s in found.series] == [("'Peringkat'!$B$2:$B$3", "'Peringkat'!$A$2:$A$3")]
    [plain] = charts(write_xlsx([Sheet("P", cols, [["1. Ani", 81.0]], charts=[Chart("bar", "JPM", 0, [1])])]))
    assert (plain.first_on_top, plain.y_range) == (False, (None, None))
