"""Write the worksheets (``backedu.views.worksheets``) to a folder, and print each to PDF through
a headless Chromium (``backedu.printing.chromium``)."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from backedu.content import Course
from backedu.errors import WorksheetError
from backedu.logic.region import Region
from backedu.printing.chromium import HEADLESS_FLAGS, find_chromium
from backedu.views.worksheets import all_sheets

PDF_TIMEOUT = 120  # seconds for Chromium to print one sheet

# --- writing and printing -------------------------------------------------------------------------
# Printing also wants no extensions and no date or URL in the page margins.
CHROMIUM_FLAGS = (*HEADLESS_FLAGS, "--disable-extensions", "--no-pdf-header-footer")


def print_pdf(html_file: Path, pdf_file: Path, *, chromium: str) -> None:
    """Print one HTML file to PDF with a headless Chromium (A4, from the page's print CSS)."""
    with tempfile.TemporaryDirectory(prefix="backedu-chromium-") as profile:
        command = [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf_file}",
            html_file.resolve().as_uri(),
        ]
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=PDF_TIMEOUT, check=False
            )
        except FileNotFoundError:
            raise WorksheetError(
                f"cannot run the browser {chromium!r} to make PDFs: it does not exist. Set "
                "BACKEDU_CHROMIUM=/path/to/chrome, or pass --no-pdf for HTML only"
            ) from None
        except subprocess.TimeoutExpired:
            raise WorksheetError(
                f"{chromium} took more than {PDF_TIMEOUT} s to print {html_file.name}"
            ) from None
    if not pdf_file.is_file() or not pdf_file.read_bytes().startswith(b"%PDF"):
        tail = "\n".join(result.stderr.strip().splitlines()[-5:])
        raise WorksheetError(
            f"{chromium} did not print {html_file.name} to PDF (exit {result.returncode}): {tail}"
        )


def build_worksheets(
    out: Path | str,
    *,
    pdf: bool = True,
    content: Course | None = None,
    region: Region | None = None,
    chromium: str | None = None,
) -> list[Path]:
    """Write every sheet as HTML (and PDF unless ``pdf=False``) into ``out``; return the paths."""
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise WorksheetError(f"--out {folder}: that is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorksheetError(
            f"--out {folder}: cannot create the folder ({exc.strerror or exc})"
        ) from exc
    sheets = all_sheets(content, region=region)
    written: list[Path] = []
    for sheet in sheets:
        path = folder / f"{sheet.name}.html"
        path.write_text(sheet.html, encoding="utf-8")
        written.append(path)
    if not pdf:
        return written
    browser = chromium or find_chromium()
    if browser is None:
        raise WorksheetError(
            f"the HTML sheets are in {folder}, but no Chromium or Chrome was found to make PDFs. "
            "Install chromium (sudo apt-get install chromium), set BACKEDU_CHROMIUM=/path/to/"
            "chrome, or pass --no-pdf and print the HTML from any browser"
        )
    for sheet in sheets:
        pdf_path = folder / f"{sheet.name}.pdf"
        print_pdf(folder / f"{sheet.name}.html", pdf_path, chromium=browser)
        written.append(pdf_path)
    return written
