#!/usr/bin/env bash
# Publishes StockVision (Release), starts it on its embedded PostgreSQL, warms it up, then measures each URL with wrk
# and prints requests/s and p99 latency, plus the stock page's throughput as a share of the static asset's.
#   bench/run.sh [--duration 15] [--connections 32]
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
OUT="$REPO/bench/results"
DURATION=15
CONNECTIONS=32
PORT=5090
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
SCREEN="/screener?q=Return+on+equity+%3E+15%25%0AMarket+capitalization+%3E+10000"
URLS=("/" "/stocks/RELIANCE" "$SCREEN" "/css/site.css")

command -v wrk >/dev/null || {
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; fi
}

mkdir -p "$OUT"
echo "[bench] publishing Release" >&2
dotnet publish StockVision/StockVision.csproj -c Release -o "$OUT/publish" -nologo -v quiet -clp:ErrorsOnly >/dev/null

data_dir="$OUT/postgres"
if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$REPO"; then data_dir="/var/lib/stockvision/bench-postgres"; fi

(
  cd "$OUT/publish"
  ASPNETCORE_URLS="http://127.0.0.1:$PORT" ASPNETCORE_ENVIRONMENT=Production Security__RequireHttps=false \
  EmbeddedPostgres__DataDirectory="$data_dir" EmbeddedPostgres__Port=5434 DataProtection__KeysDirectory="$OUT/keys" \
  Logging__LogLevel__Default=Warning exec dotnet StockVision.dll
) >"$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT

for _ in $(seq 120); do
  curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null || { echo "the app did not become ready; see $OUT/app.log" >&2; exit 1; }

echo "[bench] warming up" >&2
for url in "${URLS[@]}"; do wrk -t1 -c"$CONNECTIONS" -d5s "http://127.0.0.1:$PORT$url" >/dev/null; done

printf '%-28s %12s %10s\n' "url" "requests/s" "p99"
declare -A RPS
for url in "${URLS[@]}"; do
  result=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$PORT$url")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$result")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$result")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$result")
  RPS[$url]=$rps
  printf '%-28s %12s %10s %s\n' "$url" "$rps" "$p99" "$errors"
done
awk -v s="${RPS[/stocks/RELIANCE]}" -v a="${RPS[/css/site.css]}" \
  'BEGIN { printf "stock page / static asset: %.0f %% (target >= 40 %%)\n", 100 * s / a }'
awk -v s="${RPS[$SCREEN]}" -v a="${RPS[/css/site.css]}" \
  'BEGIN { printf "screener results page / static asset: %.0f %% (target >= 30 %%)\n", 100 * s / a }'
