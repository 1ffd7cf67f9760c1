#!/usr/bin/env bash
# Serves StockVision on http://127.0.0.1:5080 (change with --port N or PORT=N).
#
# With no ConnectionStrings__Postgres in the environment the app starts a private PostgreSQL cluster under .data/,
# migrates it and loads the bundled NSE data; Ctrl-C stops the app and that cluster. Redis is optional
# (ConnectionStrings__Redis). Works as root and as a normal user.
set -euo pipefail
cd "$(dirname "$0")"
REPO=$(pwd)

log() { printf '[run.sh] %s\n' "$*" >&2; }

PORT=${PORT:-5080}
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT=${2:?--port needs a number}; shift 2 ;;
    --port=*) PORT=${1#--port=}; shift ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) log "unknown argument: $1 (try --help)"; exit 2 ;;
  esac
done
case "$PORT" in ''|*[!0-9]*) log "the port must be a number, not '$PORT'"; exit 2 ;; esac

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; return 1; fi
}

if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    log "installing the Debian package postgresql (its server binaries run the embedded database)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  data_dir="$REPO/.data/postgres"
  # As root the cluster belongs to the postgres account, which must be able to reach it through every parent folder.
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$REPO"; then
    data_dir="/var/lib/stockvision/postgres"
    log "$REPO is not reachable by the postgres account; keeping the database in $data_dir instead"
  fi
  export EmbeddedPostgres__DataDirectory="$data_dir"
fi

log "building (Release)"
dotnet build StockVision/StockVision.csproj -c Release -nologo -v quiet -clp:ErrorsOnly

export ASPNETCORE_URLS="http://127.0.0.1:$PORT"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# Plain HTTP on loopback: cookies cannot be Secure-only here. Deployments keep the default (true) behind TLS.
export Security__RequireHttps="${Security__RequireHttps:-false}"
export DataProtection__KeysDirectory="${DataProtection__KeysDirectory:-$REPO/.data/keys}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log "serving on http://127.0.0.1:$PORT (Ctrl-C stops the app and the database it started)"
# The app's own folder is its content root, so appsettings*.json beside the binaries apply.
cd StockVision/bin/Release/net10.0
exec dotnet StockVision.dll
