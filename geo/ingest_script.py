"""Chinese script tables the readers share: what a Han character is, the common ones (to tell a right
decoding from mojibake), traditional-only characters and OpenCC's Traditional -> Simplified converter.

The tables are built lazily, once per process (OpenCC's dictionary as shipped with
opencc-python-reimplemented, and Python's GB2312 codec).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


@cache
def common_han() -> frozenset[str]:
    """GB2312 level-1 characters (the 3,755 most common) plus traditional forms of all GB2312 characters."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            ch = bytes((lead, trail)).decode("gb2312", errors="ignore")
            if ch:
                chars.add(ch)
    level1 = {ch for ch in chars if ch.encode("gb2312")[0] < 0xD8}
    common = set(level1)
    for trad, simps in _ts_characters():
        if any(s in chars for s in simps):
            common.add(trad)
    return frozenset(common)


@cache
def _ts_characters() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """OpenCC's traditional -> simplified character table, as shipped with opencc-python-reimplemented."""
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            trad, simps = line.split("\t", 1)
            rows.append((trad, tuple(simps.split())))
    return tuple(rows)


@cache
def traditional_only() -> frozenset[str]:
    """Characters that only occur in traditional script (never a simplified form themselves)."""
    rows = _ts_characters()
    simplified = {s for _, simps in rows for s in simps}
    return frozenset(trad for trad, _ in rows if trad not in simplified)


@cache
def t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


_CHAR_REF = re.compile(rb"&#(\d+);")


def has_traditional(text: str) -> bool:
    """Whether `text` has a traditional-only character. Fast path: encoding to GB2312 runs at C speed and
    leaves only the few characters outside GB2312 to look at; the handful of traditional-only characters
    that GB2312 does hold (後, 摺 ...) are searched for directly."""
    trad, in_gb2312 = traditional_only(), _traditional_in_gb2312()
    outside = _CHAR_REF.findall(text.encode("gb2312", errors="xmlcharrefreplace"))
    return any(chr(int(cp)) in trad for cp in set(outside)) or any(ch in text for ch in in_gb2312)


@cache
def _traditional_in_gb2312() -> tuple[str, ...]:
    found = []
    for ch in sorted(traditional_only()):
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        found.append(ch)
    return tuple(found)
