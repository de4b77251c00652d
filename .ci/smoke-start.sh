#!/usr/bin/env bash
# `npm start` on an empty data folder must serve the demo city with /healthz 200 within 60 s,
# and the data must survive a restart.
set -euo pipefail
data=$(mktemp -d)
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
log="$data/server.log"

run_once() {
  KEITAX_DATA_DIR="$data/db" PORT="$port" npm start >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  cat "$log"; kill "$pid" 2>/dev/null || true
  echo "FAIL: /healthz did not answer within 60 s"; exit 1
}

stop() {
  # npm start runs node as a child: stop the whole group so PGlite flushes and closes.
  pkill -TERM -P "$pid" 2>/dev/null || true
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
