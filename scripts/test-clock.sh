#!/usr/bin/env bash
# The PGlite suite with the wall clock of every process — vitest, its workers, PGlite and the
# CLI children the tests spawn — set to the given Japan times of today (default 08:30, when the
# UTC date is still yesterday, and 23:30), through Debian's libfaketime. An offset rather than
# a start time, so that a child started later sees the same clock as its parent; the monotonic
# clock stays real so that timers and timeouts keep their length.
#   npm run test:clock                # 08:30 and 23:30 JST
#   npm run test:clock -- 00:05 08:59 # other times, same day
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v faketime > /dev/null; then
  echo 'faketime がありません。apt-get install -y faketime で入れてください。' >&2
  exit 1
fi
[ $# -gt 0 ] || set -- 08:30 23:30
today=$(TZ=Asia/Tokyo date +%F)
for time in "$@"; do
  offset=$(( $(date -d "$today $time +0900" +%s) - $(date +%s) ))
  clock=(env DONT_FAKE_MONOTONIC=1 faketime -f "$(printf '%+ds' "$offset")")
  seen=$("${clock[@]}" npx tsx -e "import { formatJapanTime } from './src/shared/dates.ts'; console.log(formatJapanTime(new Date()))")
  echo "== npm test with the clock at ${today} ${time} Japan time (a child process sees ${seen})"
  case "$seen" in "$today ${time%?}"*) ;; *)
    echo "the fake clock did not reach a child process (saw ${seen})" >&2
    exit 1
    ;;
  esac
  "${clock[@]}" npx vitest run
done
