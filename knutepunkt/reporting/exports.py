"""Figures as CSV (one figure) and XLSX (every figure, one sheet each)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

from knutepunkt.reporting.figures import Figure

# Characters Excel refuses in a sheet name, and its length limit.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LENGTH = 31


def figure_csv(figure: Figure) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(column) for column in figure.columns])
    for row in figure.rows:
        writer.writerow([row.label, *(cell.export_value for cell in row.cells)])
    # The byte-order mark makes Excel read the file as UTF-8 (æ, ø, å, þ, ð).
    return ("\ufeff" + buffer.getvalue()).encode()


def figures_xlsx(figures: Sequence[Figure], *, heading: str) -> bytes:
    workbook = Workbook()
    first = True
    for figure in figures:
        sheet = workbook.active if first else workbook.create_sheet()
        assert sheet is not None
        first = False
        sheet.title = SHEET_NAME_FORBIDDEN.sub("", str(figure.title))[:SHEET_NAME_LENGTH]
        sheet.append([f"{figure.title} – {heading}"])
        sheet["A1"].font = Font(bold=True)
        sheet.append([str(column) for column in figure.columns])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in figure.rows:
            sheet.append([row.label, *(cell.export_value for cell in row.cells)])
        sheet.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
