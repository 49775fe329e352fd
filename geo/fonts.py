"""The CJK font for static maps and PDF pages, shipped by a registry package the project depends on.

The font is Noto Sans SC (SIL Open Font License 1.1) from the PyPI package ``pylopdf-fonts-zh-cn``
(a data-only wheel: the Simplified-Chinese subset OTFs of notofonts/noto-cjk), so ``pip install -e .`` is
all a machine needs: no system font, no network. ``GEO_CJK_FONT=/path/to/font.ttf`` overrides it.

Embedding: Noto Sans SC has CFF (PostScript) outlines. matplotlib's ``pdf.fonttype = 42`` writes CFF data
under a TrueType font descriptor (``FontFile2``), which PDF readers reject ("Mismatch between font type
and embedded font file" in poppler), so for CFF fonts the PDF uses ``pdf.fonttype = 3``: the used glyphs
are embedded as Type 3 procedures with a ToUnicode map, so the text stays searchable and copyable
(``pdftotext`` returns the Chinese) and ``pdffonts`` lists the font as embedded. A TrueType-outline font
given through ``GEO_CJK_FONT`` is embedded as Type 42.
"""

from __future__ import annotations

import functools
import os
import unicodedata
from pathlib import Path

from geo.cli import UserError

ENV_VAR = "GEO_CJK_FONT"
FONT_PACKAGE = "pylopdf-fonts-zh-cn"
LATIN_FALLBACK = "DejaVu Sans"  # ships with matplotlib; per-glyph fallback for anything the CJK font lacks


def cjk_font_path() -> Path:
    """Path of the CJK font file; a UserError that says how to install it when it is missing."""
    return _font_path(os.environ.get(ENV_VAR) or None)


@functools.lru_cache(maxsize=4)
def _font_path(override: str | None) -> Path:
    if override:
        path = Path(override)
        if not path.is_file():
            raise UserError(f"{ENV_VAR}={override}: no such font file")
        return path
    try:
        import pylopdf_fonts_zh_cn
    except ImportError:
        raise UserError(
            f"the CJK font package {FONT_PACKAGE} is not installed: run `pip install -e .` "
            f"(or `pip install {FONT_PACKAGE}`), or set {ENV_VAR} to a .ttf/.otf font with Chinese glyphs"
        ) from None
    path = Path(pylopdf_fonts_zh_cn.sans_path())
    if not path.is_file():
        raise UserError(f"the CJK font file {path} is missing: reinstall {FONT_PACKAGE}")
    return path


@functools.lru_cache(maxsize=4)
def _register(path: str) -> tuple[str, bool]:
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    font_manager.fontManager.addfont(path)
    name = font_manager.FontProperties(fname=path).get_name()
    with open(path, "rb") as fh:
        head = fh.read(4)
    truetype = head in (b"\x00\x01\x00\x00", b"true")  # 'OTTO' = CFF outlines; TTC not supported here
    FT2Font(path)  # fails early on an unreadable file
    return name, truetype


def cjk_font_name() -> str:
    """Register the font with matplotlib and return its family name ("Noto Sans SC")."""
    return _register(str(cjk_font_path()))[0]


def matplotlib_rc() -> dict:
    """rcParams for CJK pages: the font family (CJK first, Latin fallback) and the PDF font type."""
    path = str(cjk_font_path())
    name, truetype = _register(path)
    return {
        "font.family": [name, LATIN_FALLBACK],
        "pdf.fonttype": 42 if truetype else 3,
        "axes.unicode_minus": False,
        # Shape every string as Simplified Chinese: without it a run with Latin letters ("20 km") gets the
        # font's Latin-context digit glyphs, and a second glyph for the same character lands in another
        # Type 3 subset, which breaks text extraction (pdftotext) of those digits.
        "text.language": "zh-Hans",
        "svg.fonttype": "path",
    }


@functools.lru_cache(maxsize=4)
def _advances(path: str) -> tuple[object, dict[str, float]]:
    from matplotlib.ft2font import FT2Font

    font = FT2Font(path)
    font.set_size(1000, 72)
    return font, {}


def text_width_em(text: str) -> float:
    """Width of ``text`` in em (font size units) in the CJK font, from the glyphs' advance widths."""
    from matplotlib.ft2font import LoadFlags

    font, cache = _advances(str(cjk_font_path()))
    total = 0.0
    for ch in text:
        w = cache.get(ch)
        if w is None:
            if font.get_char_index(ord(ch)):
                glyph = font.load_char(ord(ch), flags=LoadFlags.NO_HINTING)
                w = glyph.linearHoriAdvance / 65536 / 1000
            else:  # drawn by the fallback font: estimate by East Asian width
                w = 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6
            cache[ch] = w
        total += w
    return total


def missing_glyphs(text: str) -> set[str]:
    """Characters of ``text`` that the CJK font has no glyph for (whitespace ignored)."""
    font, _ = _advances(str(cjk_font_path()))
    return {ch for ch in set(text) if not ch.isspace() and not font.get_char_index(ord(ch))}


# --------------------------------------------------------------------------------------------
# TrueType-outline subsets for Type 42 embedding


def truetype_subset(text: str) -> str | None:
    """Family name of a TrueType-outline copy of the CJK font holding the glyphs of ``text``; None when the
    font already has TrueType outlines (embed it as it is).

    matplotlib embeds a font as Type 42 (a TrueType font: searchable, hinted by PDF readers, compact) only
    from TrueType (``glyf``) outlines. Noto Sans SC has CFF outlines, so the glyphs of ``text`` are converted
    from cubic to quadratic curves with fontTools' cu2qu (max. error 1/1000 em, invisible in print) and cut
    out with fontTools' subsetter. The copy keeps the advance widths (it drops the OpenType layout tables:
    each character is drawn with its default glyph, unkerned), so the pages lay out as measured. Copies are made once per character
    set and process, in a temporary folder removed at exit, and registered with matplotlib under a family
    name of their own ("Noto Sans SC TT <hash>"); the PDF still names the font NotoSansSC-Regular."""
    path = str(cjk_font_path())
    if _register(path)[1]:
        return None
    chars = "".join(sorted(set(text) - {"\n", "\r", "\t"}))
    return _truetype_subset(path, chars)


_SUBSET_LOCK = __import__("threading").Lock()


@functools.lru_cache(maxsize=32)
def _truetype_subset(path: str, chars: str) -> str:
    import atexit
    import hashlib
    import shutil
    import tempfile

    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable
    from matplotlib import font_manager

    global _SUBSET_DIR
    digest = hashlib.sha1(f"{path}\n{chars}".encode()).hexdigest()[:10]
    with _SUBSET_LOCK:
        if _SUBSET_DIR is None:
            _SUBSET_DIR = tempfile.mkdtemp(prefix="geo-fonts-")
            atexit.register(shutil.rmtree, _SUBSET_DIR, True)
        folder = Path(_SUBSET_DIR)

    # Convert only the glyphs of the characters (the others become empty), then let the subsetter drop the
    # rest: subsetting the CFF font itself would run every charstring (~1 s for this font).
    font = TTFont(path)
    cmap = font.getBestCmap()
    keep = {".notdef", *(cmap[ord(c)] for c in chars if ord(c) in cmap)}
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    max_err = font["head"].unitsPerEm / 1000
    empty = TTGlyphPen(None).glyph()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        if name in keep:
            pen = TTGlyphPen(glyphs)
            glyphs[name].draw(Cu2QuPen(pen, max_err=max_err, reverse_direction=True))
            glyf.glyphs[name] = pen.glyph()
        else:
            glyf.glyphs[name] = empty
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    # no OpenType layout: every character keeps its default glyph (Noto Sans SC's are the Simplified
    # Chinese forms) and its advance width, the metrics geo.report_table wraps table cells with
    for tag in ("CFF ", "VORG", "GSUB", "GPOS", "GDEF", "BASE", "JSTF"):
        if tag in font:
            del font[tag]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(order)
    font["maxp"] = maxp  # the remaining maxp fields are recalculated on save
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
    opts = subset.Options()
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = True
    opts.hinting = False
    sub = subset.Subsetter(opts)
    sub.populate(text=chars)
    sub.subset(font)
    family = f"Noto Sans SC TT {digest}"
    names = font["name"]
    for rec in list(names.names):
        if rec.nameID in (1, 4, 16):
            names.setName(family, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
    out = folder / f"cjk-{digest}.ttf"
    tmp = folder / f".cjk-{digest}.ttf.tmp"
    font.save(str(tmp))
    os.replace(tmp, out)
    font_manager.fontManager.addfont(str(out))
    return font_manager.FontProperties(fname=str(out)).get_name()


_SUBSET_DIR: str | None = None
