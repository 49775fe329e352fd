"""Shandong carbon-peak plans as map data."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
LAYERS_DIR = REPO_ROOT / "layers"
SEEDS_DIR = REPO_ROOT / "seeds"
DEFAULT_BUILD_DIR = REPO_ROOT / "build"
PROVINCE_ADCODE = "370000"  # Shandong (GB/T 2260)
