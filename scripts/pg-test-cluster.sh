#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the PostgreSQL store's tests, on 127.0.0.1 and a free port.
#   scripts/pg-test-cluster.sh start   creates and starts it; prints `export KORA_TEST_PG=postgres://…` (eval it)
#   scripts/pg-test-cluster.sh stop    stops it and deletes its folder
# Works as root (initdb and postgres then run as the `postgres` user) and as an ordinary user.
# State lives in $KORA_PG_STATE (default /tmp/kora-pg-test.state) so that `stop` finds the cluster.
# $KORA_PG_OPTIONS adds server options after the defaults (later wins), e.g. "-c fsync=on -c shared_buffers=2GB".
set -euo pipefail

STATE="${KORA_PG_STATE:-/tmp/kora-pg-test.state}"
DB_NAME=kora_test

bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -z "$dir" ] && command -v pg_ctl >/dev/null 2>&1; then dir="$(dirname "$(command -v pg_ctl)")"; fi
  if [ -z "$dir" ]; then
    echo "pg-test-cluster: no PostgreSQL found; install it (apt-get install -y postgresql)" >&2
    exit 1
  fi
  echo "$dir"
}

# Runs a command as the cluster owner: `postgres` when we are root (the server refuses root), else ourselves.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  local bin dir port user
  # The `postgres` user may not be able to read the caller's working directory (a checkout under /root).
  cd /tmp
  bin="$(bindir)"
  dir="$(mktemp -d /tmp/kora-pg.XXXXXX)"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; user=postgres; else user="$(id -un)"; fi
  port="$(free_port)"
  as_owner "$bin/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # fsync off: a test cluster is thrown away, so durability buys nothing and costs seconds.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 ${KORA_PG_OPTIONS:-}" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$DB_NAME"
  printf 'DIR=%q\nBIN=%q\n' "$dir" "$bin" >"$STATE"
  echo "export KORA_TEST_PG=postgres://$user@127.0.0.1:$port/$DB_NAME"
}

stop() {
  [ -f "$STATE" ] || return 0
  # shellcheck disable=SC1090
  source "$STATE"
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR" "$STATE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
