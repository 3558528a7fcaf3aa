"""The people file's columns: the Chinese heading HR sees, and what else a
heading may say (an English export, a slightly different template)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    heading: str  # the template's and the export's heading
    aliases: tuple[str, ...] = ()


COLUMNS = (
    Column("employee_no", "工号", ("员工编号", "employee no", "employee_no")),
    Column("name", "姓名", ("名字", "name", "display_name")),
    Column("phone", "手机", ("手机号", "手机号码", "电话", "phone", "mobile")),
    Column("email", "邮箱", ("电子邮箱", "邮件", "email", "e-mail")),
    Column("team", "团队/店铺", ("团队", "店铺", "班组", "team", "store")),
    Column("cohort", "入职批次", ("批次", "cohort")),
    Column("hire_date", "入职日期", ("入职时间", "hire date", "hire_date")),
    Column("role", "角色", ("role",)),
)
HEADINGS = {column.key: column.heading for column in COLUMNS}
REQUIRED = ("employee_no", "name")


def normalise_heading(text: str) -> str:
    # Excel users write 团队／店铺 with a full-width slash, or pad with spaces.
    return "".join(str(text).split()).replace("／", "/").replace("_", "").casefold()


_BY_TEXT = {
    normalise_heading(text): column.key
    for column in COLUMNS
    for text in (column.heading, *column.aliases)
}


def column_key(heading: str) -> str | None:
    """The column a heading names, or None for a column the import ignores."""
    return _BY_TEXT.get(normalise_heading(heading))
