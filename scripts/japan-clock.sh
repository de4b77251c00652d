#!/usr/bin/env bash
# Runs a command with the wall clock of it and every process it starts set to a Japan time of
# today, through Debian's libfaketime:  scripts/japan-clock.sh 08:30 npx vitest run
# An offset rather than a start time, so that a child started later sees the same clock as its
# parent; JAPAN_CLOCK_OFFSET (seconds, as `scripts/japan-clock.sh --offset 08:30` prints it)
# pins one offset for several commands, e.g. a PostgreSQL server and the suite that uses it.
# The monotonic clock stays real, so that timers and timeouts keep their length.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v faketime > /dev/null; then
  echo 'faketime がありません。apt-get install -y faketime で入れてください。' >&2
  exit 1
fi
offset_for() { echo $(( $(date -d "$(TZ=Asia/Tokyo date +%F) $1 +0900" +%s) - $(date +%s) )); }
if [ "${1:-}" = --offset ]; then
  offset_for "$2"
  exit 0
fi
time=$1
shift
offset=${JAPAN_CLOCK_OFFSET:-$(offset_for "$time")}
clock=(env DONT_FAKE_MONOTONIC=1 faketime -f "$(printf '%+ds' "$offset")")
seen=$("${clock[@]}" npx tsx -e "import { formatJapanTime } from './src/shared/dates.ts'; console.log(formatJapanTime(new Date()))")
case "$seen" in "$(TZ=Asia/Tokyo date +%F) ${time%?}"*) ;; *)
  echo "the fake clock did not reach a child process (saw ${seen}, wanted ${time})" >&2
  exit 1
  ;;
esac
echo "== with the clock at ${time} Japan time (a child process sees ${seen}): $*"
exec "${clock[@]}" "$@"
