"""Number and quantity grammar of Chinese plans: capacities, volumes, years.

`parse_capacity("400 万千瓦")` -> Capacity("400 万千瓦", 4000.0, "MW").
Size classes (`百万千瓦级`) keep their text and get no value: they are a class, not a quantity.
"""

from __future__ import annotations

import re

from geo.model import Capacity

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL = "零〇一二两三四五六七八九十百千"


def chinese_to_number(text: str) -> float | None:
    """二十 -> 20, 一百五十 -> 150, 三千 -> 3000, 十 -> 10, 二点五 -> 2.5. Returns None if not a numeral."""
    if not text:
        return None
    if "点" in text:
        whole, _, frac = text.partition("点")
        whole_value = chinese_to_number(whole) if whole else 0
        if whole_value is None or not frac or any(c not in CN_DIGITS for c in frac):
            return None
        return whole_value + float("0." + "".join(str(CN_DIGITS[c]) for c in frac))
    total, section, digit = 0, 0, None
    for char in text:
        if char in CN_DIGITS:
            digit = CN_DIGITS[char]
        elif char in CN_UNITS:
            section += (1 if digit is None else digit) * CN_UNITS[char]
            digit = None
        elif char in CN_BIG:
            section += digit or 0
            total += (section or 1) * CN_BIG[char]
            section, digit = 0, None
        else:
            return None
    return float(total + section + (digit or 0))


NUMBER = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN_NUMERAL}]+(?:点[{CN_NUMERAL}]+)?)"

# (unit pattern, normalized unit, factor to the normalized unit)
UNITS: list[tuple[str, str, float]] = [
    (r"万千瓦时", "MWh", 10.0),
    (r"亿千瓦时", "MWh", 100_000.0),
    (r"兆瓦时|MWh", "MWh", 1.0),
    (r"吉瓦时|GWh", "MWh", 1000.0),
    (r"千瓦时|kWh", "MWh", 0.001),
    (r"万千瓦", "MW", 10.0),
    (r"亿千瓦", "MW", 100_000.0),
    (r"兆瓦|MW", "MW", 1.0),
    (r"吉瓦|GW", "MW", 1000.0),
    (r"千瓦|kW", "MW", 0.001),
    (r"万吨\s*/\s*年|万吨每年|万吨", "Mt/a", 0.01),
    (r"亿吨\s*/\s*年|亿吨", "Mt/a", 100.0),
    (r"吨\s*/\s*年", "Mt/a", 0.000001),
    (r"亿立方米|亿方|亿m3|亿m³", "bcm/a", 0.1),
    (r"万立方米|万方", "bcm/a", 0.00001),
]
UNIT_PATTERN = "|".join(f"(?:{pattern})" for pattern, _, _ in UNITS)
RE_QUANTITY = re.compile(rf"(?P<number>{NUMBER})\s*(?P<unit>{UNIT_PATTERN})(?P<more>以上|左右)?(?!\s*级)")
RE_SIZE_CLASS = re.compile(
    r"[百千]万(?:千瓦|吨|方|立方米)级|[十百千]万?吨级|[百千]兆瓦级|[十百千]亿(?:立方米|方)级|GW级|吉瓦级"
)
RE_STORED_VOLUME = re.compile(
    r"\s*(?:的)?(?:原油|成品油|石油|油品|油|液化天然气|LNG)?(?:储备|储存|储罐|罐|库|储)"
)
RE_UNIT_COUNT = re.compile(
    rf"(?P<count>\d+|[{CN_NUMERAL}]+)\s*(?:[×xX*]|台|套)\s*(?P<each>{NUMBER}\s*(?:{UNIT_PATTERN})|\d+[A-Z]级?)"
)


def parse_number(text: str) -> float | None:
    text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return chinese_to_number(text)


def normalize_unit(unit_text: str) -> tuple[str, float]:
    compact = re.sub(r"\s+", "", unit_text)
    for pattern, unit, factor in UNITS:
        if re.fullmatch(pattern, compact):
            return unit, factor
    raise ValueError(unit_text)


def quantity(match: re.Match) -> tuple[float, str] | None:
    number = parse_number(match.group("number"))
    if number is None:
        return None
    unit, factor = normalize_unit(match.group("unit"))
    return round(number * factor, 6), unit


def find_quantities(text: str) -> list[tuple[re.Match, float, str]]:
    out = []
    for match in RE_QUANTITY.finditer(text):
        parsed = quantity(match)
        if parsed:
            out.append((match, *parsed))
    return out


def parse_capacity(text: str) -> Capacity | None:
    """The first capacity stated in `text`: unit counts (2×66万千瓦, 2台100万千瓦, 2×9H), quantities, or size
    classes."""
    count = RE_UNIT_COUNT.search(text)
    if count:
        units = parse_number(count.group("count"))
        each = RE_QUANTITY.fullmatch(count.group("each").strip())
        if each and units:
            value, unit = quantity(each) or (None, None)
            return Capacity(count.group(0).strip(), round(units * value, 6) if value else None, unit)
        return Capacity(count.group(0).strip(), None, None)
    quantities = find_quantities(text)
    size_class = RE_SIZE_CLASS.search(text)
    if quantities:
        first, value, unit = quantities[0]
        if size_class and size_class.start() < first.start():
            return Capacity(size_class.group(0), None, None)
        # `200兆瓦/400兆瓦时`: one storage plant stated as power/energy; keep both in the text, value = power.
        span_end = first.end()
        if len(quantities) > 1 and text[span_end : quantities[1][0].start()].strip() in ("/", "／"):
            return Capacity(text[first.start() : quantities[1][0].end()], value, unit)
        if unit == "bcm/a" and RE_STORED_VOLUME.match(text, first.end()):
            # `千万方原油储备基地`, `10万立方米储罐`: a tank volume, not a gas flow per year.
            return Capacity(first.group(0).strip(), None, None)
        return Capacity(first.group(0).strip(), value, unit)
    if size_class:
        return Capacity(size_class.group(0), None, None)
    return None


RE_YEAR = re.compile(r"(?:到|至|截至|于|在)?\s*(20\d{2})\s*年")
RE_FIVE_YEAR = {"十四五": 2025, "十五五": 2030, "十三五": 2020}


def year_of(text: str) -> int | None:
    """The target year a sentence sets: `到2030年`, `展望2030年` -> 2030; `“十四五”期间` -> 2025."""
    match = re.search(r"(?:到|至|截至|展望)\s*(20\d{2})\s*年", text)
    if match:
        return int(match.group(1))
    for name, year in RE_FIVE_YEAR.items():
        if name in text:
            return year
    match = re.search(r"(20\d{2})\s*年(?:前|底|末|内)", text)
    if match:
        return int(match.group(1))
    # `2024年全部项目建成后，…将达180万千瓦时`: the state once that year's work is done
    match = re.search(r"(20\d{2})\s*年[^，,。；;]{0,12}?(?:建成|完成|投运|投产|并网)后", text)
    return int(match.group(1)) if match else None
