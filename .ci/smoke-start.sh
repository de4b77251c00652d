#!/usr/bin/env bash
# `npm start` on an empty data folder must serve the demo city with /healthz 200 within 60 s,
# and the data must survive a restart. While it runs, the README's operator commands (`npx keitax
# …`) go through the running server and take effect in it at once; after it stops, the audit
# chain they extended verifies.
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

# The README's commands, exactly as an operator types them in another terminal.
keitax() { env -u DATABASE_URL KEITAX_DATA_DIR="$data/db" npx keitax "$@"; }

# D006 may start a passkey enrolment (password and one-time code) until disabled, then not.
enrolment_status() {
  curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' \
    -d "{\"staffNo\":\"D006\",\"password\":\"Koshigaya-Demo-2026!\",\"enrollmentCode\":\"$1\"}" \
    "http://127.0.0.1:$port/api/v1/auth/passkeys/options"
}

operator_commands_while_serving() {
  keitax --help | grep -q 'staff' || { echo "FAIL: npx keitax --help"; exit 1; }
  code=$(keitax staff enrollment-code --staff-no D006 | grep -oE '[A-Z0-9]{4,}(-[A-Z0-9]{4,})+' | head -n 1)
  [ -n "$code" ] || { echo "FAIL: no enrolment code for D006"; exit 1; }
  [ "$(enrolment_status "$code")" = 200 ] || { echo "FAIL: D006 cannot enrol before being disabled"; exit 1; }
  keitax staff disable --staff-no D006 --reason 退職
  status=$(enrolment_status "$code")
  [ "$status" = 401 ] || { echo "FAIL: the server still lets disabled D006 in ($status)"; exit 1; }
  keitax import residents docs/examples/resident-changes-demo.csv | tee "$data/import.txt"
  grep -qE '(applied|反映) *3' "$data/import.txt" || { echo "FAIL: the resident changes were not applied"; exit 1; }
  keitax audit checkpoint
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
operator_commands_while_serving
stop
grep -q "demo city 112224 loaded" "$log" || { echo "FAIL: demo city was not loaded on first start"; exit 1; }

# A lost data folder would load the demo city again; the audit chain must verify across restarts.
run_once
check_city
stop
grep -q "demo city" "$log" && { echo "FAIL: demo city loaded again on restart"; exit 1; }
staff=$(keitax staff list)
grep -q "^D009" <<<"$staff" || { echo "FAIL: demo staff lost across restart"; exit 1; }
grep -qE "^D006.*disabled" <<<"$staff" || { echo "FAIL: D006 disabled through the server was lost"; exit 1; }
verify=$(keitax audit verify) || { echo "$verify"; echo "FAIL: audit chain does not verify"; exit 1; }
rm -rf "$data"
echo "npm start: demo city served, /healthz 200, npx keitax commands took effect in the running server, data and audit chain kept across restart"
