#!/usr/bin/env bash
# `npm start` on an empty data folder must serve the demo city with /healthz 200 within 60 s,
# and the data must survive a restart.
set -euo pipefail
data=$(mktemp -d)
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
log="$data/server.log"

run_once() {
  # Embedded mode: a DATABASE_URL left in the environment (CI exports one) must not redirect it.
  # setsid: npm, its shell and node form one process group that stop() can end together.
  env -u DATABASE_URL KEITAX_DATA_DIR="$data/db" PORT="$port" setsid npm start >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  cat "$log"; kill "$pid" 2>/dev/null || true
  echo "FAIL: /healthz did not answer within 60 s"; exit 1
}

stop() {
  # SIGTERM to the whole group: node shuts down cleanly so PGlite flushes and closes.
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do
    pgrep -g "$pid" >/dev/null || break
    sleep 1
  done
  if pgrep -g "$pid" >/dev/null; then echo "FAIL: keitax did not stop on SIGTERM"; kill -KILL -- "-$pid"; exit 1; fi
  wait "$pid" 2>/dev/null || true
}

check_city() {
  curl -fsS "http://127.0.0.1:$port/" | grep -q '<div id="root">' || { echo "FAIL: / does not serve the screens"; exit 1; }
  city=$(curl -fsS "http://127.0.0.1:$port/api/v1/municipality")
  echo "$city" | grep -q '"name":"越谷市".*"isDemo":true' || { echo "FAIL: no demo city: $city"; exit 1; }
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/system/status")" = 401 ] \
    || { echo "FAIL: the status page answers without sign-in"; exit 1; }
}

run_once
check_city
stop
grep -q "demo city 112224 loaded" "$log" || { echo "FAIL: demo city was not loaded on first start"; exit 1; }

# A lost data folder would load the demo city again; the audit chain must verify across restarts.
run_once
check_city
stop
grep -q "demo city" "$log" && { echo "FAIL: demo city loaded again on restart"; exit 1; }
staff=$(env -u DATABASE_URL KEITAX_DATA_DIR="$data/db" node dist/cli/main.js staff list)
grep -q "^D009" <<<"$staff" || { echo "FAIL: demo staff lost across restart"; exit 1; }
verify=$(env -u DATABASE_URL KEITAX_DATA_DIR="$data/db" node dist/cli/main.js audit verify) || { echo "$verify"; echo "FAIL: audit chain does not verify"; exit 1; }
rm -rf "$data"
echo "npm start: demo city served, /healthz 200, data and audit chain kept across restart"
