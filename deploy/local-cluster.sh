#!/usr/bin/env bash
# A SecureShare cluster on this machine's loopback, for failover trials by hand (not part of the test command):
# PostgreSQL 2 nodes with synchronous streaming replication under Patroni + etcd, HAProxy in front of the database
# leader (port 54320, Patroni's REST API tells it which node leads) and in front of N Host processes (port 8080).
#
#   deploy/local-cluster.sh up [N]         install what is missing (Debian: patroni, etcd-server, haproxy, postgresql),
#                                          build, start etcd, both database nodes, migrate once, N hosts (3), HAProxy
#   deploy/local-cluster.sh status         the database members and each host's readiness
#   deploy/local-cluster.sh stop-leader    stops the database leader as a crash would (pg_ctl -m immediate, its Patroni killed)
#   deploy/local-cluster.sh kill-host I    kill -9 of host I
#   deploy/local-cluster.sh trial          the failover trial of docs/scale-out.md (deploy/failover-trial.py)
#   deploy/local-cluster.sh down           stops everything and deletes the cluster's folder
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dir=${SECURESHARE_CLUSTER_DIR:-/tmp/secureshare-cluster}
web_port=8080 db_port=54320 etcd_port=23790 stats_port=8404

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
postgres_prefix=(); [ "$(id -u)" -ne 0 ] || postgres_prefix=(runuser -u postgres --)
pids() { cat "$dir"/*.pid 2>/dev/null || true; }

install() {
  local missing=()
  command -v patroni >/dev/null || missing+=(patroni)
  command -v etcd >/dev/null || missing+=(etcd-server)
  command -v haproxy >/dev/null || missing+=(haproxy)
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

start() { # name, command... : runs in the background, output in $dir/name.log
  local name=$1; shift
  nohup "$@" >"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
}

wait_for() { # what, seconds, command...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq $((seconds * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "$what did not come up within ${seconds}s; see $dir/*.log" >&2; return 1
}

patroni_config() { # node index
  local i=$1 bin; bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  cat <<YAML
scope: secureshare
name: pg$i
restapi: {listen: 127.0.0.1:$((8008 + i)), connect_address: 127.0.0.1:$((8008 + i))}
etcd: {host: 127.0.0.1:$etcd_port}
bootstrap:
  dcs:
    ttl: 10
    loop_wait: 2
    retry_timeout: 4
    maximum_lag_on_failover: 0
    synchronous_mode: true
    postgresql:
      use_pg_rewind: true
      parameters: {max_connections: 300, wal_log_hints: "on"}
  initdb: [{encoding: UTF8}, data-checksums]
  pg_hba:
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
postgresql:
  listen: 127.0.0.1:$((54320 + i))
  connect_address: 127.0.0.1:$((54320 + i))
  data_dir: $dir/postgres/pg$i
  bin_dir: $bin
  pgpass: $dir/postgres/pgpass$i
  authentication:
    superuser: {username: postgres, password: $(cat "$dir/db.password")}
    replication: {username: replicator, password: $(cat "$dir/db.password")}
  parameters: {unix_socket_directories: $dir/postgres}
YAML
}

haproxy_config() { # hosts
  cat <<CFG
global
    maxconn 2000
defaults
    timeout connect 3s
    timeout client 60s
    timeout server 60s
    retries 2
    option redispatch 1
listen stats
    mode http
    bind 127.0.0.1:$stats_port
    stats enable
    stats uri /
listen database
    mode tcp
    bind 127.0.0.1:$db_port
    option httpchk GET /primary
    http-check expect status 200
    default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions
    server pg1 127.0.0.1:54321 check port 8009
    server pg2 127.0.0.1:54322 check port 8010
listen web
    mode http
    bind 127.0.0.1:$web_port
    balance roundrobin
    option forwardfor
    retry-on conn-failure empty-response response-timeout 503
    http-request disable-l7-retry unless METH_GET || METH_HEAD
    option httpchk GET /health/ready
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
CFG
  for i in $(seq "$1"); do echo "    server host$i 127.0.0.1:$((5000 + i)) check"; done
}

host_args() { # index
  echo --urls http://127.0.0.1:$((5000 + $1)) --DataDirectory "$dir/host$1" \
    --Database:Provider PostgreSql --Database:MigrateOnStart false \
    --Network:TrustedProxies:0 127.0.0.1 --PublicBaseUrl http://127.0.0.1:$web_port \
    --Auth:LoginsPerIpPerMinute 100000 --Auth:LoginsPerAccountPerMinute 100000 --Auth:SignupEnabled true
}

# The secrets reach the hosts through their environment, never their command lines (which `ps` shows every user).
secrets_to_environment() {
  export Database__ConnectionString="Host=127.0.0.1;Port=$db_port;Database=secureshare;Username=postgres;Password=$(cat "$dir/db.password")"
  export Security__MasterKey; Security__MasterKey=$(cat "$dir/master.key")
  export Auth__SigningKey; Auth__SigningKey=$(cat "$dir/signing.key")
  export Audit__SigningKeyFile="$dir/audit-signing.key"
}

up() {
  local hosts=${1:-3}
  [ ! -e "$dir" ] || { echo "$dir exists: run '$0 down' first" >&2; exit 1; }
  install
  mkdir -p "$dir"; chmod 711 "$dir"  # the postgres user reaches its files in here; nobody lists them
  head -c 18 /dev/urandom | base64 | tr -dc A-Za-z0-9 >"$dir/db.password"
  head -c 32 /dev/urandom | base64 >"$dir/master.key"
  head -c 32 /dev/urandom | base64 >"$dir/signing.key"
  openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -outform DER | base64 -w0 >"$dir/audit-signing.key"
  chmod 600 "$dir"/*.key "$dir/db.password"
  mkdir -m 700 "$dir/postgres"  # the database nodes' data, sockets and configuration, the postgres user's alone
  [ "$(id -u)" -ne 0 ] || chown postgres "$dir/postgres"
  dotnet build src/Host -c Release -nologo -v q >/dev/null
  host_dll=$root/src/Host/bin/Release/net10.0/SecureShare.Host.dll

  start etcd etcd --name local --data-dir "$dir/etcd" --enable-v2=true \
    --listen-client-urls http://127.0.0.1:$etcd_port --advertise-client-urls http://127.0.0.1:$etcd_port \
    --listen-peer-urls http://127.0.0.1:$((etcd_port + 10)) --initial-advertise-peer-urls http://127.0.0.1:$((etcd_port + 10)) \
    --initial-cluster local=http://127.0.0.1:$((etcd_port + 10))
  wait_for etcd 30 curl -sf http://127.0.0.1:$etcd_port/health
  for i in 1 2; do
    patroni_config $i >"$dir/postgres/patroni$i.yml"
    chmod 600 "$dir/postgres/patroni$i.yml"
    [ "$(id -u)" -ne 0 ] || chown postgres "$dir/postgres/patroni$i.yml"
    start patroni$i "${postgres_prefix[@]}" patroni "$dir/postgres/patroni$i.yml"
    wait_for "database node $i" 120 curl -sf http://127.0.0.1:$((8008 + i))/health
  done
  haproxy_config "$hosts" >"$dir/haproxy.cfg"
  start haproxy haproxy -f "$dir/haproxy.cfg"
  wait_for "the database leader behind HAProxy" 30 bash -c "PGPASSWORD=$(cat "$dir/db.password") psql -h 127.0.0.1 -p $db_port -U postgres -c 'select 1'"
  PGPASSWORD=$(cat "$dir/db.password") psql -q -h 127.0.0.1 -p $db_port -U postgres -c 'CREATE DATABASE secureshare'
  secrets_to_environment
  # shellcheck disable=SC2046
  dotnet "$host_dll" migrate $(host_args 1) >"$dir/migrate.log"
  for i in $(seq "$hosts"); do
    # shellcheck disable=SC2046
    start host$i dotnet "$host_dll" $(host_args "$i")
  done
  for i in $(seq "$hosts"); do wait_for "host $i" 90 curl -sf http://127.0.0.1:$((5000 + i))/health/ready; done
  for i in $(seq "$hosts"); do
    wait_for "host $i in HAProxy" 30 bash -c "curl -s 'http://127.0.0.1:$stats_port/;csv' | grep -q '^web,host$i,.*,UP,'"
  done
  echo "up: http://127.0.0.1:$web_port (HAProxy over $hosts hosts), database leader on 127.0.0.1:$db_port, HAProxy stats on :$stats_port"
}

status() {
  for i in 1 2; do
    printf 'pg%s: %s\n' $i "$(curl -sf http://127.0.0.1:$((8008 + i))/patroni | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["role"], d["state"])' 2>/dev/null || echo down)"
  done
  for pidfile in "$dir"/host*.pid; do
    local i=${pidfile##*/host}; i=${i%.pid}
    printf 'host%s: %s\n' "$i" "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$((5000 + i))/health/ready || true)"
  done
}

leader() { for i in 1 2; do curl -sf http://127.0.0.1:$((8008 + i))/primary >/dev/null 2>&1 && { echo $i; return; }; done; }

stop_leader() {
  local i; i=$(leader); [ -n "$i" ] || { echo "no leader" >&2; exit 1; }
  pkill -9 -f "patroni $dir/postgres/patroni$i.yml"
  as_postgres "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl" -D "$dir/postgres/pg$i" -m immediate stop >/dev/null
  echo "stopped leader pg$i at $(date +%s.%N)"
}

down() {
  for pid in $(pids); do kill "$pid" 2>/dev/null || true; done
  sleep 2
  for pid in $(pids); do kill -9 "$pid" 2>/dev/null || true; done
  pkill -9 -f "patroni $dir/" 2>/dev/null || true
  pkill -9 -f "postgres -D $dir" 2>/dev/null || true
  rm -rf "$dir"
}

case ${1:-} in
  up) up "${2:-3}" ;;
  status) status ;;
  stop-leader) stop_leader ;;
  kill-host) kill -9 "$(cat "$dir/host$2.pid")" ;;
  trial) python3 "$root/deploy/failover-trial.py" "$dir" ;;
  down) down ;;
  *) sed -n '2,13p' "$0"; exit 2 ;;
esac
