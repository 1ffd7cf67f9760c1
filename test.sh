#!/usr/bin/env bash
# Runs every test against throwaway PostgreSQL and Redis servers of its own, then prints "N passed, N failed".
# Works as root (CI) and as a normal user; installs the Debian packages it needs when they are missing.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '[test.sh] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else
    log "need root to run: $*"; return 1; fi
}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
RUN=$(mktemp -d /tmp/sv-test.XXXXXX)
chmod 755 "$RUN"

free_port() {
  local port
  while :; do
    port=$(( (RANDOM % 20000) + 30000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
PG_PORT=$(free_port)
REDIS_PORT=$(free_port)

pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

REDIS_PID=""
cleanup() {
  pg "$PG_BIN/pg_ctl" -D "$RUN/pg" -m immediate stop >/dev/null 2>&1 || true
  [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null || true
  rm -rf "$RUN"
}
trap cleanup EXIT

mkdir -p "$RUN/pg" "$RUN/sock"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$RUN/pg" "$RUN/sock"
pg "$PG_BIN/initdb" -D "$RUN/pg" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
# fsync and friends off: a throwaway test cluster never needs crash safety.
pg "$PG_BIN/pg_ctl" -D "$RUN/pg" -l "$RUN/sock/pg.log" -w -t 60 \
  -o "-p $PG_PORT -k $RUN/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null
log "PostgreSQL on 127.0.0.1:$PG_PORT"

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
  --dir "$RUN" --pidfile "$RUN/redis.pid" --logfile "$RUN/redis.log"
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
REDIS_PID=$(cat "$RUN/redis.pid")
log "Redis on 127.0.0.1:$REDIS_PORT"

export SV_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
export SV_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

set +e
# A hung test fails the run after 10 minutes of silence instead of running into the CI limit.
dotnet test StockVision.sln -c Release --logger "trx" --results-directory "$RUN/results" \
  --blame-hang-timeout 10m --blame-hang-dump-type none "$@"
rc=$?
set -e

passed=0; failed=0
for trx in "$RUN"/results/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
echo "$passed passed, $failed failed"
if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
