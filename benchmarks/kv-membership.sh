#!/usr/bin/env bash
# What KV membership changes cost, on a three-node Release cluster on loopback (durable writes):
#  1. a member that is dead but not removed: kv3 is killed, kv1 takes --writes single writes and --deletes deletes;
#     kv1's own writes kept for kv3, tombstones, resident memory and data directory (after a snapshot) are read, then
#     kv3 is removed (DELETE /admin/members/kv3) and the same is read again;
#  2. a join: for each store size in --sizes (keys of 100 bytes, loaded in atomic writes of 100 keys), a new node kv4
#     joins through kv1 (Kv:Join) and the time from its start to /health 200 (it holds the state) is measured.
#
#   benchmarks/kv-membership.sh [--rounds 2] [--writes 20000] [--deletes 2000] [--sizes 10000,100000,1000000] [--quick]
#
# Prints a table; raw lines go to benchmarks/results/kv-membership/. Everything listens on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

rounds=2 writes=20000 deletes=2000 sizes=10000,100000,1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --writes) writes=$2; shift 2 ;;
    --deletes) deletes=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --quick) rounds=1 writes=2000 deletes=200 sizes=10000; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

. "$repo/benchmarks/common.sh" # install_missing, start_work, stop_all, ports_free
install_missing curl:curl python3:python3
ports_free 7301 7302 7303 7304
start_work kv-membership
key=benchmark-cluster-key-0123456789
. "$repo/benchmarks/kv/cluster.sh" # start_kv, kv_pid, wait_http
load="$repo/benchmarks/kv/load.py"

echo "building Release KvNode into $work"
dotnet publish KvNode -c Release -o "$work/kvnode" --nologo -v quiet >/dev/null

results="$repo/benchmarks/results/kv-membership"
mkdir -p "$results"
raw="$results/$(date -u +%Y-%m-%dT%H%M%SZ).txt"
{
  echo "# $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes') rounds=$rounds writes=$writes deletes=$deletes sizes=$sizes"
  echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), dotnet $(dotnet --version)"
} | tee "$raw"

status_field() { # port field
  curl -s "http://127.0.0.1:$1/status" | python3 -c "import json,sys; print(json.load(sys.stdin).get('$2'))"
}

# kept tombstones rss_mb disk_mb of node n (after a snapshot, so the log holds what the node must remember)
cost_of() { # n
  local port=730$1 pid
  pid=$(kv_pid "$1")
  curl -sf -o /dev/null -X POST -H "Authorization: Bearer $key" "http://127.0.0.1:$port/admin/snapshot"
  echo "kept=$(status_field "$port" ownWritesKept) tombstones=$(status_field "$port" tombstones)" \
    "rss_mb=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")" \
    "disk_mb=$(du -sm "$work/data/kv$1" | cut -f1)"
}

for round in $(seq "$rounds"); do
  # 1. A dead member, before and after its removal.
  rm -rf "$work/data"; mkdir -p "$work/data"
  start_kv "$work/data" Kv__TombstoneGrace=00:00:00
  { kill -9 "$(kv_pid 3)" && wait "${pids[2]}"; } 2>/dev/null || true # the node dies as a machine would; no job notice
  python3 "$load" http://127.0.0.1:7301 puts 1 "$writes"
  python3 "$load" http://127.0.0.1:7301 deletes 1 "$deletes"
  echo "round=$round part=dead-member when=before node=kv1 $(cost_of 1)" | tee -a "$raw"
  echo "round=$round part=dead-member when=before node=kv2 $(cost_of 2)" | tee -a "$raw"
  curl -sf -o /dev/null -X DELETE -H "Authorization: Bearer $key" http://127.0.0.1:7301/admin/members/kv3
  for _ in $(seq 100); do [ "$(status_field 7301 tombstones)" = 0 ] && [ "$(status_field 7302 tombstones)" = 0 ] && break; sleep 0.1; done
  echo "round=$round part=dead-member when=after node=kv1 $(cost_of 1)" | tee -a "$raw"
  echo "round=$round part=dead-member when=after node=kv2 $(cost_of 2)" | tee -a "$raw"
  stop_all

  # 2. A join, by store size.
  for size in ${sizes//,/ }; do
    rm -rf "$work/data"; mkdir -p "$work/data"
    start_kv "$work/data"
    python3 "$load" http://127.0.0.1:7301 puts 1 "$size" --batch 100
    for _ in $(seq 600); do [ "$(status_field 7303 keys)" -ge "$size" ] && break; sleep 0.1; done
    started=$(date +%s.%N)
    (cd "$work/kvnode" && exec env ASPNETCORE_URLS=http://127.0.0.1:7304 Logging__LogLevel__Default=Warning \
      Kv__NodeId=kv4 Kv__ClusterKey="$key" Kv__DataDir="$work/data/kv4" Kv__Join=http://127.0.0.1:7301 \
      Kv__AdvertisedUrl=http://127.0.0.1:7304 DOTNET_GCgen0size=0x400000 dotnet KvNode.dll >"$work/kv4.log" 2>&1) &
    pids+=($!)
    wait_http http://127.0.0.1:7304/health 600
    joined=$(echo "$(date +%s.%N) - $started" | bc)
    echo "round=$round part=join keys=$size seconds=$joined kv4_keys=$(status_field 7304 keys)" | tee -a "$raw"
    stop_all
  done
done

echo
echo "Means over $rounds round(s) (raw lines: ${raw#"$repo"/})"
awk '
  /part=dead-member/ { split($3, w, "="); split($4, who, "="); k = w[2] " " who[2]
    for (i = 5; i <= NF; i++) { split($i, f, "="); sum[k, f[1]] += f[2] }; c[k]++ }
  /part=join/ { split($3, size, "="); split($4, t, "="); j[size[2] + 0] = j[size[2] + 0] (j[size[2] + 0] == "" ? "" : ", ") sprintf("%.1f", t[2]); sizes[size[2] + 0] = 1 }
  END {
    print "| Dead member kv3, not yet removed / removed | own writes kept | tombstones | resident MB | data directory MB |"
    print "| --- | ---: | ---: | ---: | ---: |"
    split("before kv1,before kv2,after kv1,after kv2", order, ",")
    for (o = 1; o <= 4; o++) { k = order[o]; split(k, part, " ")
      if (c[k]) printf "| %s, %s | %.0f | %.0f | %.0f | %.0f |\n", part[2], part[1] == "before" ? "kv3 dead, not removed" : "after DELETE /admin/members/kv3", sum[k, "kept"] / c[k], sum[k, "tombstones"] / c[k], sum[k, "rss_mb"] / c[k], sum[k, "disk_mb"] / c[k] }
    print ""
    print "| Store size (keys of 100 bytes) | join: start to ready, seconds (each round) |"
    print "| ---: | --- |"
    n = 0; for (z in sizes) ordered[++n] = z + 0
    for (a = 1; a <= n; a++) for (b = a + 1; b <= n; b++) if (ordered[b] < ordered[a]) { tmp = ordered[a]; ordered[a] = ordered[b]; ordered[b] = tmp }
    for (i = 1; i <= n; i++) printf "| %d | %s |\n", ordered[i], j[ordered[i]]
  }' "$raw" | tee -a "$raw"
