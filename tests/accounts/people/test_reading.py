"""Reading people files: encodings Excel in China writes, XLSX, headings."""

from datetime import date, datetime

import pytest

from lms.accounts.people.reading import PeopleFileError, read_table

from .helpers import HEADER, csv_bytes, person, xlsx_bytes

ROWS = [
    person("KF001", "林晓雨", phone="13800138000", team="客服一组", hired="2026-11-02")
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_utf8_with_or_without_bom_and_in_gbk_reads_the_same(encoding):
    table = read_table(csv_bytes(ROWS, encoding=encoding), "new.csv")
    assert table.rows[0]["name"] == "林晓雨"
    assert table.rows[0]["team"] == "客服一组"
    assert table.numbers == [2]


def test_gbk_file_with_a_rare_name_character_reads_as_gb18030():
    rows = [person("KF002", "王喆䶮")]  # 䶮 is outside GBK, inside GB18030
    table = read_table(csv_bytes(rows, encoding="gb18030"), "new.csv")
    assert table.rows[0]["name"] == "王喆䶮"


def test_text_that_is_neither_utf8_nor_gbk_is_refused_with_a_clear_message():
    with pytest.raises(PeopleFileError, match="UTF-8|GBK"):
        read_table("工号,姓名\n".encode() + b"\xff\xfe\xfd\n", "bad.csv")


def test_xlsx_numbers_and_dates_become_text_and_dates():
    rows = [
        [
            "KF003",
            "陈思远",
            13800138000,
            None,
            "客服二组",
            "",
            datetime(2026, 11, 2),
            "学员",
        ]
    ]
    table = read_table(xlsx_bytes(rows), "new.xlsx")
    row = table.rows[0]
    assert row["phone"] == "13800138000"
    assert row["hire_date"] == date(2026, 11, 2)
    assert row["email"] == ""


def test_tab_separated_text_and_english_headings_are_understood():
    header = [
        "Employee No",
        "Name",
        "Phone",
        "E-mail",
        "Team",
        "Cohort",
        "Hire date",
        "Role",
    ]
    data = csv_bytes(ROWS, header=header, delimiter="\t")
    table = read_table(data, "new.txt")
    assert table.rows[0]["employee_no"] == "KF001"
    assert set(table.columns) == {
        "employee_no",
        "name",
        "phone",
        "email",
        "team",
        "cohort",
        "hire_date",
        "role",
    }


def test_blank_rows_are_skipped_but_row_numbers_stay_those_of_the_sheet():
    data = csv_bytes([ROWS[0], [""] * 8, person("KF009", "安然")])
    table = read_table(data, "new.csv")
    assert table.numbers == [2, 4]


def test_unknown_columns_are_ignored_and_reported():
    data = csv_bytes([["KF001", "林晓雨", "备注"]], header=["工号", "姓名", "备注"])
    table = read_table(data, "new.csv")
    assert table.ignored == ["备注"]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (csv_bytes([["林晓雨"]], header=["姓名"]), "a.csv", "工号"),
        (b"", "a.csv", "empty"),
        (b"\xd0\xcf\x11\xe0 old excel", "a.xls", "xlsx"),
        (b"PK\x03\x04 not really a zip", "a.xlsx", "XLSX"),
        (csv_bytes([], header=["工号", "姓名", "工号"]), "a.csv", "twice"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(data, name, message):
    with pytest.raises(PeopleFileError, match=message):
        read_table(data, name)


def test_our_exports_formula_guard_is_undone_on_the_way_back_in():
    data = csv_bytes([["KF001", "'=林晓雨"]], header=HEADER[:2])
    assert read_table(data, "a.csv").rows[0]["name"] == "=林晓雨"
