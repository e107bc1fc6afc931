"""A letter's pasted text, as the reader needs it: without the lines its pages repeat, with
words a line break cut whole again, and its lists cut into their items.

Text copied out of a PDF viewer (poppler's pdftotext, or a viewer built on it) keeps a form
feed between pages, and with it each page's running footer, page number and Ofsted's
address block, which land among the findings. Its list markers come apart from their
items: on lines of their own, often all of a page's markers together before its first
item; and Chromium's drawn markers do not come at all. Text typed or pasted from a web
page has "• " before each item, one item a line or wrapped, and no form feeds.
A viewer's select-all and copy can give the first kind without its form feeds: its pages are
found again where their numbers count up.
"""

import bisect
import re
import statistics

from inspections.letter_pdf import MARKER, PAGE_BREAK, SENTENCE_END

BULLET = re.compile(
    r"^\s*(?:[•■▪●◦‣∙·○□➢✓*\-–—\uf0a7\uf0b7\uf0d8\uf0fc]|[\ue000-\uf8ff]|\d{1,2}[.)])\s+"
)
# Words that keep their hyphen when a line breaks after it ("multi-" + "agency").
HYPHEN_PREFIXES = {
    "multi", "pre", "post", "non", "co", "cross", "inter", "sub", "self", "well", "long",
    "short", "re", "anti", "under", "over", "out", "front", "child", "single", "extra",
    "intra", "semi", "out-of", "face", "age", "high", "low", "early", "on", "off", "step",
}  # fmt: skip
# A page's number on a line of its own: "4", "Page 4", "4 of 12", "- 4 -".
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:page\s+)?(\d{1,3})(?:\s+of\s+\d{1,3})?(?:\s*[-–—])?\s*$", re.IGNORECASE
)
# A page's number at the end of its running footer's line, as a layout copy keeps them
# ("Joint targeted area inspection: Lewisham          4").
FOOTER_NUMBER = re.compile(r"^(?P<words>.*\S)\s+(?P<number>\d{1,3})\s*$")
# A line that repeats at page breaks is looked for among each page's first and last lines
# (the address block is six, and lone list markers may come before it).
PAGE_EDGE_LINES = 8


def is_lone_marker(line: str) -> bool:
    return bool(MARKER.match(line.strip()))


def _shape(line: str) -> str:
    """A line as it repeats from page to page: its spacing and its numbers aside."""
    return re.sub(r"\d+", "#", " ".join(line.split()))


def _page_numbers(lines: list[str]) -> dict[int, int]:
    """The lines that may carry a page's number, by index, with the number: a number on a
    line of its own, or at the end of a line whose words recur with other numbers (a
    running footer keeping its number on its line). Which of them are the pages' is
    restore_page_breaks' to decide."""
    found: dict[int, int] = {}
    footers: dict[str, dict[int, int]] = {}
    for index, line in enumerate(lines):
        if alone := PAGE_NUMBER.match(line):
            found[index] = int(alone[1])
        elif (ending := FOOTER_NUMBER.match(line)) and not is_lone_marker(line):
            footers.setdefault(_shape(ending["words"]), {})[index] = int(ending["number"])
    for numbered in footers.values():
        if len(set(numbered.values())) >= 2:
            found.update(numbered)
    return dict(sorted(found.items()))


def restore_page_breaks(text: str) -> str:
    """Puts a form feed back between the pages of text copied without them (a viewer's
    select-all and copy), so that the lines each page repeats can be dropped as they are
    between form feeds.

    A page ends at its number, on a line of its own or at the end of its running footer's
    line (_page_numbers): the numbers that count up one by one (1, 2, 3 ...) through the
    text. A number of the letter's own on a line by itself
    ("12" of "within\n12\nhours", or a list's "2." marker, which is not a page number)
    rarely continues that count; where it could, the page's number is the one with the
    lines the other pages' numbers have in the same places beside them (the running footer
    just above, the address block below). Numbers with no such lines beside them are not
    taken for pages: with no furniture around them there is nothing to drop, and a count of
    lone numbers alone is too weak a sign to cut the letter at. A page numbered at its top
    starts at its number."""
    if PAGE_BREAK in text:
        return text
    lines = text.split("\n")
    numbered = _page_numbers(lines)
    numbers = list(numbered.items())
    if len(numbers) < 2:
        return text
    printed = [
        index
        for index, line in enumerate(lines)
        if line.strip() and not is_lone_marker(line) and index not in numbered
    ]

    def beside(index: int) -> set[tuple[int, str]]:
        """The lines either side of a number, each with its place from it: -1 just above."""
        at = bisect.bisect_left(printed, index)
        return {
            (line - at, _shape(lines[printed[line]]))
            for line in range(max(at - PAGE_EDGE_LINES, 0), min(at + PAGE_EDGE_LINES, len(printed)))
        }

    neighbours = {index: beside(index) for index, _ in numbers}
    # A running line is in the same place beside every page's number: the footer just above
    # it, the address block below.
    beside_numbers: dict[tuple[int, str], set[int]] = {}
    for index, number in numbers:
        for placed in neighbours[index]:
            beside_numbers.setdefault(placed, set()).add(number)

    def support(index: int, number: int) -> int:
        """How many of the lines beside this number are where they are beside another."""
        return sum(1 for placed in neighbours[index] if beside_numbers[placed] - {number})

    # The longest count of pages and, of counts as long, the best supported. In the text's
    # order, each number's best count ending at it follows the best count so far ending at
    # the number before it.
    best: dict[int, tuple[int, int, int | None]] = {}  # line: length, support, line before
    best_so_far: dict[int, int] = {}  # page number: the line ending its best count so far
    for index, number in numbers:
        own = support(index, number)
        earlier = best_so_far.get(number - 1)
        if earlier is None:
            best[index] = (1, own, None)
        else:
            length, total, _ = best[earlier]
            best[index] = (length + 1, total + own, earlier)
        if number not in best_so_far or best[index][:2] > best[best_so_far[number]][:2]:
            best_so_far[number] = index
    last = max(best, key=lambda index: best[index][:2])
    length, total, _ = best[last]
    if length < 2 or not total:
        return text
    pages: list[int] = []
    at: int | None = last
    while at is not None:
        pages.insert(0, at)
        at = best[at][2]
    # Numbers at the foot of pages leave less after the last of them than before the first.
    at_foot = len(printed) - bisect.bisect_right(printed, pages[-1]) <= bisect.bisect_left(
        printed, pages[0]
    )
    written = [index for index, line in enumerate(lines) if line.strip()]
    starts = set()
    for page in pages:
        if not at_foot:
            if bisect.bisect_left(written, page):
                starts.add(page)
            continue
        # pdftotext's form feed comes before the next page's first line.
        following = bisect.bisect_right(written, page)
        if following < len(written):
            starts.add(written[following])
    return "\n".join(
        f"{PAGE_BREAK}{line}" if index in starts else line for index, line in enumerate(lines)
    )


def drop_page_furniture(text: str) -> str:
    """Drops the lines that repeat at the top or bottom of most pages (between form feeds):
    the running footer, page numbers and the address block, recognised by repeating, never
    by their words. A line is only ever dropped where it repeats, at a page's edge: the
    same words in the middle of a page are the letter's own."""
    pages = [page.split("\n") for page in text.split(PAGE_BREAK)]
    printed = [page for page in pages if any(line.strip() for line in page)]
    if len(printed) < 2:
        return text

    def edges(page: list[str]) -> set[int]:
        lines = [i for i, line in enumerate(page) if line.strip() and not is_lone_marker(line)]
        return set(lines[:PAGE_EDGE_LINES] + lines[-PAGE_EDGE_LINES:])

    page_edges = [edges(page) for page in pages]
    seen_on: dict[str, int] = {}
    for page, edge in zip(pages, page_edges, strict=True):
        for found in {_shape(page[i]) for i in edge}:
            seen_on[found] = seen_on.get(found, 0) + 1
    running = {
        found for found, count in seen_on.items() if count >= 2 and count * 2 >= len(printed)
    }
    return PAGE_BREAK.join(
        "\n".join(
            line for i, line in enumerate(page) if not (i in edge and _shape(line) in running)
        )
        for page, edge in zip(pages, page_edges, strict=True)
    )


def restore_joined_hyphens(text: str, compounds: frozenset[str]) -> str:
    """pdftotext joins a line that ends in a hyphen to the next, and drops the hyphen:
    "multi-" + "agency safeguarding hub" becomes one line about twice as long as the
    others, reading "multiagency". In such a line, a word the letter writes hyphenated
    elsewhere gets its hyphen back. Only text with page breaks comes from such a tool; a
    line of ordinary length keeps its words as written ("although multiagency
    attendance" is the letter's own)."""
    if PAGE_BREAK not in text:
        return text
    lengths = [len(line.strip()) for line in text.split("\n") if len(line.strip()) > 40]
    if not lengths:
        return text
    width = statistics.median(lengths)
    joined = {compound.replace("-", ""): compound for compound in compounds}

    def hyphenate(found: re.Match[str]) -> str:
        word: str = found[0]
        compound = joined.get(word.lower())
        if compound is None:
            return word
        cut = compound.index("-")
        return f"{word[:cut]}-{word[cut:]}"

    def restore(line: str) -> str:
        if len(line.strip()) < width * 1.4:
            return line
        return re.sub(r"\b\w+\b", hyphenate, line)

    return "\n".join(restore(line) for line in text.split("\n"))


def unwrap(text: str, compounds: frozenset[str] = frozenset()) -> str:
    """Joins words a line break hyphenated: "assess- ment" is one word, but "multi- agency"
    keeps its hyphen, as does any compound the letter writes whole elsewhere
    ("information-sharing"), and "short- and long-term" stays as written."""

    def join(found: re.Match[str]) -> str:
        word, following = found[1], found[2]
        if following in ("and", "or", "to"):
            return str(found[0])
        hyphenated = f"{word}-{following}".lower()
        keep = word.lower() in HYPHEN_PREFIXES or hyphenated in compounds
        return f"{word}-{following}" if keep else f"{word}{following}"

    text = re.sub(r"\b(\w+)- ([a-z]\w*)", join, text)
    return " ".join(text.split())


def compounds_of(text: str) -> frozenset[str]:
    """Hyphenated words the letter writes whole on one line somewhere."""
    return frozenset(word.lower() for word in re.findall(r"\b\w+-\w+\b", text))


def _ends_a_sentence(line: str) -> bool:
    return bool(SENTENCE_END.search(line.strip()))


def _runs_on(line: str) -> bool:
    """A line starting in lower case carries on the sentence before it."""
    return line.strip()[:1].islower()


def list_items(lines: list[str], compounds: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """The list's items, each whole (wrapped lines joined, page breaks ignored), with the
    index of the line each starts on.

    An item starts at its marker: on its line ("• The length of time ..."), or on a line of
    its own, when it starts the text that follows. Markers on lines of their own often come
    together, a page's markers before the page's first item: so many markers, so many items
    in the text after them, each ending where a sentence ends a line (the shortest such
    lines, when there are more of them than markers). A list with no markers at all (a
    browser's drawn bullets do not copy) has an item for each sentence ending a line.
    Text before the first marker is an introduction, not an item."""
    items: list[tuple[int, list[str]]] = []
    marked = any(BULLET.match(line) or is_lone_marker(line) for line in lines)
    pending = 0 if marked else len(lines)  # markers whose items have not started yet
    block: list[tuple[int, str]] = []  # the text after lone markers, not yet cut into items
    continuing = False

    def cut_block() -> None:
        nonlocal pending
        rest = list(block)
        block.clear()
        # What a page break cut short runs on, before the page's first item.
        if items and rest and _runs_on(rest[0][1]) and not _ends_a_sentence(items[-1][1][-1]):
            while rest:
                index, line = rest.pop(0)
                items[-1][1].append(line)
                if _ends_a_sentence(line):
                    break
        ends = [
            position
            for position, (_, line) in enumerate(rest[:-1])
            if _ends_a_sentence(line) and not _runs_on(rest[position + 1][1])
        ]
        if len(ends) >= pending:
            ends = sorted(sorted(ends, key=lambda at: len(rest[at][1].strip()))[: pending - 1])
        starts = [0] + [position + 1 for position in ends]
        for start, end in zip(starts, starts[1:] + [len(rest)], strict=True):
            if start < end:
                items.append((rest[start][0], [line for _, line in rest[start:end]]))
                pending -= 1
        pending = max(pending, 0)

    for index, line in enumerate(lines):
        if not line.strip():
            # A blank line after a sentence ends the text under lone markers; inside a
            # sentence it is a page break, and the item runs on after it.
            if block and _ends_a_sentence(block[-1][1]):
                cut_block()
            # A wrapped item runs on without a blank line; after one, only a new marker
            # continues the list, or a line running on from an item a page break cut short.
            continuing = False
            continue
        bullet = BULLET.match(line)
        if bullet or is_lone_marker(line):
            if block:
                cut_block()
            if bullet:
                pending = 0
                items.append((index, [line[bullet.end() :].strip()]))
                continuing = True
            else:
                pending += 1
                continuing = False
        elif pending or block:
            block.append((index, line.strip()))
        elif items and (continuing or (_runs_on(line) and not _ends_a_sentence(items[-1][1][-1]))):
            items[-1][1].append(line.strip())
            continuing = True
    if block:
        cut_block()
    found = [(index, unwrap(" ".join(parts), compounds)) for index, parts in items]
    if not marked:
        # An unmarked list's introduction ("The partnership should:") is not an item.
        found = [(index, item) for index, item in found if not item.endswith(":")]
    return found
