#!/usr/bin/env bash
# SSE fan-out: publishes StockVision (Release), starts it on its embedded PostgreSQL with the simulated market
# ticking around the clock, opens many /stream/quotes subscribers with bench/SseLoad, and prints the client's summary
# (connections held, messages/s, tick-to-client latency percentiles, the server's RSS and CPU).
#   bench/sse.sh [--connections 10000] [--symbols-per-connection 5] [--ramp 20] [--measure 60] [--warmup 5]
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
OUT="$REPO/bench/results/sse"
CONNECTIONS=10000
SYMBOLS=5
RAMP=20
MEASURE=60
WARMUP=5
PORT=5091
PG_PORT=5435
while [ $# -gt 0 ]; do
  case "$1" in
    --connections) CONNECTIONS=$2; shift 2 ;;
    --symbols-per-connection) SYMBOLS=$2; shift 2 ;;
    --ramp) RAMP=$2; shift 2 ;;
    --measure) MEASURE=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

# Each subscriber is one socket in the client and one in the server; both processes inherit this limit. Containers
# often cap the hard limit (20000 here), which still leaves room for 10,000 subscribers.
ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" -lt $((CONNECTIONS + 1000)) ]; then
  echo "[sse] open-file limit $(ulimit -n) is too low for $CONNECTIONS connections" >&2
  exit 1
fi

mkdir -p "$OUT"
echo "[sse] publishing Release" >&2
dotnet publish StockVision/StockVision.csproj -c Release -o "$OUT/publish" -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build bench/SseLoad -c Release -o "$OUT/client" -nologo -v quiet -clp:ErrorsOnly >/dev/null

data_dir="$OUT/postgres"
if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$REPO"; then data_dir="/var/lib/stockvision/bench-sse-postgres"; fi

(
  cd "$OUT/publish"
  ASPNETCORE_URLS="http://127.0.0.1:$PORT" ASPNETCORE_ENVIRONMENT=Production Security__RequireHttps=false \
  EmbeddedPostgres__DataDirectory="$data_dir" EmbeddedPostgres__Port=$PG_PORT DataProtection__KeysDirectory="$OUT/keys" \
  Market__Live__AlwaysOpen=true Market__Live__MaxStreamsPerClient=1000000 Logging__LogLevel__Default=Warning exec dotnet StockVision.dll
) >"$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT

ready() { curl -fs "http://127.0.0.1:$PORT/health/ready" 2>/dev/null; }
for _ in $(seq 120); do
  ready >/dev/null && break
  sleep 1
done
ready >/dev/null || { echo "[sse] the app did not become ready; see $OUT/app.log" >&2; exit 1; }
# Ready answers before the ingest leader has taken its lock and published a first batch.
for _ in $(seq 60); do
  ready | grep -q '"source":"simulated"' && break
  sleep 1
done
ready | grep -q '"source":"simulated"' || { echo "[sse] the simulated feed is not ticking: $(ready)" >&2; exit 1; }

echo "[sse] $CONNECTIONS subscribers x $SYMBOLS symbols: ramp ${RAMP}s, warm-up ${WARMUP}s, measure ${MEASURE}s" >&2
dotnet "$OUT/client/SseLoad.dll" --url "http://127.0.0.1:$PORT" --connections "$CONNECTIONS" \
  --symbols-per-connection "$SYMBOLS" --ramp-seconds "$RAMP" --warmup-seconds "$WARMUP" --measure-seconds "$MEASURE" \
  --symbol-list "$REPO/StockVision/Data/nifty50-ohlcv/constituents.csv" --server-pid "$APP"
