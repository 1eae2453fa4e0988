#!/usr/bin/env bash
# Durable writes of the causal KV store against a 3-member etcd on the same machine, side by side in one run.
#
#   benchmarks/kv-durable-writes.sh [--rounds 3] [--seconds 10] [--warmup 40] [--snapshot-keys 1000000] [--quick]
#                                   [--parts writes,references,snapshot] [--env NAME=VALUE]...
#
# Per round, in alternating order, each system starts fresh (new data directories) and takes the same wrk load:
# 100-byte values on random keys, 16 connections on one node, 16 spread over all three, and 2 on one node. Every
# GridAspire write is on disk at its origin before it is acknowledged (group commit); every etcd write is on disk
# at a quorum (Raft). Redis (appendfsync always) and a bare ASP.NET endpoint are reference points; reads compare a
# node's GET with the bare endpoint's. Then the p99 of writes while a node snapshots 1,000,000 keys, against the same
# load without a snapshot. Prints one table with ratios and keeps the raw lines in benchmarks/results/kv-durable-writes/.
# --env passes a setting to every GridAspire node (repeat it), e.g. --env DOTNET_TieredPGO=0.
# Installs etcd-server, wrk and redis-server from Debian when missing. Everything listens on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

rounds=3 seconds=10 warmup=40 snapshot_keys=1000000 parts="writes,references,snapshot" node_env=()
while [ $# -gt 0 ]; do
  case "$1" in
    --parts) parts=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --snapshot-keys) snapshot_keys=$2; shift 2 ;;
    --env) node_env+=("$2"); shift 2 ;;
    --quick) rounds=1 seconds=5 warmup=3 snapshot_keys=200000; shift ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

. "$repo/benchmarks/common.sh" # install_missing, start_work, stop_all
install_missing etcd:etcd-server wrk:wrk redis-server:redis-server curl:curl
start_work kv-durable-writes

echo "building Release binaries into $work"
dotnet publish KvNode -c Release -o "$work/kvnode" --nologo -v quiet >/dev/null
dotnet publish benchmarks/BareKv -c Release -o "$work/bare" --nologo -v quiet >/dev/null
dotnet build benchmarks/KvNode.Benchmarks -c Release --nologo -v quiet >/dev/null
export WRK_LUA_DIR="$repo/benchmarks/kv"
key=bench-cluster-key-0123456789
. "$repo/benchmarks/kv/cluster.sh" # start_kv, kv_converged, wrk_run, wrk_three

start_etcd() { # data root
  local cluster=e1=http://127.0.0.1:23801,e2=http://127.0.0.1:23802,e3=http://127.0.0.1:23803
  for i in 1 2 3; do
    etcd --name "e$i" --data-dir "$1/e$i" --log-level error \
      --listen-client-urls "http://127.0.0.1:2379$i" --advertise-client-urls "http://127.0.0.1:2379$i" \
      --listen-peer-urls "http://127.0.0.1:2380$i" --initial-advertise-peer-urls "http://127.0.0.1:2380$i" \
      --initial-cluster "$cluster" --initial-cluster-state new --initial-cluster-token bench >"$work/e$i.log" 2>&1 &
    pids+=($!)
  done
  for i in 1 2 3; do
    for _ in $(seq 300); do curl -sf "http://127.0.0.1:2379$i/health" | grep -q '"health":"true"' && break; sleep 0.1; done
  done
}

results="$repo/benchmarks/results/kv-durable-writes"
mkdir -p "$results"
raw="$results/$(date -u +%Y-%m-%dT%H%M%SZ).txt"
{
  echo "# $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes') rounds=$rounds seconds=$seconds warmup=$warmup"
  echo "# $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "# dotnet $(dotnet --version), $(etcd --version | head -1), redis $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p'), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
} | tee "$raw"
record() { echo "$*" | tee -a "$raw"; }

part() { [[ ",$parts," == *",$1,"* ]]; }

for round in $(seq "$rounds"); do
  part writes || break
  order="gridaspire etcd"
  [ $((round % 2)) -eq 0 ] && order="etcd gridaspire"
  for system in $order; do
    rm -rf "$work/data"; mkdir -p "$work/data"
    if [ "$system" = gridaspire ]; then
      start_kv "$work/data" ${node_env[@]+"${node_env[@]}"}
      script=kv-put.lua url=http://127.0.0.1: port=730
    else
      start_etcd "$work/data"
      script=etcd-put.lua url=http://127.0.0.1: port=2379
    fi
    wrk_run "$script" 16 "$warmup" "${url}${port}1" >/dev/null
    record "round=$round system=$system load=one-node-c16 $(wrk_run "$script" 16 "$seconds" "${url}${port}1")"
    record "round=$round system=$system load=three-nodes-c16 $(wrk_three "$script" "$url" "$port" "$seconds")"
    record "round=$round system=$system load=one-node-c2 $(wrk_run "$script" 2 "$seconds" "${url}${port}1")"
    [ "$system" = gridaspire ] && record "# round=$round replication after the write loads: $(kv_converged)"
    stop_all
  done
done

for round in $(seq "$rounds"); do
  part references || break
  # Reference points: Redis fsyncing every write, and the bare endpoint; reads of a node against the bare endpoint.
  rm -rf "$work/redis"; mkdir -p "$work/redis"
  redis-server --port 6390 --bind 127.0.0.1 --dir "$work/redis" --save "" --appendonly yes --appendfsync always \
    --daemonize no >"$work/redis.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do redis-cli -p 6390 ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-benchmark -p 6390 -c 16 -n 20000 -t set -d 100 -r 1000000 -q >/dev/null
  total=$((20000 * seconds))
  line=$(redis-benchmark -p 6390 -c 16 -n "$total" -t set -d 100 -r 1000000 --csv | tail -1 | tr -d '"')
  record "round=$round system=redis load=one-node-c16 $(echo "$line" | awk -F, '{ printf "%.0f %.2f %.2f 0\n", $2, $5, $7 }')"
  stop_all

  (cd "$work/bare" && exec env ASPNETCORE_URLS=http://127.0.0.1:7390 Logging__LogLevel__Default=Warning dotnet BareKv.dll >"$work/bare.log" 2>&1) &
  pids+=($!)
  for _ in $(seq 300); do curl -s -o /dev/null --max-time 1 http://127.0.0.1:7390/kv/any && break; sleep 0.1; done
  wrk_run kv-put.lua 16 "$warmup" http://127.0.0.1:7390 >/dev/null
  record "round=$round system=bare load=one-node-c16 $(wrk_run kv-put.lua 16 "$seconds" http://127.0.0.1:7390)"
  curl -s --no-progress-meter --parallel --parallel-max 16 -X PUT -H 'content-type: application/json' -d '{"value":"v"}' \
    'http://127.0.0.1:7390/kv/k[1-1000]' >/dev/null
  WRK_KEYS=1000 wrk_run kv-get.lua 16 "$warmup" http://127.0.0.1:7390 >/dev/null
  record "round=$round system=bare load=get-c16 $(WRK_KEYS=1000 wrk_run kv-get.lua 16 "$seconds" http://127.0.0.1:7390)"
  stop_all

  rm -rf "$work/data"; mkdir -p "$work/data"
  start_kv "$work/data" ${node_env[@]+"${node_env[@]}"}
  curl -s --no-progress-meter --parallel --parallel-max 16 -X PUT -H 'content-type: application/json' -d '{"value":"v"}' \
    'http://127.0.0.1:7301/kv/k[1-1000]' >/dev/null
  WRK_KEYS=1000 wrk_run kv-get.lua 16 "$warmup" http://127.0.0.1:7301 >/dev/null
  record "round=$round system=gridaspire load=get-c16 $(WRK_KEYS=1000 wrk_run kv-get.lua 16 "$seconds" http://127.0.0.1:7301)"
  stop_all
done

# Snapshot of a large store: the same load without and with a snapshot being written, alternating.
if part snapshot; then
echo "seeding $snapshot_keys keys"
dotnet "benchmarks/KvNode.Benchmarks/bin/Release/net10.0/KvNode.Benchmarks.dll" seed-snapshot "$work/seed" "$snapshot_keys" >/dev/null
rm -rf "$work/data"; cp -r "$work/seed" "$work/data"
start_kv "$work/data" Kv__Durability__SnapshotEvery=10000000 ${node_env[@]+"${node_env[@]}"}
wrk_run kv-put.lua 16 $((warmup * 2)) http://127.0.0.1:7301 >/dev/null
snapshot() {
  curl -s -XPOST -H "Authorization: Bearer $key" http://127.0.0.1:7301/admin/snapshot |
    sed -n 's/.*"bytes":\([0-9]*\).*"duration":"\([^"]*\)".*/\1 \2/p'
}
taken=$(snapshot)
# The window is the snapshot's own duration (its writer is paced, so it takes about as long under load as idle).
span=$(echo "$taken" | awk '{ split($2, t, ":"); s = t[3] + 60 * t[2]; printf "%d\n", (s < 2 ? 2 : s + 0.999) }')
record "snapshot keys=$snapshot_keys bytes=$(echo "$taken" | cut -d' ' -f1) idle-duration=$(echo "$taken" | cut -d' ' -f2) window=${span}s"
for round in $(seq "$rounds"); do
  record "round=$round system=gridaspire load=steady-c16-${snapshot_keys}-keys $(wrk_run kv-put.lua 16 "$span" http://127.0.0.1:7301)"
  snapshot >"$work/snapshot.out" &
  snap=$!
  record "round=$round system=gridaspire load=snapshot-c16-${snapshot_keys}-keys $(wrk_run kv-put.lua 16 "$span" http://127.0.0.1:7301)"
  wait "$snap"
  record "# snapshot under load: $(cat "$work/snapshot.out")"
done
record "# replication after the snapshot loads: $(kv_converged)"
stop_all
fi

echo
echo "Medians over $rounds round(s) (raw lines: ${raw#"$repo"/})"
awk '
  /^round=/ {
    for (i = 1; i <= 3; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    k = f["system"] " " f["load"]; n[k]++; rate[k, n[k]] = $4; p50[k, n[k]] = $5; p99[k, n[k]] = $6; err[k] += $7
  }
  function median(a, k, m,   i, j, t, v) {
    for (i = 1; i <= m; i++) v[i] = a[k, i]
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
    return v[int((m + 1) / 2)]
  }
  END {
    split("one-node-c16 three-nodes-c16 one-node-c2", loads, " ")
    printf "| Load | GridAspire writes/s | etcd writes/s | ratio | GridAspire p50 / p99 ms | etcd p50 / p99 ms | p99 ratio |\n"
    printf "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
    for (l = 1; l <= 3; l++) {
      g = "gridaspire " loads[l]; e = "etcd " loads[l]
      if (!n[g] || !n[e]) continue
      printf "| %s | %d | %d | %.2fx | %.2f / %.2f | %.2f / %.2f | %.2f |\n", loads[l], median(rate, g, n[g]), median(rate, e, n[e]),
        median(rate, g, n[g]) / median(rate, e, n[e]), median(p50, g, n[g]), median(p99, g, n[g]),
        median(p50, e, n[e]), median(p99, e, n[e]), median(p99, g, n[g]) / median(p99, e, n[e])
    }
    printf "\n| Reference | Requests/s | p50 / p99 ms |\n| --- | ---: | ---: |\n"
    split("redis one-node-c16|bare one-node-c16|bare get-c16|gridaspire get-c16", refs, "|")
    for (r = 1; r <= 4; r++) if (n[refs[r]]) printf "| %s | %d | %.2f / %.2f |\n", refs[r], median(rate, refs[r], n[refs[r]]), median(p50, refs[r], n[refs[r]]), median(p99, refs[r], n[refs[r]])
    if (n["gridaspire get-c16"] && n["bare get-c16"]) printf "\nGridAspire GET / bare GET: %.2f\n", median(rate, "gridaspire get-c16", n["gridaspire get-c16"]) / median(rate, "bare get-c16", n["bare get-c16"])
    for (k in n) if (k ~ /steady-c16/) s = k; else if (k ~ /snapshot-c16/) w = k
    if (s && w) printf "p99 while snapshotting / steady p99: %.2f / %.2f ms = %.2f\n", median(p99, w, n[w]), median(p99, s, n[s]), median(p99, w, n[w]) / median(p99, s, n[s])
    for (k in err) if (err[k] > 0) printf "errors: %s %d\n", k, err[k]
  }
  /converged=NO/ { void = void $0 "\n" }
  END {
    if (void) printf "VOID: the nodes did not converge after a run, so its numbers do not count:\n%s", void
  }' "$raw" | tee -a "$raw"
