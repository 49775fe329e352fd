"""Category codes used in every output, with Chinese and English labels."""

from __future__ import annotations

CATEGORIES: dict[str, tuple[str, str]] = {
    "solar": ("光伏", "Solar PV"),
    "wind": ("风电", "Wind"),
    "nuclear": ("核电", "Nuclear"),
    "pumped_storage": ("抽水蓄能", "Pumped storage"),
    "storage": ("新型储能", "Battery / new storage"),
    "hydrogen": ("氢能", "Hydrogen"),
    "biomass": ("生物质能", "Biomass"),
    "waste_energy": ("垃圾发电", "Waste-to-energy"),
    "gas_power": ("燃气发电", "Gas power"),
    "coal_power": ("煤电", "Coal power"),
    "lng": ("LNG接收站", "LNG terminal"),
    "gas_pipeline": ("天然气管道", "Gas pipeline"),
    "oil": ("石油炼化", "Oil & refining"),
    "oil_pipeline": ("输油管道", "Oil pipeline"),
    "grid": ("电网", "Grid"),
    "ccus": ("CCUS", "CCUS"),
    "heat": ("供热", "Heat"),
    "industry": ("工业", "Industry"),
    "transport": ("交通", "Transport"),
    "ecology": ("生态碳汇", "Ecology & carbon sinks"),
    "circular": ("循环经济", "Circular economy"),
    "other": ("其他", "Other"),
}

# Target indicators: the project categories plus aggregates.
TARGET_INDICATORS: dict[str, tuple[str, str]] = {
    **CATEGORIES,
    "renewable": ("可再生能源", "Renewables (all)"),
    "gas": ("天然气供应", "Gas supply / use"),
}

ENERGY_CATEGORIES = frozenset(
    {
        "solar",
        "wind",
        "nuclear",
        "pumped_storage",
        "storage",
        "hydrogen",
        "biomass",
        "waste_energy",
        "gas_power",
        "coal_power",
        "lng",
        "gas_pipeline",
        "oil",
        "oil_pipeline",
        "grid",
        "ccus",
        "heat",
    }
)


def category_zh(code: str) -> str:
    return CATEGORIES[code][0]


def category_en(code: str) -> str:
    return CATEGORIES[code][1]
