#!/usr/bin/env bash
# The full benchmark: 100,000 credentials, 10,000-item bulk actions, latencies at 1 and 16 clients,
# against a throw-away PostgreSQL server started here (Debian package, installed if absent; default
# durability settings) on loopback, and then on the embedded SQLite default. Prints the reports and
# writes them to benchmarks/results.md. Extra arguments go to the harness (e.g. --small for a run of seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/postgres" ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
pg_dir=$(mktemp -d /tmp/secureshare-bench-pg.XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir"; fi
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_connections=200" start >/dev/null
trap 'as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"' EXIT
dotnet build SecureShare.slnx -c Release -nologo -v q
harness=benchmarks/SecureShare.Benchmarks/bin/Release/net10.0/SecureShare.Benchmarks.dll
dotnet "$harness" --postgres "Host=127.0.0.1;Port=$pg_port;Username=postgres" --out "$pg_dir/postgresql.md" "$@"
dotnet "$harness" --sqlite --out "$pg_dir/sqlite.md" "$@"
{ cat "$pg_dir/postgresql.md"; echo; echo; cat "$pg_dir/sqlite.md"; echo; } > benchmarks/results.md
