#!/usr/bin/env bash
# Where a KV node's time goes with all three nodes loaded: the measurements behind benchmarks/README.md's breakdown.
#
#   benchmarks/kv-where-time-goes.sh [--rounds 2] [--seconds 10] [--fill 20] [--keys 1000000] [--perf] [--env NAME=VALUE]...
#
# Per round: three fresh Release nodes on loopback, --fill seconds of writes on kv1 (the store grows as in
# kv-durable-writes.sh, where the three-node load comes after the one-node loads), 10 s of the three-node load as a
# warm-up, then --seconds of the same load measured: writes/s and the worst p50/p99 of the three wrk processes, the
# machine's idle share, and for every node its CPU per write (user and kernel, from /proc/<pid>/stat, per write the
# cluster accepted), its garbage collections and their pauses, fsyncs per second and records per fsync (from
# /metrics). --keys 1000 keeps the store small, to show what the store's size costs. --perf also records the machine
# with `perf record -a -g` and prints the share of the CPU by component. --env passes a setting to the nodes (repeat it),
# e.g. --env DOTNET_GCgen0size=0x1400000 to compare a gen0 budget with the deployments' 4 MiB. Nothing is asserted: it is a measurement; the
# output is also kept in benchmarks/results/kv-where-time-goes/.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

rounds=2 seconds=10 fill=20 keys=1000000 perf=no node_env=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --fill) fill=$2; shift 2 ;;
    --keys) keys=$2; shift 2 ;;
    --perf) perf=yes; shift ;;
    --env) node_env+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

. "$repo/benchmarks/common.sh" # install_missing, start_work, stop_all
install_missing wrk:wrk curl:curl $([ "$perf" = yes ] && echo perf:linux-perf)
start_work kv-where-time-goes

echo "building KvNode (Release) into $work"
dotnet publish KvNode -c Release -o "$work/kvnode" --nologo -v quiet >/dev/null
export WRK_LUA_DIR="$repo/benchmarks/kv" WRK_KEYS=$keys
key=bench-cluster-key-0123456789
. "$repo/benchmarks/kv/cluster.sh" # start_kv, kv_converged, wrk_run, wrk_three

ticks() { awk '{ print $14, $15 }' "/proc/$1/stat"; } # user and kernel, in clock ticks
idle() { awk '/^cpu / { print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat; }
# The counters this script reads off a node's /metrics, summed over their labels.
counters() { # port
  curl -s "http://127.0.0.1:$1/metrics" | awk '
    /^dotnet_gc_collections_total/ { gc += $NF }
    /^dotnet_gc_pause_time_seconds_total/ { pause += $NF }
    /^kv_journal_flush_records_count/ { flushes += $NF }
    /^kv_journal_flush_records_sum/ { records += $NF }
    END { printf "%d %.6f %d %d\n", gc, pause, flushes, records }'
}

hz=$(getconf CLK_TCK)
mkdir -p "$repo/benchmarks/results/kv-where-time-goes"
exec > >(tee "$repo/benchmarks/results/kv-where-time-goes/$(date -u +%Y-%m-%dT%H%M%SZ).txt")
echo "# $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes') keys=$keys fill=${fill}s seconds=$seconds env=${node_env[*]}"
echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), dotnet $(dotnet --version)"
# perf names JIT-compiled frames from the runtime's perf map, written only when asked for (and W^X off).
[ "$perf" = yes ] && node_env+=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
for round in $(seq "$rounds"); do
  rm -rf "$work/data"; mkdir -p "$work/data"
  start_kv "$work/data" "${node_env[@]}"
  node=(); for i in 1 2 3; do node+=("$(kv_pid $i)"); done
  [ "$fill" -gt 0 ] && wrk_run kv-put.lua 16 "$fill" http://127.0.0.1:7301 >/dev/null
  wrk_three kv-put.lua http://127.0.0.1: 730 10 >/dev/null

  declare -A before=()
  for i in 1 2 3; do before[$i]="$(ticks "${node[$((i - 1))]}") $(counters 730$i)"; done
  read -r idle0 total0 < <(idle)
  start=$(date +%s.%N)
  if [ "$perf" = yes ]; then
    (sleep 1; perf record -F 499 -a -g -o "$work/perf.data" -- sleep $((seconds - 2)) >/dev/null 2>&1) &
    recorder=$!
  fi
  # The three-node load, measured: total writes/s, worst p50 and p99.
  read -r rate p50 p99 errors < <(wrk_three kv-put.lua http://127.0.0.1: 730 "$seconds")
  elapsed=$(echo "$(date +%s.%N) - $start" | bc -l)
  read -r idle1 total1 < <(idle)
  [ "$perf" = yes ] && wait "$recorder"
  writes=$(echo "$rate * $seconds" | bc -l)
  printf "round=%d writes/s=%d p50=%.2fms p99=%.2fms errors=%d machine-idle=%.1f%%\n" "$round" "$rate" "$p50" "$p99" "$errors" \
    "$(echo "100 * ($idle1 - $idle0) / ($total1 - $total0)" | bc -l)"
  for i in 1 2 3; do
    read -r u0 s0 gc0 pause0 fl0 rec0 <<<"${before[$i]}"
    read -r u1 s1 gc1 pause1 fl1 rec1 <<<"$(ticks "${node[$((i - 1))]}") $(counters 730$i)"
    gcs=$((gc1 - gc0)) fl=$((fl1 - fl0))
    gcs_or_1=$((gcs > 0 ? gcs : 1)) fl_or_1=$((fl > 0 ? fl : 1))
    printf "  kv%d cpu/write=%.1fus (user %.1f, kernel %.1f) gc=%d pauses=%.0fms (mean %.1fms) fsyncs/s=%.0f records/fsync=%.1f\n" "$i" \
      "$(echo "($u1 - $u0 + $s1 - $s0) * 1000000 / $hz / $writes" | bc -l)" \
      "$(echo "($u1 - $u0) * 1000000 / $hz / $writes" | bc -l)" "$(echo "($s1 - $s0) * 1000000 / $hz / $writes" | bc -l)" \
      "$gcs" "$(echo "($pause1 - $pause0) * 1000" | bc -l)" "$(echo "($pause1 - $pause0) * 1000 / $gcs_or_1" | bc -l)" \
      "$(echo "$fl / $elapsed" | bc -l)" "$(echo "($rec1 - $rec0) / $fl_or_1" | bc -l)"
  done
  echo "  $(kv_converged)"
  stop_all
  if [ "$perf" = yes ]; then
    perf script -i "$work/perf.data" -F comm,ip,sym 2>/dev/null | awk -f "$repo/benchmarks/kv/perf-components.awk"
  fi
done
