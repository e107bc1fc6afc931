"""The Lewisham letter, and the ways real letters differ from it, for the reader's tests."""

import io
from pathlib import Path

from weasyprint import HTML

LETTER = Path(__file__).parent.parent / "fixtures" / "lewisham-jtai-letter-2023-01-31.txt"


def letter_text() -> str:
    return LETTER.read_text()


def letter_pdf(text: str | None = None) -> bytes:
    """The letter as a PDF of several pages, with a running header and "Page N of M"."""
    text = text or letter_text()
    paragraphs = "".join(
        f"<p>{line.replace('&', '&amp;').replace('<', '&lt;')}</p>"
        for line in text.splitlines()
        if line.strip()
    )
    html = f"""<html><head><style>
      @page {{ size: A4; margin: 25mm 20mm;
        @top-center {{ content: "OFFICIAL: Joint targeted area inspection of Lewisham"; }}
        @bottom-center {{ content: "Page " counter(page) " of " counter(pages); }} }}
      body {{ font: 11pt sans-serif; }} p {{ margin: 0 0 6pt; }}
    </style></head><body>{paragraphs}</body></html>"""
    return HTML(string=html).write_pdf()


def encrypted(pdf: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt("a-password")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def scanned() -> bytes:
    """A PDF with pages and no text, as a scanner makes."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
