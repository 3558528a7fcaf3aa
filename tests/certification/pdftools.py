"""poppler-utils and zbar, as the tests use them on certificate PDFs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def need(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: apt-get install {package}")
    return path


def fonts(pdf: Path) -> list[dict]:
    """`pdffonts` rows: name, type, emb (yes/no)."""
    output = subprocess.run(
        [need("pdffonts", "poppler-utils"), str(pdf)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rows = []
    for line in output.splitlines()[2:]:
        parts = line.split()
        # name type... encoding emb sub uni object-id generation
        rows.append({"name": parts[0], "line": line, "emb": parts[-5]})
    return rows


def text(pdf: Path) -> str:
    return subprocess.run(
        [need("pdftotext", "poppler-utils"), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def png(pdf: Path, dpi: int = 150) -> Path:
    prefix = pdf.with_suffix("")
    subprocess.run(
        [need("pdftoppm", "poppler-utils"), "-png", "-r", str(dpi), "-singlefile"]
        + [str(pdf), str(prefix)],
        check=True,
    )
    return prefix.with_suffix(".png")


def qr_codes(image: Path) -> list[str]:
    result = subprocess.run(
        [need("zbarimg", "zbar-tools"), "--quiet", "--raw", str(image)],
        capture_output=True,
        text=True,
    )
    return [line for line in result.stdout.splitlines() if line]
