#!/usr/bin/env bash
# Starts the demo: the gateway simulator with demo tenants. `npm run demo` runs this.
set -euo pipefail
cd "$(dirname "$0")/.."
exec npx tsx sim/cli.ts --port "${SIM_PORT:-9000}" --seed demo --data "${SIM_DATA:-.data/sim}"
