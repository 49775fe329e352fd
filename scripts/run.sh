#!/usr/bin/env bash
# Installs the project into .venv and starts the map app on the bundled data.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e .
exec .venv/bin/streamlit run serve.py --server.headless true --browser.gatherUsageStats false "$@"
