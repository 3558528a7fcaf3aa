"""The demo accounts printed by `lms quickstart` line up in a terminal, where
each Chinese character takes two columns."""

from django.core.management import call_command

from lms.core.terminal import display_width, table


def test_chinese_characters_take_two_columns():
    assert display_width("hr") == 2
    assert display_width("培训师") == 6
    assert display_width("管理员 admin") == 12
    assert display_width("（已修改）") == 10


def test_a_table_with_chinese_lines_up():
    lines = table([("用户名", "角色", "x"), ("trainer", "培训师", "y")])
    assert [
        display_width(line[: line.index(end)])
        for line, end in zip(lines, "xy", strict=True)
    ] == [17, 17]


def test_quickstart_prints_the_accounts_in_straight_columns(
    db, settings, tmp_path, capsys
):
    settings.VAR_DIR = tmp_path
    call_command("quickstart", "--no-serve")
    out = capsys.readouterr().out.splitlines()
    start = next(i for i, line in enumerate(out) if "用户名 username" in line)
    header, *rows = out[start : start + 5]
    assert [row.split()[0] for row in rows] == ["learner", "trainer", "hr", "admin"]

    def column(line: str, text: str) -> int:
        return display_width(line[: line.index(text)])

    role_at, password_at = column(header, "角色"), column(header, "密码")
    for row in rows:
        _username, role, *rest = row.split()
        assert column(row, role) == role_at, row
        assert column(row, rest[-1]) == password_at, row
