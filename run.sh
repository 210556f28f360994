#!/usr/bin/env bash
# Installs what pedesk needs (first time only) and starts it; arguments go to pedesk (e.g. --demo).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/bootstrap.sh
exec .venv/bin/pedesk "$@"
