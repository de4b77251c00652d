# A throwaway PostgreSQL server for CI and local runs of `npm run test:pg`:
#   source .ci/postgres.sh && start_postgres && npm run test:pg; stop_postgres
# Runs as root (initdb as the postgres user), listens on 127.0.0.1 on a free port, lives in a
# temp folder, and exports DATABASE_URL. JAPAN_CLOCK_OFFSET set: the server runs on that fake clock.

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    apt-get update -qq && apt-get install -y -qq postgresql postgresql-contrib >/dev/null
    dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$dir"
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

start_postgres() {
  local bin
  bin=$(pg_bin)
  PG_TMP=$(mktemp -d)
  chown postgres:postgres "$PG_TMP"
  PG_PORT=$(free_port)
  runuser -u postgres -- "$bin/initdb" -D "$PG_TMP/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  # With JAPAN_CLOCK_OFFSET (scripts/japan-clock.sh), the server keeps the same fake clock as the suite.
  local clock=()
  # The library itself rather than the faketime wrapper, which would wait on the server forever.
  if [ -n "${JAPAN_CLOCK_OFFSET:-}" ]; then
    clock=(env DONT_FAKE_MONOTONIC=1 "LD_PRELOAD=$(find /usr/lib -name libfaketime.so.1 | head -n 1)" "FAKETIME=$(printf '%+ds' "$JAPAN_CLOCK_OFFSET")")
  fi
  # pg_ctl's own wait compares the server's start time with its clock, so wait with pg_isready.
  runuser -u postgres -- "${clock[@]}" "$bin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -W \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_TMP -c fsync=off -c full_page_writes=off" start >/dev/null
  local waited=0
  until "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; do
    if [ $(( waited += 1 )) -gt 120 ]; then cat "$PG_TMP/server.log" >&2; return 1; fi
    sleep 0.5
  done
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
  export PG_BIN="$bin"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  if [ -n "${PG_TMP:-}" ] && [ -d "$PG_TMP/data" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m fast stop >/dev/null || true
    rm -rf "$PG_TMP"
  fi
}
