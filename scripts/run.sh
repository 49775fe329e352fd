#!/usr/bin/env bash
# Installs the project into .venv and starts the map app on the bundled data.
# Listens on 127.0.0.1 (this machine only) unless told otherwise: SDCARBON_ADDRESS=0.0.0.0 bash scripts/run.sh,
# or pass --server.address yourself (other arguments go to `streamlit run` as well).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e .
address=(--server.address "${SDCARBON_ADDRESS:-127.0.0.1}")
for arg in "$@"; do
  case "$arg" in --server.address | --server.address=*) address=() ;; esac
done
exec .venv/bin/streamlit run serve.py --server.headless true --browser.gatherUsageStats false "${address[@]}" "$@"
