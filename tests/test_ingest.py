"""Ingestion: encodings, .docx, .pdf, traditional script, cleaning, news leads, bad files.

Fixtures are generated in tmp_path; the PDF is written by a small hand-made PDF writer below (a Type0 font
with Identity-H encoding and a ToUnicode CMap: no font file needed, which is all text extraction uses).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from geo import SEEDS_DIR
from geo.cli import UserError
from geo.ingest import PlanText, read_plan, read_plans
from geo.ingest_clean import clean_text
from geo.ingest_decode import decode_bytes
from geo.ingest_errors import PlanReadError

SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
SEED = {p.name[:3]: p for p in SEEDS}

PLAN = """某市碳达峰工作方案
一、总体要求
到2030年，全市光伏装机达到400万千瓦。（责任单位：市发展改革委）
二、重点任务
（一）能源绿色低碳转型工程
1. 大力发展新能源。推进莒县洛河、长岭、库山集中式光伏项目建设。
专栏 1：能源绿色低碳转型重点项目
（1）东港区海上光伏项目（2）五莲县街头抽水蓄能电站项目"""

TRADITIONAL = """某市碳達峰工作方案
一、總體要求
到2030年，全市光伏裝機達到400萬千瓦。（責任單位：市發展改革委）
專欄 1：風電項目"""


def sentences(text: str, min_len: int = 20) -> list[str]:
    return [s for s in re.split(r"[。！？；\n]", text) if len(s) >= min_len]


# --------------------------------------------------------------------------------------------------
# encodings


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (PLAN.encode("utf-8"), "utf-8"),
        (PLAN.encode("utf-8-sig"), "utf-8-sig"),
        (PLAN.encode("gbk"), "gbk"),
        ((PLAN + "\n䶮").encode("gb18030"), "gb18030"),  # 䶮 (U+4DAE) is in GB18030, not GBK
        (PLAN.encode("utf-16"), "utf-16-le"),  # Python writes a little-endian BOM
        (b"\xfe\xff" + PLAN.encode("utf-16-be"), "utf-16-be"),
        (PLAN.encode("utf-16-le"), "utf-16-le"),  # no BOM: NUL pattern
        (PLAN.encode("utf-16-be"), "utf-16-be"),
        (PLAN.replace("\n", "\r\n").encode("gbk"), "gbk"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "gbk",
        "gb18030",
        "utf16-bom-le",
        "utf16-bom-be",
        "utf16le",
        "utf16be",
        "gbk-crlf",
    ],
)
def test_txt_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    plan = read_plan(path)
    assert isinstance(plan, PlanText)
    assert plan.source == "plan.txt"
    assert plan.encoding == encoding
    assert plan.text.startswith("某市碳达峰工作方案\n一、总体要求\n")
    assert "（1）东港区海上光伏项目（2）五莲县街头抽水蓄能电站项目" in plan.text
    assert "\r" not in plan.text and "\ufeff" not in plan.text


def test_utf16_without_ascii_has_no_nul_pattern_but_still_decodes() -> None:
    text = "某市碳达峰工作方案，推进光伏项目建设。" * 5
    assert decode_bytes(text.encode("utf-16-le"), "x.txt") == (text, "utf-16-le")


def test_big5_traditional(tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    plan = read_plan(path)
    assert plan.encoding == "big5"
    assert plan.text.startswith("某市碳达峰工作方案\n一、总体要求")


def test_gb18030_mojibake_guard_rejects_utf8_with_a_bad_byte(tmp_path: Path) -> None:
    # Valid UTF-8 except one byte: GB18030 "decodes" it into nonsense, which the guard must refuse.
    data = PLAN.encode("utf-8")
    data = data[:40] + b"\xff" + data[40:]
    path = tmp_path / "broken.txt"
    path.write_bytes(data)
    with pytest.raises(PlanReadError, match=r"broken\.txt: cannot decode"):
        read_plan(path)


# --------------------------------------------------------------------------------------------------
# traditional script


def test_traditional_converted_to_simplified(tmp_path: Path) -> None:
    path = tmp_path / "trad.txt"
    path.write_text(TRADITIONAL, encoding="utf-8")
    text = read_plan(path).text
    assert (
        text
        == "某市碳达峰工作方案\n一、总体要求\n到2030年，全市光伏装机达到400万千瓦。（责任单位：市发展改革委）\n专栏 1：风电项目"
    )


def test_simplified_text_is_not_touched_by_conversion() -> None:
    # 覆 is in OpenCC's traditional table but is also simplified: no conversion may change it.
    assert clean_text("全面覆盖，碳达峰。") == "全面覆盖，碳达峰。"
    # a traditional-only character that GB2312 holds (後) is still found
    assert clean_text("碳达峰之後。") == "碳达峰之后。"


# --------------------------------------------------------------------------------------------------
# clean_text: characters and debris


def test_width_normalization_keeps_fullwidth_punctuation() -> None:
    raw = "（一）到２０３０年，装机达到４００万千瓦，占比３０％；ＬＮＧ接收站：“十四五”。１．光伏"
    assert clean_text(raw) == "（一）到2030年，装机达到400万千瓦，占比30%；LNG接收站：“十四五”。1．光伏"


def test_spaces_zero_width_and_controls() -> None:
    raw = "一、\u3000总体\u00a0要求\n到\u200b2030\u200d年，\ufeff装机\x07达到  400  万千瓦。"
    assert clean_text(raw) == "一、 总体 要求\n到2030年，装机达到 400 万千瓦。"


def test_pdf_artefacts_kangxi_radicals_and_enclosed_numbers() -> None:
    assert clean_text("⼀、总体要求\n⑴东港区光伏项目\n⒉推进") == "一、总体要求\n（1）东港区光伏项目\n2.推进"


def test_bookmark_and_markdown_debris() -> None:
    raw = (
        "[bookmark: _Toc25073]\n"
        "国家碳达峰试点（烟台）实施方案\n"
        "[bookmark: _Toc13106][bookmark: _Toc13443]一、指导思想\n"
        "## 二、目标\n"
        "* （1）东港区海上光伏项目\n"
        "---\n"
        "到**2025**年，占比达到**30%**。\n"
        "— 3 —\n"
    )
    assert clean_text(raw) == (
        "国家碳达峰试点（烟台）实施方案\n一、指导思想\n二、目标\n（1）东港区海上光伏项目\n到2025年，占比达到30%。"
    )


def test_seed_debris_removed() -> None:
    for path in SEEDS:
        text = read_plan(path).text
        assert "[bookmark" not in text, path.name
        assert "**" not in text, path.name
        assert "\n\n" not in text and not text.startswith(" "), path.name
    assert "到2025年" in read_plan(SEED["000"]).text.replace(" ", "")


def test_newlines_normalized() -> None:
    assert clean_text("一、总体要求\r\n碳达峰。\r二、目标\u2029碳中和。\f三、保障") == (
        "一、总体要求\n碳达峰。\n二、目标\n碳中和。\n三、保障"
    )


def test_clean_text_is_idempotent_and_deterministic() -> None:
    for path in SEEDS:
        raw = path.read_text(encoding="utf-8-sig")
        once = clean_text(raw)
        assert clean_text(raw) == once
        assert clean_text(once) == once, path.name
    assert clean_text(TRADITIONAL) == clean_text(clean_text(TRADITIONAL))


# --------------------------------------------------------------------------------------------------
# clean_text: page-break joins


def test_page_break_joins_on_seed() -> None:
    text = read_plan(SEED["000"]).text
    assert "煤炭消费进一步减少" in text
    assert "（责任单位：市发展改革委、市自然资源和规划局" in text
    assert "（责任单位：市发展改革委、市委宣传部、市教育局" in text
    assert "余热、余气、余压资源高效循环利用" in text
    lines = text.split("\n")
    # headings and the title stay lines of their own
    for line in (
        "日照市碳达峰工作方案",
        "一、总体要求",
        "（一）能源绿色低碳转型工程",
        "专栏 1：能源绿色低碳转型重点项目",
        "(三) 节能降碳增效工程",
        "日政字〔2023〕32号",
        "2023年6月21日",
    ):
        assert line in lines, line


def test_joins_across_empty_lines_and_not_into_headings() -> None:
    raw = (
        "某市碳达峰工作方案\n\n"
        "为深入贯彻碳达峰部署，结合实际，制定本方案。\n\n"
        "一、总体要求\n\n"
        "坚持稳中求进，煤炭消\n\n"
        "费进一步减少，到2030年实现碳达峰。（责任单位：市发\n"
        "展改革委、市能源局）\n"
        "（一）能源绿色低碳转型\n"
        "推动光伏发展，加快建设\n"
        "1. 大力发展新能源。推进风电项目建设，加快\n"
        "（1）东港区海上光伏项目\n"
        "专栏 1：重点项目\n"
        "序号\t项目\n"
        "1\t东港区海上光伏项目\n"
    )
    assert clean_text(raw).split("\n") == [
        "某市碳达峰工作方案",
        "为深入贯彻碳达峰部署，结合实际，制定本方案。",
        "一、总体要求",
        "坚持稳中求进，煤炭消费进一步减少，到2030年实现碳达峰。（责任单位：市发展改革委、市能源局）",
        "（一）能源绿色低碳转型",
        "推动光伏发展，加快建设",
        "1. 大力发展新能源。推进风电项目建设，加快",
        "（1）东港区海上光伏项目",
        "专栏 1：重点项目",
        "序号\t项目",
        "1\t东港区海上光伏项目",
    ]


def test_title_and_signature_lines_not_joined() -> None:
    raw = "某市人民政府关于印发某市碳达峰工作方案的通知\n某政字〔2023〕32号\n某市人民政府\n2023年6月21日\n某市碳达峰工作方案\n为深入贯彻，制定本方案。"
    assert clean_text(raw).count("\n") == 5


def test_heading_with_comma_not_joined_to_body() -> None:
    raw = "（一）多新能聚力，推动能源绿色低碳转型\n秉承核安全理念，建设核电基地，推进风电"
    assert clean_text(raw).count("\n") == 1


def test_continuation_starting_with_punctuation_is_joined() -> None:
    assert clean_text("推进光伏、风电等新能源项目建设\n，加快构建新型电力系统。") == (
        "推进光伏、风电等新能源项目建设，加快构建新型电力系统。"
    )


# --------------------------------------------------------------------------------------------------
# news lead


@pytest.mark.parametrize("key", ["001", "002", "004"])
def test_reposted_news_lead_removed(key: str) -> None:
    raw = SEED[key].read_text(encoding="utf-8-sig")
    raw_repeats = [s for s, n in Counter(sentences(clean_text_without_lead_dedupe(raw))).items() if n > 1]
    assert any(not s.startswith("（责任单位") for s in raw_repeats)  # the lead does repeat the body
    text = read_plan(SEED[key]).text
    assert "近日" not in text.split("\n")[0]
    repeats = {s: n for s, n in Counter(sentences(text)).items() if n > 1}
    # The only sentences of >= 20 characters left twice are responsible-unit lists that the plan itself
    # repeats under different clauses.
    assert all(s.startswith("（责任单位") for s in repeats), repeats
    # the body keeps its own copy
    assert "“十四五”期间" in text


def clean_text_without_lead_dedupe(raw: str) -> str:
    import geo.ingest_clean as ingest_clean

    original = ingest_clean._drop_repeated_lead
    ingest_clean._drop_repeated_lead = lambda paragraphs: paragraphs
    try:
        return ingest_clean.clean_text(raw)
    finally:
        ingest_clean._drop_repeated_lead = original


def test_no_repeated_sentences_in_any_seed() -> None:
    for path in SEEDS:
        repeats = {s for s, n in Counter(sentences(read_plan(path).text)).items() if n > 1}
        assert all(s.startswith("（责任单位") for s in repeats), (path.name, repeats)


def test_lead_that_is_not_repeated_is_kept() -> None:
    raw = "本报讯 记者走访了多家光伏企业，了解到市场前景广阔，企业信心十足。\n某市碳达峰工作方案\n一、总体要求\n推进碳达峰。"
    assert clean_text(raw).startswith("本报讯")


def test_hand_written_lead_repeating_body_removed() -> None:
    body = "到2030年，全市光伏装机达到400万千瓦，风电装机达到200万千瓦，新型储能规模达到50万千瓦。"
    raw = f"近日，某市人民政府印发方案指出，{body}\n某市碳达峰工作方案\n一、主要目标\n{body}"
    assert clean_text(raw) == f"某市碳达峰工作方案\n一、主要目标\n{body}"


def test_lead_after_news_headline_and_lead_repeating_the_preamble() -> None:
    preamble = "为深入贯彻党中央、国务院关于碳达峰碳中和重大战略部署，结合我市实际，制定本方案。"
    body = "到2030年，全市光伏装机达到400万千瓦，风电装机达到200万千瓦，新型储能规模达到50万千瓦。"
    raw = (
        "某市印发碳达峰工作方案\n"
        f"近日，某市人民政府印发方案指出，{body}\n"
        f"该方案提出，{preamble}\n"
        f"某市碳达峰工作方案\n{preamble}\n一、主要目标\n{body}"
    )
    assert clean_text(raw).split("\n") == [
        "某市印发碳达峰工作方案",
        "某市碳达峰工作方案",
        preamble,
        "一、主要目标",
        body,
    ]


def test_notice_lines_before_the_plan_are_kept() -> None:
    lines = read_plan(SEED["000"]).text.split("\n")
    assert lines[:3] == [
        "日照市人民政府关于印发日照市碳达峰工作方案的通知",
        "日政字〔2023〕32号",
        "各区县政府、各功能区管委，市政府各部门，中央、省属驻日照各单位：",
    ]


# --------------------------------------------------------------------------------------------------
# .docx


def _docx_with_table(path: Path) -> None:
    import docx

    doc = docx.Document()
    doc.add_paragraph("某市碳达峰工作方案")
    doc.add_paragraph("一、重点任务")
    doc.add_paragraph("推进光伏项目建设，加快风电发展。")
    box = doc.add_table(rows=1, cols=1)
    cell = box.cell(0, 0)
    cell.text = "专栏 1：能源绿色低碳转型重点项目"
    cell.add_paragraph("（1）东港区海上光伏项目")
    cell.add_paragraph("（2）五莲县街头抽水蓄能电站项目")
    data = doc.add_table(rows=2, cols=3)
    for row, values in zip(data.rows, [("序号", "项目", "地点"), ("1", "某光伏项目", "莒县")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    doc.add_paragraph("二、保障措施")
    doc.add_paragraph("编号一", style="List Number")
    doc.add_paragraph("编号二", style="List Number")
    doc.save(str(path))


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    _docx_with_table(path)
    plan = read_plan(path)
    assert plan.encoding == "docx"
    assert plan.text.split("\n") == [
        "某市碳达峰工作方案",
        "一、重点任务",
        "推进光伏项目建设，加快风电发展。",
        "专栏 1：能源绿色低碳转型重点项目",
        "（1）东港区海上光伏项目",
        "（2）五莲县街头抽水蓄能电站项目",
        "序号\t项目\t地点",
        "1\t某光伏项目\t莒县",
        "二、保障措施",
        "1.编号一",
        "2.编号二",
    ]


def test_docx_chinese_auto_numbering(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
            "</w:abstractNum>"
        )
    )
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    doc.add_paragraph("某市碳达峰工作方案")
    for text, level in [("总体要求", 0), ("主要目标", 0), ("能源转型", 1), ("工业降碳", 1), ("保障措施", 0)]:
        p = doc.add_paragraph(text)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
    path = tmp_path / "numbered.docx"
    doc.save(str(path))
    assert read_plan(path).text.split("\n") == [
        "某市碳达峰工作方案",
        "一、总体要求",
        "二、主要目标",
        "（一）能源转型",
        "（二）工业降碳",
        "三、保障措施",
    ]


def test_corrupt_docx(tmp_path: Path) -> None:
    bad = tmp_path / "corrupt.docx"
    bad.write_bytes(b"this is not a zip archive at all" * 10)
    with pytest.raises(PlanReadError, match=r"corrupt\.docx: corrupt \.docx"):
        read_plan(bad)
    import zipfile

    nodoc = tmp_path / "nodoc.docx"
    with zipfile.ZipFile(nodoc, "w") as zf:
        zf.writestr("hello.txt", "碳达峰")
    with pytest.raises(PlanReadError, match=r"nodoc\.docx: corrupt \.docx: no word/document\.xml"):
        read_plan(nodoc)
    # a real docx whose document.xml is truncated
    good = tmp_path / "good.docx"
    _docx_with_table(good)
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    with pytest.raises(PlanReadError, match=r"broken\.docx: corrupt \.docx"):
        read_plan(broken)


def test_truncated_docx_is_called_truncated_not_an_old_doc(tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    _docx_with_table(good)
    cut = tmp_path / "cut.docx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size * 2 // 3])  # a download cut short
    with pytest.raises(PlanReadError, match=r"cut\.docx: damaged or truncated \.docx") as exc:
        read_plan(cut)
    assert ".doc renamed" not in str(exc.value)
    old = tmp_path / "old.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))  # an OLE2 (Word 97-2003) header
    with pytest.raises(PlanReadError, match=r"old\.docx: an old Word \.doc"):
        read_plan(old)


# --------------------------------------------------------------------------------------------------
# .pdf


def make_text_pdf(path: Path, pages: list[list[str]]) -> None:
    """Write a minimal text PDF: a Type0 font (Identity-H, CID = code point) with a ToUnicode CMap and no
    embedded font program. Viewers substitute a font; text extraction only needs the ToUnicode map."""
    chars = sorted({ch for page in pages for line in page for ch in line})
    blocks = []
    for i in range(0, len(chars), 100):
        block = chars[i : i + 100]
        pairs = "\n".join(f"<{ord(c):04X}> <{ord(c):04X}>" for c in block)
        blocks.append(f"{len(block)} beginbfchar\n{pairs}\nendbfchar")
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in below
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] /ToUnicode 6 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    kids = []
    for page in pages:
        ops = ["BT", "/F1 10 Tf", "40 800 Td"]
        for line in page:
            ops += ["<" + "".join(f"{ord(c):04X}" for c in line) + "> Tj", "0 -14 Td"]
        content = "\n".join([*ops, "ET"]).encode("ascii")
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % (len(objects))
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


PDF_PAGES = [
    ["某市碳达峰工作方案", "一、总体要求", "到2030年，全市光伏装机达到400万千瓦，煤炭消"],
    [
        "— 2 —",
        "费进一步减少。（责任单位：市发",
        "展改革委）",
        "专栏 1：重点项目",
        "（1）东港区海上光伏项目",
        "3",
    ],
]


def test_text_pdf_with_chinese(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    make_text_pdf(path, PDF_PAGES)
    plan = read_plan(path)
    assert plan.encoding == "pdf"
    assert plan.text.split("\n") == [
        "某市碳达峰工作方案",
        "一、总体要求",
        "到2030年，全市光伏装机达到400万千瓦，煤炭消费进一步减少。（责任单位：市发展改革委）",
        "专栏 1：重点项目",
        "（1）东港区海上光伏项目",
    ]


def test_hard_wrapped_pdf_is_unwrapped(tmp_path: Path) -> None:
    # The start of a seed plan (up to its first 专栏) laid out like an official document: 28 characters a
    # line, 22 lines a page, a "— n —" page number at the foot of each page.
    paragraphs = read_plan(SEED["000"]).text.split("\n")
    end = next(i for i, p in enumerate(paragraphs) if p.startswith("专栏"))
    expected = [p.replace(" ", "") for p in paragraphs[:end]]
    lines = [p[i : i + 28] for p in expected for i in range(0, len(p), 28)]
    assert len(lines) > 80
    pages = [[*lines[i : i + 22], f"— {n} —"] for n, i in enumerate(range(0, len(lines), 22), start=1)]
    path = tmp_path / "wrapped.pdf"
    make_text_pdf(path, pages)
    assert read_plan(path).text.split("\n") == expected


def test_pdf_encrypted_with_empty_user_password_is_read(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    plain = tmp_path / "plain.pdf"
    make_text_pdf(plain, PDF_PAGES)
    writer = PdfWriter(clone_from=str(plain))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "open.pdf"
    writer.write(str(path))
    assert read_plan(path).text.startswith("某市碳达峰工作方案")


def test_pdf_bad_files(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    blank = tmp_path / "scanned.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(str(blank))
    with pytest.raises(PlanReadError, match=r"scanned\.pdf: PDF has no text layer.*OCR is not supported"):
        read_plan(blank)

    plain = tmp_path / "plain.pdf"
    make_text_pdf(plain, PDF_PAGES)
    writer = PdfWriter(clone_from=str(plain))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    writer.write(str(locked))
    with pytest.raises(PlanReadError, match=r"locked\.pdf: PDF is encrypted"):
        read_plan(locked)

    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog" + b"\x00garbage" * 20)
    with pytest.raises(PlanReadError, match=r"corrupt\.pdf: "):
        read_plan(corrupt)


def _aes_pdfs(folder: Path) -> tuple[Path, Path]:
    """Real AES-256 PDFs (pypdf's encrypt, which needs `cryptography`): one with a password to open it,
    one with permissions only (empty user password)."""
    from pypdf import PdfWriter

    plain = folder / "plain.pdf"
    make_text_pdf(plain, PDF_PAGES)
    out = []
    for name, user_password in (("aes_locked.pdf", "secret"), ("aes_open.pdf", "")):
        writer = PdfWriter(clone_from=str(plain))
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
        writer.write(str(folder / name))
        out.append(folder / name)
    plain.unlink()
    return out[0], out[1]


NO_CRYPTOGRAPHY = """
import sys
sys.modules["cryptography"] = None  # as on an installation without the package
from geo.ingest import read_plan
from geo.ingest_errors import PlanReadError
for path in sys.argv[1:]:
    try:
        print(path, "read", read_plan(path).text[:9])
    except PlanReadError as exc:
        print(path, "error", exc)
"""


def test_aes_encrypted_pdf_is_a_message_with_and_without_cryptography(tmp_path: Path) -> None:
    import subprocess
    import sys

    pytest.importorskip("cryptography")
    locked, open_ = _aes_pdfs(tmp_path)
    with pytest.raises(PlanReadError, match=r"aes_locked\.pdf: PDF is encrypted.*give an unprotected copy"):
        read_plan(locked)
    assert read_plan(open_).text.startswith("某市碳达峰工作方案")  # permissions only: read like RC4

    done = subprocess.run(
        [sys.executable, "-c", NO_CRYPTOGRAPHY, str(locked), str(open_)], capture_output=True, text=True
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 2 and all(" error " in line for line in lines), lines
    assert all("encrypted" in line and "give an unprotected copy" in line for line in lines), lines


def test_skip_bad_builds_past_an_aes_pdf_without_cryptography(tmp_path: Path) -> None:
    import subprocess
    import sys

    pytest.importorskip("cryptography")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    _aes_pdfs(seeds)
    (seeds / SEED["000"].name).write_bytes(SEED["000"].read_bytes())
    script = (
        "import sys; sys.modules['cryptography'] = None\n"
        "from geo.cli import main\n"
        f"sys.exit(main(['build', '--no-progress', '--skip-bad', '--seeds', {str(seeds)!r}, "
        f"'--out', {str(tmp_path / 'out')!r}]))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "skipped aes_open.pdf: PDF is encrypted (AES)" in done.stderr
    assert "skipped aes_locked.pdf: PDF is encrypted" in done.stderr


# --------------------------------------------------------------------------------------------------
# bad .txt files


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_bad_txt_files(tmp_path: Path) -> None:
    cases = {
        "empty.txt": (b"", "file is empty"),
        "blank.txt": (b" \r\n\t\n\xe3\x80\x80\n", "empty"),
        "binary.txt": (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
            "looks like a binary file",
        ),
        "zipped.txt": (b"PK\x03\x04" + bytes(200), "looks like a binary file"),
        "latin1.txt": (
            "Stratégie énergétique régionale, café crème. ".encode("latin-1") * 20,
            "cannot decode",
        ),
        "english.txt": (b"Carbon peak action plan for the city. " * 50, "does not look like a plan"),
        "novel.txt": (
            ("他走进房间，看见桌上放着一封信。窗外下着小雨，街上的行人很少。" * 12).encode(),
            "does not look like a plan",
        ),
        "short.txt": ("你好世界".encode(), "does not look like a plan"),
        "debris.txt": (b"[bookmark: _Toc1]\n**\n---\n", "empty"),
    }
    for name, (data, message) in cases.items():
        with pytest.raises(PlanReadError) as info:
            read_plan(_write(tmp_path / name, data))
        assert str(info.value).startswith(f"{name}: "), str(info.value)
        assert message in str(info.value), str(info.value)
        assert isinstance(info.value, UserError)
        assert info.value.source == name


def test_huge_file_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(21 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(PlanReadError, match=r"huge\.txt: file is 21\.0 MB, above the 20\.0 MB limit"):
        read_plan(path)


def test_missing_file_and_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(PlanReadError, match=r"gone\.txt: file not found"):
        read_plan(tmp_path / "gone.txt")
    with pytest.raises(PlanReadError, match=r"notes\.md: unsupported file type"):
        read_plan(_write(tmp_path / "notes.md", PLAN.encode()))


def test_short_hand_written_plans_pass(tmp_path: Path) -> None:
    assert read_plan(_write(tmp_path / "a.txt", "推进碳达峰。".encode())).text == "推进碳达峰。"
    assert read_plan(_write(tmp_path / "b.txt", "一、重点任务\n建设东港区光伏项目。".encode())).text
    # a short news item or notice is read however short it is
    assert read_plan(_write(tmp_path / "c.txt", "建设东港区光伏项目，推动产业发展。".encode())).text
    assert read_plan(_write(tmp_path / "d.txt", "某县某镇100兆瓦光伏电站并网发电。".encode())).text


# --------------------------------------------------------------------------------------------------
# folders


def test_read_plans_goes_on_past_bad_files(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    _write(folder / "b_plan.txt", PLAN.encode("gbk"))
    _write(folder / "a_empty.txt", b"")
    _write(folder / "c_binary.txt", bytes(range(256)))
    _write(folder / "d_old.doc", b"\xd0\xcf\x11\xe0")
    _write(folder / "e_notes.md", PLAN.encode())
    _docx_with_table(folder / "f_plan.DOCX")
    make_text_pdf(folder / "g_plan.pdf", PDF_PAGES)
    _write(folder / ".hidden.txt", b"\x00\x01")
    _write(folder / "~$f_plan.docx", b"lock")
    (folder / "sub").mkdir()
    _write(folder / "sub" / "x.txt", PLAN.encode())

    plans, errors = read_plans(folder)
    assert [p.source for p in plans] == ["b_plan.txt", "f_plan.DOCX", "g_plan.pdf"]
    assert [p.encoding for p in plans] == ["gbk", "docx", "pdf"]
    assert [e.source for e in errors] == ["a_empty.txt", "c_binary.txt", "d_old.doc", "e_notes.md"]
    assert "save it as .docx" in str(errors[2])
    assert all(str(e).startswith(e.source + ": ") for e in errors)


def test_read_plans_bad_folder(tmp_path: Path) -> None:
    with pytest.raises(PlanReadError, match=r"nowhere: plans folder not found"):
        read_plans(tmp_path / "nowhere")
    file = _write(tmp_path / "plan.txt", PLAN.encode())
    with pytest.raises(PlanReadError, match=r"plan\.txt: is not a folder"):
        read_plans(file)
    (tmp_path / "empty").mkdir()
    assert read_plans(tmp_path / "empty") == ([], [])


def test_all_seeds_read_cleanly() -> None:
    plans, errors = read_plans(SEEDS_DIR)
    assert errors == []
    assert [p.source for p in plans] == [p.name for p in SEEDS]
    for plan in plans:
        assert plan.encoding == "utf-8"
        assert len(plan.text) > 10_000
        assert "碳达峰" in plan.text
        assert "\n\n" not in plan.text and not plan.text.endswith("\n")
        assert all(line == line.strip() for line in plan.text.split("\n"))


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read anything")
    path = _write(tmp_path / "locked.txt", PLAN.encode())
    path.chmod(0)
    try:
        with pytest.raises(PlanReadError, match=r"locked\.txt: cannot read"):
            read_plan(path)
    finally:
        path.chmod(0o644)


def test_utf8_cut_inside_the_last_character_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path / "cut.txt", (PLAN + "项目").encode("utf-8")[:-2])
    plan = read_plan(path)
    assert (plan.encoding, plan.text[-5:]) == ("utf-8", "电站项目项")


def test_pdf_without_unicode_map_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "glyphs.pdf"
    make_text_pdf(path, [["\ue001\ue002\ue003\ue004 2030 \ue005\ue006"]])  # what unmapped CJK fonts yield
    with pytest.raises(PlanReadError, match=r"glyphs\.pdf: PDF text layer gives no readable Chinese"):
        read_plan(path)


def test_a_running_header_repeating_the_title_is_dropped_where_it_breaks_a_sentence() -> None:
    raw = (
        "某县碳达峰实施方案\n1.发展光伏。建设甲镇光伏项目，推进乙镇风电项目建设。（责任单位：县发展改革局、县\n"
        "— 3 —\n某县碳达峰实施方案\n自然资源局）\n2.推进储能。\n"
    )
    assert clean_text(raw).split("\n") == [
        "某县碳达峰实施方案",
        "1.发展光伏。建设甲镇光伏项目，推进乙镇风电项目建设。（责任单位：县发展改革局、县自然资源局）",
        "2.推进储能。",
    ]
