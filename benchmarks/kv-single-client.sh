#!/usr/bin/env bash
# Where a single client's write p99 comes from: one client writing one key after another (wrk, 1 connection, 100-byte
# values) at one node alone (no peers) and at a node of three replicating on loopback (no proxy), in alternating
# rounds. If the node alone already shows the p99, replication and distance are not what sets it.
#
#   benchmarks/kv-single-client.sh [--rounds 2] [--seconds 8]
#
# Raw lines go to benchmarks/results/kv-single-client/. Installs wrk and curl from Debian when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
rounds=2 seconds=8
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

. "$repo/benchmarks/common.sh"
install_missing wrk:wrk curl:curl
start_work kv-single-client
dotnet publish KvNode -c Release -o "$work/kvnode" --nologo -v quiet >/dev/null
export WRK_LUA_DIR="$repo/benchmarks/kv"
key=bench-cluster-key-0123456789
. "$repo/benchmarks/kv/cluster.sh" # start_kv, wrk_run, wait_http

results="$repo/benchmarks/results/kv-single-client"
mkdir -p "$results"
raw="$results/$(date -u +%Y-%m-%dT%H%M%SZ).txt"
record() { echo "$*" | tee -a "$raw"; }
record "# $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD) $(nproc) cores; $rounds rounds, ${seconds}s loads; cells: writes/s p50_ms p99_ms errors"

alone() { # round
  (cd "$work/kvnode" && exec env ASPNETCORE_URLS=http://127.0.0.1:7391 Logging__LogLevel__Default=Warning Kv__NodeId=kv1 \
    Kv__ClusterKey="$key" Kv__DataDir="$work/alone$1" DOTNET_GCgen0size=0x400000 dotnet KvNode.dll >"$work/alone.log" 2>&1) &
  pids+=($!)
  wait_http http://127.0.0.1:7391/health 60
  for _ in $(seq 100); do curl -sf -o /dev/null -X PUT -H 'content-type: application/json' -d '{"value":"r"}' http://127.0.0.1:7391/kv/ready && break; sleep 0.1; done
  wrk_run kv-put.lua 1 3 http://127.0.0.1:7391 >/dev/null # warm-up
  record "round=$1 setup=alone $(wrk_run kv-put.lua 1 "$seconds" http://127.0.0.1:7391)"
  stop_all
}
three() { # round
  start_kv "$work/three$1"
  wrk_run kv-put.lua 1 3 http://127.0.0.1:7301 >/dev/null
  record "round=$1 setup=three-nodes $(wrk_run kv-put.lua 1 "$seconds" http://127.0.0.1:7301)"
  stop_all
}
for round in $(seq "$rounds"); do
  if [ $((round % 2)) = 1 ]; then alone "$round"; three "$round"; else three "$round"; alone "$round"; fi
done
