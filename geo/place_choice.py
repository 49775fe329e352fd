"""Choosing among candidates: each mention of a project narrowed to one place (by the project's other places,
the plan's region, admin units over townships), and the most precise place consistent with the coarser ones.

    choice = PlaceChoice(units, finding)
    choice.resolve_mentions([(mention, candidates | None)], project) -> ([Pick], [Unresolved])
    choice.most_precise(picks, project)  -> ([Pick] at the best precision, distinct units; [Unresolved])
"""

from __future__ import annotations

from typing import Any

from geo import PROVINCE_ADCODE
from geo.model import Project, Unresolved
from geo.place_finding import TOWNSHIP_SUFFIXES, PlaceFinding, outside_shandong
from geo.placebase import (
    ADMIN_KINDS,
    PRECISION_RANK,
    REASON_NAMESAKE,
    REASON_OUTSIDE,
    REASON_UNKNOWN,
    Pick,
    Unit,
    admin_code,
    ambiguity,
    county_code,
    dedupe,
    in_shandong,
    label,
    make_problem,
    precision_of,
    within,
)


class PlaceChoice:
    """One place per mention, and the most precise consistent ones, for one set of admin units."""

    def __init__(self, units: dict[str, Unit], finding: PlaceFinding):
        self.units = units
        self.finding = finding

    def resolve_mentions(self, mentions: list[tuple[str, list | None]], project: Project):
        """Each mention -> one place, or a problem. Returns ([Pick], [Unresolved])."""
        problems: list[Unresolved] = []
        cands: dict[str, list] = {}
        for text, given in mentions:
            text = text.strip()
            if text in cands:
                continue
            other = outside_shandong(text)
            if other:
                problems.append(make_problem(project, text, f"{REASON_OUTSIDE}（{other}）"))
                continue
            found = (
                dedupe([c for c in given if in_shandong(c)])
                if given is not None
                else self.finding.candidates(text)
            )
            if not found:
                problems.append(make_problem(project, text, REASON_UNKNOWN))
                continue
            cands[text] = found
        region = project.region_adcode
        picks: dict[str, Any] = {}
        # pass 1: names with a single candidate after narrowing by region fix the context
        for text, cs in cands.items():
            narrowed = self.narrow(text, cs, region, context=())
            if len(narrowed) == 1:
                picks[text] = narrowed[0]
        context = tuple(admin_code(p) for p in picks.values() if p.kind in ADMIN_KINDS)
        # pass 2: the rest, narrowed by the places fixed in pass 1
        for text, cs in cands.items():
            if text in picks:
                continue
            narrowed = self.narrow(text, cs, region, context=context)
            if len(narrowed) == 1:
                picks[text] = narrowed[0]
            else:
                problems.append(make_problem(project, text, ambiguity(self.units, narrowed)))
        # a bare township name is trusted inside the plan's own region, or next to its county; elsewhere it is
        # more likely a namesake (a substation, a company) than that township
        admin_ctx = [admin_code(p) for p in picks.values() if p.kind in ADMIN_KINDS]
        for text, p in list(picks.items()):
            if p.kind != "township" or not region or region == PROVINCE_ADCODE or within(p, region):
                continue
            if any(a and within(p, a) for a in admin_ctx):
                continue
            del picks[text]
            county = self.units.get(county_code(p) or "")
            where = (
                f"{self.units[county.parent].name}{county.name}"
                if county and county.parent in self.units
                else "?"
            )
            problems.append(make_problem(project, text, f"{p.name}（{where}）{REASON_NAMESAKE}"))
        out = [Pick(text, p, precision_of(p)) for text, p in picks.items()]
        return out, problems

    def narrow(self, text: str, cs: list, region: str | None, context: tuple) -> list:
        if len(cs) <= 1:
            return cs
        if context:
            inside = [c for c in cs if any(within(c, a) for a in context if a)]
            if inside:
                cs = inside
        if len(cs) > 1 and region and region != PROVINCE_ADCODE:
            inside = [c for c in cs if within(c, region)]
            if inside:
                cs = inside
        if len(cs) > 1 and not text.endswith(TOWNSHIP_SUFFIXES):
            admin = [c for c in cs if c.kind in ADMIN_KINDS]
            if admin:
                cs = admin
            # 东营 -> 东营市 and 东营区: a city and its own district share the short name; the city is meant
            cities = [c for c in cs if c.kind == "city"]
            if len(cities) == 1 and all(c is cities[0] or within(c, cities[0].adcode) for c in cs):
                cs = cities

        # 金乡 -> 金乡县 and 金乡街道 inside it: the county and its own seat share the short name (金乡 ends in 乡)
        counties = [c for c in cs if c.kind == "county"]
        if len(cs) > 1 and len(counties) == 1:
            county = counties[0]
            if all(c is county or (within(c, county.adcode) and c.name != text) for c in cs):
                cs = counties
        if len(cs) > 1:  # the same unit reached twice (a name and an alias of one place)
            units = {(precision_of(c), admin_code(c), c.name) for c in cs}
            if len(units) == 1:
                cs = cs[:1]
        return cs

    def unit_key(self, pick: Pick):
        p = pick.place
        if pick.precision in ("township", "region", "site"):
            return (pick.precision, p.name, county_code(p))
        return (pick.precision, admin_code(p))

    def most_precise(self, picks: list[Pick], project: Project) -> tuple[list[Pick], list[Unresolved]]:
        """The picks at the best precision that every coarser admin unit mentioned contains, one per
        distinct unit (several: the project spans them), and a problem for each pick outside them."""
        problems: list[Unresolved] = []
        picks = sorted(picks, key=lambda p: PRECISION_RANK[p.precision])
        coarse_admin = [p for p in picks if p.place.kind in ("county", "city")]
        consistent = []
        for p in picks:
            bad = [
                c
                for c in coarse_admin
                if PRECISION_RANK[c.precision] > PRECISION_RANK[p.precision]
                and not within(p.place, c.place.adcode)
            ]
            if bad:
                where = f"{label(self.units, p.place)}不在{bad[0].place.name}境内：不采用"
                problems.append(make_problem(project, p.mention, where))
            else:
                consistent.append(p)
        if not consistent:
            return [], problems
        rank = PRECISION_RANK[consistent[0].precision]
        distinct: dict[Any, Pick] = {}
        for p in consistent:
            if PRECISION_RANK[p.precision] == rank:
                distinct.setdefault(self.unit_key(p), p)
        return list(distinct.values()), problems
