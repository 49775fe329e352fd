"""The look of the briefing: page size, the map's box on page 1, ink and basemap colours."""

from __future__ import annotations

PAGE_SIZE_IN = (297 / 25.4, 210 / 25.4)  # A4 landscape
MAP_BOX_IN = (0.55, 0.5, 8.0, PAGE_SIZE_IN[1] - 0.9 - 0.5 - 0.12)  # left, bottom, width, height on page 1

INK = "#222222"
MUTED = "#666666"
RULE = "#2F4B66"  # the header rule and the tables' header row

# Colours of the basemap
SEA = "#DCEBF5"
LAND_OUT = "#ECECEA"  # neighbouring provinces
LAND_CONTEXT = "#F4F3EF"  # Shandong outside the selected cities
LAND_FOCUS = "#FFFFFF"
FOCUS_FILL = "#FFF1C9"  # the selected counties
CITY_EDGE = "#555555"
COUNTY_EDGE = "#A8A8A8"
PROVINCE_EDGE = "#333333"
RING_EDGE = "#777777"  # the dashed circle around a city's (or the province's) stacked projects
