#!/usr/bin/env bash
# The PGlite suite with the wall clock of every process — vitest, its workers, PGlite and the
# CLI children the tests spawn — set to the given Japan times of today (default 08:30, when the
# UTC date is still yesterday, and 23:30), through scripts/japan-clock.sh.
#   npm run test:clock                # 08:30 and 23:30 JST
#   npm run test:clock -- 00:05 08:59 # other times, same day
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- 08:30 23:30
for time in "$@"; do
  scripts/japan-clock.sh "$time" npx vitest run
done
