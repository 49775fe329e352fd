"""The command-line tools GIS and office users open our files with, for the format tests: GDAL's ``ogrinfo``
and GeoPackage validator (Debian's gdal-bin, python3-gdal), LibreOffice headless. Each helper skips the test
with the reason when its tool is missing (scripts/test.sh installs them)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

# python3-gdal ships it here on Debian; GDAL's sources have it in swig/python/gdal-utils/osgeo_utils/samples
VALIDATE_GPKG = Path("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py")


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} not installed (Debian package {package}; scripts/test.sh installs it)")
    return path


def ogrinfo(*args: str | Path) -> subprocess.CompletedProcess:
    """``ogrinfo ARGS`` (GDAL of the system, not the wheel's), output as text; fails the test on a non-zero exit."""
    exe = _tool("ogrinfo", "gdal-bin")
    proc = subprocess.run([exe, *map(str, args)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc


def layers_of(path: Path) -> dict[str, str]:
    """{layer name: geometry type} as ogrinfo lists them ("1: projects (Point)")."""
    out = {}
    for line in ogrinfo("-q", path).stdout.splitlines():
        head, _, rest = line.partition(": ")
        if head.strip().isdigit():
            name, _, gtype = rest.partition(" (")
            out[name] = gtype.rstrip(")") if gtype else "Unknown"  # ogrinfo prints no type for a mixed layer
    return out


def validate_gpkg(path: Path) -> subprocess.CompletedProcess:
    _tool("python3", "python3")
    if not VALIDATE_GPKG.is_file():
        pytest.skip(f"GDAL's GeoPackage validator not found at {VALIDATE_GPKG} (Debian package python3-gdal)")
    return subprocess.run(
        ["/usr/bin/python3", str(VALIDATE_GPKG), str(path)], capture_output=True, text=True, timeout=120
    )


def soffice_to_csv(path: Path, out_dir: Path) -> Path:
    """The first sheet of a spreadsheet as CSV by LibreOffice headless: UTF-8, every text cell quoted, so a
    text "371122" and a number 371122 differ."""
    exe = _tool("soffice", "libreoffice-calc")
    # filter options: separator ",", quote '"', UTF-8 (76), from line 1, -, -, quote all text cells
    target = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true"
    profile = out_dir / "lo-profile"
    proc = subprocess.run(
        [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
         "--outdir", str(out_dir), str(path)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    result = out_dir / (Path(path).stem + ".csv")
    assert proc.returncode == 0 and result.is_file(), proc.stdout + proc.stderr
    return result
