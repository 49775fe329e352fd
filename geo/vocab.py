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


# One palette for every map (web app and briefing report): colour (hex), matplotlib marker, and a
# Font Awesome icon name for the map's markers (static/vendor/fontawesome/icons.json). Colours are distinct on white and on the pale basemap.
CATEGORY_STYLE: dict[str, dict[str, str]] = {
    "solar": {"color": "#E6A700", "marker": "o", "icon": "sun"},
    "wind": {"color": "#3A9BDC", "marker": "^", "icon": "fan"},
    "nuclear": {"color": "#8E44AD", "marker": "s", "icon": "radiation"},
    "pumped_storage": {"color": "#1F4E9C", "marker": "D", "icon": "water"},
    "storage": {"color": "#17A2B8", "marker": "h", "icon": "battery-full"},
    "hydrogen": {"color": "#2CA58D", "marker": "P", "icon": "flask"},
    "biomass": {"color": "#6A9F3A", "marker": "v", "icon": "leaf"},
    "waste_energy": {"color": "#8C6D31", "marker": "X", "icon": "recycle"},
    "gas_power": {"color": "#E8743B", "marker": "p", "icon": "fire"},
    "coal_power": {"color": "#3C3C3C", "marker": "s", "icon": "industry"},
    "lng": {"color": "#D0488F", "marker": "H", "icon": "ship"},
    "gas_pipeline": {"color": "#F28E2B", "marker": "d", "icon": "grip-lines"},
    "oil": {"color": "#7F3C1E", "marker": "8", "icon": "oil-can"},
    "oil_pipeline": {"color": "#A0522D", "marker": "d", "icon": "grip-lines"},
    "grid": {"color": "#C0392B", "marker": "*", "icon": "bolt"},
    "ccus": {"color": "#5D6D7E", "marker": "o", "icon": "cloud"},
    "heat": {"color": "#E15759", "marker": "<", "icon": "thermometer-half"},
    "industry": {"color": "#9C755F", "marker": ">", "icon": "industry"},
    "transport": {"color": "#4E79A7", "marker": "v", "icon": "truck"},
    "ecology": {"color": "#3E8E41", "marker": "^", "icon": "tree"},
    "circular": {"color": "#B07AA1", "marker": "h", "icon": "sync"},
    "other": {"color": "#8E8E8E", "marker": "o", "icon": "map-marker"},
}


def category_color(code: str) -> str:
    return CATEGORY_STYLE.get(code, CATEGORY_STYLE["other"])["color"]
