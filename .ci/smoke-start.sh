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

run_once
curl -fsS "http://127.0.0.1:$port/" | grep -q '<div id="root">' || { echo "FAIL: / does not serve the screens"; exit 1; }
first=$(curl -fsS "http://127.0.0.1:$port/api/v1/system/status")
echo "$first" | grep -q '"currentVehicles":[1-9]' || { echo "FAIL: no demo city: $first"; exit 1; }
stop
grep -q "demo city 112224 loaded" "$log" || { echo "FAIL: demo city was not loaded on first start"; exit 1; }

run_once
second=$(curl -fsS "http://127.0.0.1:$port/api/v1/system/status")
stop
grep -q "demo city" "$log" && { echo "FAIL: demo city loaded again on restart"; exit 1; }
[ "$(echo "$first" | grep -o '"register":{[^}]*}')" = "$(echo "$second" | grep -o '"register":{[^}]*}')" ] \
  || { echo "FAIL: data changed across restart: $first / $second"; exit 1; }
rm -rf "$data"
echo "npm start: demo city served, /healthz 200, data kept across restart"
