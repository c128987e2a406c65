#!/usr/bin/env bash
# Starts the demo: gateway simulator with demo tenants, console on http://localhost:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
exec npx tsx scripts/demo.ts
