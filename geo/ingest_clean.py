"""Clean a plan's raw text: clean_text(raw) -> str (pure, deterministic; spans refer to its output).

The result is what every later stage works on: one paragraph per line ("\\n"-separated, no empty lines, no
trailing newline), Simplified Chinese, conversion debris removed, sentences that a page break split
rejoined, a reposted plan's news lead removed where it repeats the body. The steps are in clean_text's
docstring.
"""

from __future__ import annotations

import re

from geo.ingest_script import HAN, has_traditional, t2s, traditional_only

WRAP_MIN_LINES = 20  # hard-wrap detection needs this many lines of >= 10 cells
WRAP_MIN_SHARE = 0.5
WRAP_MAX_WIDTH = 120
WRAP_FULL = 0.9  # a line this close to the full width wraps on to the next
LEAD_MIN_COVERAGE = 0.5  # share of a lead paragraph's clause text found later in the document
LEAD_MIN_REPEATED = 20  # characters
LEAD_MAX_PARAGRAPHS = 60  # a news lead is looked for among the first paragraphs only


def _build_char_table() -> dict[int, str | None]:
    import unicodedata

    table: dict[int, str | None] = {}
    # full-width digits and Latin letters -> ASCII; ％ -> %. Full-width punctuation （）、。：；“” stays.
    for cp in (
        list(range(0xFF10, 0xFF1A)) + list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)) + [0xFF05]
    ):
        table[cp] = chr(cp - 0xFEE0)
    # spaces -> " "
    for cp in [0x00A0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B)]:
        table[cp] = " "
    # zero-width and invisible format characters -> removed
    for cp in [
        0x00AD,
        0x180E,
        0x200B,
        0x200C,
        0x200D,
        0x200E,
        0x200F,
        0x2060,
        0x2061,
        0x2062,
        0x2063,
        0x2064,
        0xFEFF,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]:
        table[cp] = None
    # control characters other than tab and newline -> removed (newline variants handled before)
    for cp in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]:
        table[cp] = None
    # Kangxi radicals and CJK compatibility ideographs (common PDF extraction artefacts: ⼀ for 一) -> unified
    for cp in [*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6), *range(0xF900, 0xFADA)]:
        ch = chr(cp)
        norm = unicodedata.normalize("NFKC", ch)
        if norm != ch and len(norm) == 1 and HAN.match(norm):
            table[cp] = norm
    # parenthesized and full-stop numbers used as list labels: ⑴ -> （1）, ⒈ -> 1.
    for i in range(20):
        table[0x2474 + i] = f"（{i + 1}）"
        table[0x2488 + i] = f"{i + 1}."
    return table


_CHAR_TABLE = _build_char_table()
# str.translate is slow on CJK text; a regex scan finds the few characters that need replacing.
_SPECIAL_CHARS = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_CHAR_TABLE)) + "]")


def _replace_special(match: re.Match) -> str:
    return _CHAR_TABLE[ord(match.group())] or ""


_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_DEBRIS = re.compile(
    r"\[(?:bookmark|anchor|footnoteRef|endnoteRef|commentRef|annotation)\s*:[^\]\n]*\]", re.IGNORECASE
)
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
# markdown at a line start: "# " headings, "* " / "+ " / "> " items and quotes, a run of 2+ stray "*".
# A single character glued to text ("#1机组", "+”工程" after a wrap) is text, not a marker.
_LINE_MARKERS = re.compile(r"^(?:(?:#{1,6}|[*+>])\s+|\*{2,}(?=[^*\s]))+")
_RULE_LINE = re.compile(r"^(?:[-*_=~#]\s*){3,}$|^\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*$")
_DASH_PAGE_NUMBER = re.compile(r"^[-—–－]+\s*\d{1,4}\s*[-—–－]+$")
_SPACES = re.compile(r" {2,}")
# Glosses a news site glues into words: pinyin after a character (`风(fēng)电`, tone marks required except for
# a few toneless particles) and stock-quote tickers after a company or sector word (`能源(850101)`,
# `新能源(HK1250)集团`).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_GLOSS = re.compile(
    rf"(?<=[\u4e00-\u9fff?_;])(?:[(（](?:[a-zü{_TONED}]*[{_TONED}][a-zü{_TONED}]*"
    r"|le|de|zhe|men|zi|me|ne|ma|ba|\d{6}|HK\d{4,5})[)）])+"
)

# Heading labels a paragraph can start with (the parser's heading grammar, loosely).
_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}\s*[、.．]"
    r"|[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]"
    r"|\d{1,3}\s*[.．、](?!\d)"
    r"|[（(]\s*\d{1,3}\s*[）)]"
    r"|[①-⑳]"
    r"|第[一二三四五六七八九十百零〇\d]{1,4}[章节条部篇]"
    r"|专栏|附件|附表|附录)"
)
_LEVEL1_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}\s*、")
# A line ending in one of these closes a sentence or clause; any other ending may be a page break.
_TERMINAL = frozenset("。！？；：…）)!?;:〕】」』")
_SENTENCE_PUNCT = re.compile(r"[，。；！？,;!?]")
_LIST_PUNCT = re.compile(r"[，。；！？、,;!?]")
_STRONG_STOP = re.compile(r"[。；！？;!?]")
_TITLE_MAX = 40
_HEADING_MAX = 60
_CONTINUATION_START = frozenset("，。、；：！？）》〕】」』”,.;:!?)%")
_DOC_TITLE_END = re.compile(r"(?:方案|规划|计划|意见|通知|决定|办法|纲要|要点|措施|行动|报告)\s*$")
_CLAUSE_SPLIT = re.compile(r"[，。；！？：,;!?:\n]")


def clean_text(raw: str) -> str:
    """Clean a plan's raw text. Pure and deterministic; clean_text(clean_text(x)) == clean_text(x).

    1. Newlines normalized (\\r\\n, \\r, U+2028/2029, form feed, vertical tab -> \\n).
    2. Characters: full-width digits/letters and ％ -> ASCII; ideographic space, nbsp and other spaces
       -> " "; zero-width and control characters removed; Kangxi radicals / compatibility ideographs
       -> the unified ideograph (⼀ -> 一); ⑴ -> （1）, ⒈ -> 1. Full-width punctuation （）、。：；“”． stays.
    3. Traditional -> Simplified (OpenCC t2s), only on lines containing a traditional-only character.
    4. Debris: `[bookmark: ...]` and similar conversion anchors, pinyin glosses and stock tickers glued into
       words (`风(fēng)电`, `能源(850101)`), markdown bold `**x**`, line-start `#`,
       `*`, `+`, `>` markers, horizontal rules, `— 3 —` page numbers; runs of spaces collapsed; lines
       stripped; empty lines dropped; later copies of a title-like first line (a PDF's running header) dropped.
    5. Hard-wrapped text (PDF extraction or a fixed-width .txt, detected from its line widths, see
       _hard_wrap_width): a full-width line is joined to the next unless that starts a heading or a table.
       Then page-break joins: a line that does not end with 。！？；：）〕… etc. is joined (without a space) to
       the next non-empty line unless either line is a table row (tab), the next line starts a heading
       (`一、` `（一）` `1.` `1．` `（1）` `①` `第X章` `专栏` `附件`), the line is a heading of its own
       (heading label, no 。；！？, <= 60 chars), the line is title-like (<= 40 chars without ，。；！？),
       or the next line is title-like (<= 40 chars without ，。；！？、). A line with an unclosed （ “ 《
       is joined to a next line that does not start a heading; a next line starting with punctuation
       such as ，。、） is joined unless the line ends a sentence.
    6. News lead: paragraphs before the document's first `一、` heading (or, without one, before its
       last title-like line ending in 方案/规划/通知/...) are dropped when at least half of their clause
       text (clauses of >= 6 characters, >= 20 characters in all) occurs again later in the text.
    """
    text = _SPECIAL_CHARS.sub(_replace_special, _NEWLINES.sub("\n", raw))
    trad = traditional_only()
    has_trad = has_traditional(text)
    lines = []
    for line in text.split("\n"):
        if has_trad and not trad.isdisjoint(line):
            line = t2s().convert(line)
        line = _clean_line(line)
        if line:
            lines.append(line)
    lines = _drop_running_headers(lines)
    full = _hard_wrap_width(lines)
    if full:
        lines = _unwrap(lines, full)
    paragraphs = _join_broken_lines(lines)
    paragraphs = _drop_repeated_lead(paragraphs)
    return "\n".join(paragraphs)


def _clean_line(line: str) -> str:
    if "[" in line:
        line = _DEBRIS.sub("", line)
    if "**" in line:
        line = _BOLD.sub(r"\1", line)
    if "(" in line or "（" in line:
        line = _GLOSS.sub("", line)
    line = line.strip()
    if not line:
        return ""
    if line[0] in "#*+>":
        if _RULE_LINE.match(line) or not line.strip("#*+> "):
            return ""
        line = _LINE_MARKERS.sub("", line).strip()
    elif line[0] in "-_=~|" and _RULE_LINE.match(line):
        return ""
    if line[0] in "-—–－" and _DASH_PAGE_NUMBER.match(line):
        return ""
    if "  " in line:
        line = _SPACES.sub(" ", line)
    return line


def _drop_running_headers(lines: list[str]) -> list[str]:
    """A PDF's running header, the document's title printed again at the top of each page, interrupts the
    sentence a page break splits: later copies of a title-like first line are dropped."""
    if not lines or not _is_title_like(lines[0]) or _HEADING_START.match(lines[0]):
        return lines
    return lines[:1] + [line for line in lines[1:] if line != lines[0]]


def _is_title_like(line: str) -> bool:
    return len(line) <= _TITLE_MAX and not _SENTENCE_PUNCT.search(line)


def _is_heading_only(line: str) -> bool:
    return len(line) <= _HEADING_MAX and bool(_HEADING_START.match(line)) and not _STRONG_STOP.search(line)


def _unclosed(line: str) -> bool:
    return (
        line.count("（") + line.count("(") > line.count("）") + line.count(")")
        or line.count("“") > line.count("”")
        or line.count("《") > line.count("》")
    )


def _joins(prev: str, nxt: str) -> bool:
    """Whether `nxt` continues `prev` across a hard line break (see clean_text, step 5)."""
    if "\t" in prev or "\t" in nxt:
        return False
    if nxt[0] in _CONTINUATION_START:
        return prev[-1] not in "。！？!?"
    if prev[-1] in _TERMINAL or _HEADING_START.match(nxt):
        return False
    if _unclosed(prev):
        return True
    if _is_heading_only(prev) or _is_title_like(prev):
        return False
    return not (len(nxt) <= _TITLE_MAX and not _LIST_PUNCT.search(nxt))


def _width(line: str) -> float:
    """Display width in CJK character cells (ASCII counts half)."""
    return len(line) - 0.5 * len(line.encode("ascii", "ignore"))


def _hard_wrap_width(lines: list[str]) -> float | None:
    """The line width of a hard-wrapped text (PDF extraction, fixed-width .txt), or None.

    A text is hard-wrapped when at least WRAP_MIN_SHARE of its lines (of >= 10 cells) are within
    85-105 % of the 90th-percentile width and that width is at most WRAP_MAX_WIDTH cells. The seeds, one
    paragraph per line, score 0.13-0.17; a wrapped text scores well above 0.5.
    """
    widths = sorted(w for w in map(_width, lines) if w >= 10)
    if len(widths) < WRAP_MIN_LINES:
        return None
    full = widths[int(0.9 * (len(widths) - 1))]
    if full > WRAP_MAX_WIDTH:
        return None
    share = sum(1 for w in widths if 0.85 * full <= w <= 1.05 * full) / len(widths)
    return full if share >= WRAP_MIN_SHARE else None


def _unwrap(lines: list[str], full: float) -> list[str]:
    """Join each full-width line (>= WRAP_FULL of `full`) to the next unless that starts a heading or a
    table row, or both are title-like (a long title followed by a document number)."""
    out: list[str] = []
    previous = ""
    for line in lines:
        if (
            _width(previous) >= WRAP_FULL * full
            and "\t" not in line
            and "\t" not in out[-1]
            and not _HEADING_START.match(line)
            and not (_is_title_like(previous) and _is_title_like(line))
        ):
            out[-1] += line
        else:
            out.append(line)
        previous = line
    return out


def _join_broken_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and _joins(out[-1], line):
            out[-1] += line
        else:
            out.append(line)
    return out


def _lead_end(paragraphs: list[str]) -> int:
    """Where a news lead can end at the latest: the first `一、` heading among the first paragraphs, else
    the last title-like line there that ends like a document title (方案, 规划, 通知 ...); 0 if neither."""
    last_title = 0
    for i, para in enumerate(paragraphs[:LEAD_MAX_PARAGRAPHS]):
        if _LEVEL1_HEADING.match(para):
            return i
        if len(para) <= _HEADING_MAX and not _SENTENCE_PUNCT.search(para) and _DOC_TITLE_END.search(para):
            last_title = i
    return last_title


def _drop_repeated_lead(paragraphs: list[str]) -> list[str]:
    """Drop paragraphs before the document's first heading whose clauses mostly occur again later.

    A paragraph goes when its clauses of >= 6 characters that occur again after it cover at least
    LEAD_MIN_COVERAGE of its clause text and at least LEAD_MIN_REPEATED characters. A 发文 notice, the
    addressee line or the preamble are not repeated later and stay (the seeds' addressee line, the closest
    case, scores 0.41 with 12 characters).
    """
    end = _lead_end(paragraphs)
    if end == 0:
        return paragraphs
    full = "\n".join(paragraphs)
    kept = []
    after = 0
    for para in paragraphs[:end]:
        after += len(para) + 1
        clauses = [c for c in (c.strip() for c in _CLAUSE_SPLIT.split(para)) if len(c) >= 6]
        total = sum(len(c) for c in clauses)
        found = sum(len(c) for c in clauses if full.find(c, after) != -1)
        if total and found >= LEAD_MIN_REPEATED and found >= LEAD_MIN_COVERAGE * total:
            continue
        kept.append(para)
    return kept + paragraphs[end:]
