"""Responsible units (责任单位) of a plan's clauses, and document-wide rules that add units to every clause after them.

responsible_units(body)        -> units listed in one `（责任单位：...）`
document_rules(text)           -> [(offset, units)]: `以下不再列出` rules and where they start to apply
units_for(text, rules, chain, position) -> the units of the clause at `position` (plus rules in force)
"""

from __future__ import annotations

import re

from geo.model import Node

PROTECTED_COMMA = "\x00"  # stands for a 、 that does not separate items (inside parentheses, fixed terms)

RE_RESPONSIBLE = re.compile(
    r"[（(]\s*(?:责任单位|牵头单位|责任部门)\s*[：:](?P<body>[^（）()]*?(?:[（(][^（）()]*[）)][^（）()]*?)*)[）)]",
    re.S,
)
# `（牵头单位：甲；配合单位：乙、丙）`: every unit named is responsible; the role labels are not units
RE_UNIT_ROLE = re.compile(r"^(?:牵头|责任|配合|参与|协同|协办|主办|主责)(?:单位|部门)[：:]")
# A task's own units in parentheses after it: `建设甲项目（县发展改革局、乙镇政府负责）`, `（甲局牵头，乙局配合）`
RE_TASK_UNITS = re.compile(
    r"[（(](?P<body>[^（）()。；]{2,80}?)(?:负责|牵头(?:[，,、][^（）()。]*?配合)?)[）)]"
)
RE_UNIT_NAME = re.compile(
    r"(?:局|委|委员会|办|办公室|政府|公司|管委会|中心|部|厅|署|镇|乡|街道|集团|院|队|站|所|处)$"
)
RE_RULE = re.compile(r"(?:不再列出|不再一一列出|不再重复列出)")
RE_RULE_TAIL = re.compile(r"[，,]?\s*(?:以下|下同)?(?:均|都)?(?:不再列出|不再一一列出|不再重复列出).*$")
RE_RULE_CLEAN = re.compile(
    r"^(?:以下(?:任务|工作)?均需|以下(?:任务|工作)?均由|以下均由|以下均需|此外，?)|(?:均为责任单位|负责落实|为责任单位|共同负责)$"
)


def split_units(body: str) -> list[str]:
    """Split a unit list on 、 and commas, but not inside parentheses (`各县（市、区）政府`)."""
    body = re.sub(r"[（(][^）)]*[）)]", lambda m: m.group(0).replace("、", PROTECTED_COMMA), body)
    units = []
    for part in re.split(r"[、，,；;。\s]+", body):
        part = part.replace(PROTECTED_COMMA, "、")
        part = re.sub(r"等$", "", part.strip())
        if part and not RE_RULE.search(part):
            units.append(part)
    return units


def responsible_units(body: str) -> list[str]:
    """Units listed in one `（责任单位：...）`, including those named in a document-wide rule sentence."""
    units: list[str] = []
    for sentence in re.split(r"[。；;]", re.sub(r"\s+", "", body)):
        sentence = RE_UNIT_ROLE.sub("", sentence)
        units.extend(rule_units(sentence) if RE_RULE.search(sentence) else split_units(sentence))
    return list(dict.fromkeys(units))


def rule_units(sentence: str) -> list[str]:
    """`以下任务均需A、B负责落实，不再列出` -> [A, B]."""
    text = RE_RULE_TAIL.sub("", sentence)
    for _ in range(2):
        text = RE_RULE_CLEAN.sub("", text)
    return split_units(text)


def document_rules(text: str) -> list[tuple[int, list[str]]]:
    """`各区县政府、各功能区管委均为责任单位，以下不再列出`: units that apply from that clause on."""
    rules = []
    for match in RE_RESPONSIBLE.finditer(text):
        for sentence in re.split(r"[。；;]", re.sub(r"\s+", "", match.group("body"))):
            if RE_RULE.search(sentence):
                rules.append((match.start(), rule_units(sentence)))
    return rules


def units_for(
    text: str, rules: list[tuple[int, list[str]]], node_chain: list[Node], position: int
) -> list[str]:
    """The clause's own 责任单位 (the first one after `position` in the deepest clause that has one),
    plus document-wide rules in force at `position`."""
    # A 专栏 box lists projects for a whole section: no single clause's units apply to its items.
    in_box = any(node.kind == "box" for node in node_chain)
    units = [] if in_box else task_units(text, position)
    for node in [] if in_box or units else reversed(node_chain):
        if node.kind in ("root", "box", "box_item"):
            continue
        matches = list(RE_RESPONSIBLE.finditer(text, node.start, node.end))
        after = [m for m in matches if m.end() > position]
        if after:
            units = responsible_units(after[0].group("body"))
            break
    clause_start = node_chain[-1].start if node_chain else position
    for start, rule_units in rules:
        if start <= max(position, clause_start) or _same_clause(node_chain, start):
            units.extend(rule_units)
    return list(dict.fromkeys(units))


def task_units(text: str, position: int) -> list[str]:
    """The units in the first task parenthesis after `position` in its sentence (`…项目（甲局、乙镇政府负责）`),
    when every part of it names a unit (so `（由企业负责）` is none)."""
    end = min(
        (i for i in (text.find("。", position), text.find("\n", position)) if i >= 0), default=len(text)
    )
    match = RE_TASK_UNITS.search(text, position, end)
    if not match:
        return []
    inner = match.group(0)[1:-1]
    lead, _, helpers = inner.partition("牵头")
    names = split_units(lead.removesuffix("负责")) + split_units(helpers.removesuffix("配合"))
    return names if names and all(RE_UNIT_NAME.search(n) for n in names) else []


def _same_clause(node_chain: list[Node], offset: int) -> bool:
    return bool(node_chain) and node_chain[-1].start <= offset < node_chain[-1].end


def chain_at(root: Node, position: int) -> list[Node]:
    chain = [root]
    node = root
    while True:
        inner = next((c for c in node.children if c.start <= position < max(c.end, c.start + 1)), None)
        if inner is None:
            return chain
        chain.append(inner)
        node = inner


def without_parentheses(sentence: str) -> str:
    return RE_RESPONSIBLE.sub("", sentence)
