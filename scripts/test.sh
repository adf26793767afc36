#!/usr/bin/env bash
# Runs every test on SQLite and on a real PostgreSQL server that this script installs
# (Debian package) and starts itself, on a free local port, in a throw-away cluster; the UI
# tests drive Debian's Chromium (installed here too) and leave screenshots in TestResults/ui.
# Extra arguments go to "dotnet test" (e.g. --filter BulkRows). Ends with one line: "N passed, M failed[, K skipped]", summed from the TRX results.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

# --- PostgreSQL -------------------------------------------------------------------------
# A developer may point SECURESHARE_TEST_POSTGRES at a server of their own; otherwise one is started here.
if [ -z "${SECURESHARE_TEST_POSTGRES:-}" ]; then
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/postgres" ]; then
  echo "Installing PostgreSQL (Debian package)..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

pg_dir=$(mktemp -d /tmp/secureshare-pg.XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
pg_password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir"; fi
echo "$pg_password" > "$pg_dir/.pw"; chmod 600 "$pg_dir/.pw"
if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir/.pw"; fi
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=scram-sha-256 --pwfile="$pg_dir/.pw" -E UTF8 >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
cleanup() {
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap cleanup EXIT
export SECURESHARE_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password;Include Error Detail=true"
fi

# --- Chromium for the UI tests (Debian's package; Playwright never downloads a browser) -----
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium (Debian package)..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

# --- openssl, which scripts/audit-chain.py checks signed audit heads with (the tests run the script) ----
if ! command -v openssl >/dev/null 2>&1; then
  echo "Installing openssl (Debian package)..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq openssl >/dev/null
fi

# --- yamllint and HAProxy, to check deploy/ (Debian packages) -------------------------------------------------
missing=()
command -v yamllint >/dev/null 2>&1 || missing+=(yamllint)
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} (Debian packages)..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- Redocly CLI, to lint the published OpenAPI document, and the Kubernetes schemas that deploy/check-manifests.mjs
# validates against (npm; Node.js from Debian if absent) ------------------------------------------------------------
if ! command -v npm >/dev/null 2>&1; then
  echo "Installing Node.js and npm (Debian packages)..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null
fi
tools="$root/.tools"
if [ ! -x "$tools/node_modules/.bin/redocly" ]; then
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error @redocly/cli@2.77.0 >/dev/null
fi
export SECURESHARE_REDOCLY="$tools/node_modules/.bin/redocly"
if [ ! -f "$tools/node_modules/kubernetes-models/package.json" ] || [ ! -f "$tools/node_modules/yaml/package.json" ]; then
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error kubernetes-models@5.1.0 yaml@2.9.1 >/dev/null
fi
export SECURESHARE_TOOLS="$tools"

# --- Tests --------------------------------------------------------------------------------
dotnet tool restore >/dev/null
dotnet build SecureShare.slnx -c Release -nologo -v q
status=0
dotnet test SecureShare.slnx -c Release --no-build --logger "trx" --results-directory "$results" "$@" || status=$?

# --- Totals -------------------------------------------------------------------------------
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
PY
exit $status
