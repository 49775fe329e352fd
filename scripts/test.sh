#!/usr/bin/env bash
# Installs the project with its test extras into .venv, plus the system tools the tests drive
# (Debian's chromium + chromedriver for the browser test, a CJK font so Chromium draws the map's Chinese,
# poppler-utils for PDF checks, GDAL's ogrinfo and GeoPackage validator and LibreOffice for the format tests),
# then lints (ruff, configured in pyproject.toml) and runs pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
command -v ogrinfo >/dev/null 2>&1 || need+=(gdal-bin)
[ -f /usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py ] || need+=(python3-gdal)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
# PostgreSQL server (+ PostGIS) for the store and PostGIS tests; the tests start their own (tests/pgserver.py).
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
compgen -G "/usr/share/postgresql/*/extension/postgis.control" >/dev/null || need+=(postgresql-15-postgis-3)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "note: ${need[*]} not installed; the tests that need them will be skipped" >&2
  fi
fi
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e ".[test]"
.venv/bin/ruff check --quiet . && .venv/bin/ruff format --check --quiet .
exec .venv/bin/python -m pytest "$@"
