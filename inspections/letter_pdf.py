"""A letter's text from its PDF, read by the position of every word, whatever made the PDF.

Word, LibreOffice, Chromium and WeasyPrint each write a letter differently: a bullet may be
a character, a character of a symbol font, a drawn dot, or a number, and text extraction in
reading order puts it apart from its item or out of order. Running headers, footers, page
numbers and Ofsted's address block come between the lines of every page. So lines are
rebuilt from the words' positions on the page, a marker at the left of a line belongs to
that line, and a line that stands at the same place on most pages is the page's furniture,
whatever it says.

The text handed on has one line a printed line, "• " before each list item, a blank line
between paragraphs, and a form feed between pages (the reader counts them to say on which
page a finding was found). A paragraph or item broken by a page break runs on without one.
"""

import io
import re
from dataclasses import dataclass

import pdfplumber

PAGE_BREAK = "\f"
# Characters a list marker is made of, in the fonts producers use: Word's Symbol bullet
# arrives as a private-use character.
MARKER = re.compile(
    r"^(?:[•■▪●◦‣∙·○□➢✓*\-–—\uf0a7\uf0b7\uf0d8\uf0fc]|[\ue000-\uf8ff]|\d{1,2}[.)]"
    r"|[a-z][.)]|\(\w{1,3}\))$"
)
# A drawn marker (Chromium's list discs) is a small shape left of its line.
MAX_DRAWN_MARKER = 9  # points, either side
LIGATURES = {"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "\u00ad": "", "\u2011": "-"}
SENTENCE_END = re.compile(r"[.!?:;][\"'’”)]*$")


@dataclass
class PrintedLine:
    page: int
    top: float
    bottom: float
    x0: float  # where the text starts, after any marker
    text: str
    marker: bool = False
    marker_x0: float | None = None  # where its marker starts, when it has one

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def pdf_pages(content: bytes) -> list[list[PrintedLine]]:
    """Every page's printed lines, top to bottom, markers joined to their lines."""
    pages = []
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            words = page.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False)
            drawn = [
                shape
                for shape in page.curves + page.rects
                if 1 <= shape["width"] <= MAX_DRAWN_MARKER
                and 1 <= shape["height"] <= MAX_DRAWN_MARKER
                and shape.get("fill")
            ]
            pages.append(_lines(number, words, drawn))
    return pages


def _lines(page: int, words: list[dict], drawn: list[dict]) -> list[PrintedLine]:
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: ((w["top"] + w["bottom"]) / 2, w["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        row = rows[-1] if rows else None
        if row is not None:
            row_middle = sum((w["top"] + w["bottom"]) / 2 for w in row) / len(row)
            height = max(w["bottom"] - w["top"] for w in row + [word])
            if abs(middle - row_middle) <= height * 0.45:
                row.append(word)
                continue
        rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        marker, marker_x0 = False, None
        if len(row) > 1 and MARKER.match(row[0]["text"]):
            marker, marker_x0, row = True, row[0]["x0"], row[1:]
        line = PrintedLine(
            page=page,
            top=min(w["top"] for w in row),
            bottom=max(w["bottom"] for w in row),
            x0=row[0]["x0"],
            text=_clean(" ".join(w["text"] for w in row)),
            marker=marker,
            marker_x0=marker_x0,
        )
        if not marker:
            beside = [
                shape
                for shape in drawn
                if shape["x1"] <= line.x0 + 1
                and shape["x0"] >= line.x0 - 36
                and line.top <= (shape["top"] + shape["bottom"]) / 2 <= line.bottom
            ]
            if beside:
                line.marker, line.marker_x0 = True, beside[0]["x0"]
        lines.append(line)
    return _markers_on_their_own(lines)


def _markers_on_their_own(lines: list[PrintedLine]) -> list[PrintedLine]:
    """A marker set a little higher or lower than its item makes a line of its own: it
    belongs to the line beside it."""
    kept: list[PrintedLine] = []
    for line in lines:
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and MARKER.match(previous.text)
            and not previous.marker
            and line.top - previous.top < max(previous.height, line.height)
            and line.x0 > previous.x0
        ):
            line.marker, line.marker_x0 = True, previous.x0
            kept[-1] = line
            continue
        kept.append(line)
    return kept


def _clean(text: str) -> str:
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    return text.replace("\u00a0", " ")


def drop_running_lines(pages: list[list[PrintedLine]]) -> list[list[PrintedLine]]:
    """Headers, footers, page numbers and address blocks: lines that stand at the same
    place on most pages, their numbers aside."""
    if len(pages) < 2:
        return pages

    def shape(line: PrintedLine) -> str:
        return re.sub(r"\d+", "#", line.text)

    def repeats(line: PrintedLine) -> bool:
        seen_on = sum(
            any(shape(other) == shape(line) and abs(other.top - line.top) <= 4 for other in page)
            for page in pages
        )
        return seen_on >= 2 and seen_on * 2 >= len(pages)

    return [[line for line in page if not repeats(line)] for page in pages]


def text_of_pages(pages: list[list[PrintedLine]]) -> str:
    """The printed lines as the reader takes them: markers as "• ", blank lines between
    paragraphs, a form feed between pages, and no break where a page break cut a
    paragraph or an item short."""
    out: list[str] = []
    previous: PrintedLine | None = None
    item_x: float | None = None  # where the current item's lines may start
    for number, page in enumerate(pages):
        if number:
            out.append(PAGE_BREAK)
        for index, line in enumerate(page):
            if previous is not None:
                if index == 0:
                    carries_on = (
                        not line.marker
                        and not SENTENCE_END.search(previous.text)
                        and (item_x is None or line.x0 >= item_x - 3)
                    ) or (not line.marker and line.text[:1].islower())
                    new_paragraph = not carries_on
                else:
                    gap = line.top - previous.bottom
                    new_paragraph = gap > 0.5 * max(line.height, previous.height)
                    if item_x is not None and not line.marker and line.x0 < item_x - 3:
                        new_paragraph = True  # the list has ended
                if new_paragraph:
                    out.append("")
                if new_paragraph and not line.marker:
                    item_x = None
            if line.marker:
                item_x = min(line.x0, line.marker_x0 or line.x0)
                out.append(f"• {line.text}")
            else:
                out.append(line.text)
            previous = line
    text = "\n".join(out)
    # A page break joined by a blank line reads as the end of a paragraph.
    return text.replace(f"\n{PAGE_BREAK}\n\n", f"\n\n{PAGE_BREAK}\n")
