#!/usr/bin/env bash
# A 10-key batch read (POST /batch/read, one causal cut) against 10 single reads (GET /kv/{key}), and a 10-key atomic
# write (POST /batch/write) against 10 single writes (PUT /kv/{key}), on one node of a three-node Release cluster
# (durable writes: fsync before every answer), side by side in one run.
#
#   benchmarks/kv-batch.sh [--rounds 3] [--seconds 10] [--warmup 10] [--batch 10] [--parts reads,writes] [--quick]
#
# Per round and part, in alternating order: wrk with 16 connections (throughput: keys read or written per second) and
# with 1 connection (latency: one batch against one single request; ten single ones in a row cost at least ten of
# those), over 1,000 keys of 100 bytes written beforehand. Prints medians, ranges and the ratios; raw lines go to
# benchmarks/results/kv-batch/. Installs wrk from Debian when missing. Everything listens on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

rounds=3 seconds=10 warmup=10 batch=10 parts=reads,writes
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    --parts) parts=$2; shift 2 ;;
    --quick) rounds=1 seconds=5 warmup=3; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

. "$repo/benchmarks/common.sh" # install_missing, start_work, stop_all
install_missing wrk:wrk curl:curl
start_work kv-batch
export WRK_LUA_DIR="$repo/benchmarks/kv" WRK_KEYS=1000 WRK_BATCH=$batch
key=benchmark-cluster-key-0123456789
. "$repo/benchmarks/kv/cluster.sh" # start_kv, wrk_run

echo "building Release KvNode into $work"
dotnet publish KvNode -c Release -o "$work/kvnode" --nologo -v quiet >/dev/null

results="$repo/benchmarks/results/kv-batch"
mkdir -p "$results"
raw="$results/$(date -u +%Y-%m-%dT%H%M%SZ).txt"
{
  echo "# $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes') rounds=$rounds seconds=$seconds warmup=$warmup batch=$batch parts=$parts"
  echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), dotnet $(dotnet --version), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
} | tee "$raw"

rm -rf "$work/data"; mkdir -p "$work/data"
start_kv "$work/data"
curl -s --no-progress-meter --parallel --parallel-max 16 -X PUT -H 'content-type: application/json' \
  -d "{\"value\":\"$(printf 'v%.0s' $(seq 100))\"}" 'http://127.0.0.1:7301/kv/k[1-1000]' >/dev/null
for round in $(seq "$rounds"); do
  for part in ${parts//,/ }; do
    case $part in
      reads) single=kv-get.lua batched=kv-batch-read.lua ;;
      writes) single=kv-put.lua batched=kv-batch-write.lua ;;
      *) echo "unknown part $part (reads, writes)" >&2; exit 2 ;;
    esac
    loads=(single batch)
    for i in 0 1; do
      load=${loads[$(((i + round) % 2))]}
      script=$([ "$load" = single ] && echo "$single" || echo "$batched")
      wrk_run "$script" 16 "$warmup" http://127.0.0.1:7301 >/dev/null
      echo "round=$round part=$part load=$load connections=16 $(wrk_run "$script" 16 "$seconds" http://127.0.0.1:7301)" | tee -a "$raw"
      echo "round=$round part=$part load=$load connections=1 $(wrk_run "$script" 1 "$seconds" http://127.0.0.1:7301)" | tee -a "$raw"
    done
  done
done
stop_all

echo
echo "Medians over $rounds round(s) (raw lines: ${raw#"$repo"/})"
awk -v batch="$batch" '
  /^round=/ {
    split($2, p, "="); split($3, l, "="); split($4, c, "="); k = p[2] SUBSEP l[2] SUBSEP c[2]; n[k]++
    rate[k, n[k]] = $5; p50[k, n[k]] = $6; p99[k, n[k]] = $7; err[p[2], l[2]] += $8; seen[p[2]] = 1
  }
  function sorted(a, k, x,   i, j, t, m) {
    m = n[k]; for (i = 1; i <= m; i++) x[i] = a[k, i]
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (x[j] + 0 < x[i] + 0) { t = x[i]; x[i] = x[j]; x[j] = t }
    return m
  }
  function median(a, k,   x, m) { m = sorted(a, k, x); return x[int((m + 1) / 2)] }
  function range(a, k, scale, fmt,   x, m) { m = sorted(a, k, x); return sprintf(fmt "-" fmt, x[1] * scale, x[m] * scale) }
  function ratios(k1, s1, k2, s2,   i, lo, hi, r) {
    for (i = 1; i <= n[k1]; i++) { r = rate[k1, i] * s1 / (rate[k2, i] * s2); if (i == 1 || r < lo) lo = r; if (i == 1 || r > hi) hi = r }
    return sprintf("%.1f-%.1fx", lo, hi)
  }
  END {
    for (part in seen) {
      verb = part == "reads" ? "read" : "written"
      s16 = part SUBSEP "single" SUBSEP 16; b16 = part SUBSEP "batch" SUBSEP 16; s1 = part SUBSEP "single" SUBSEP 1; b1 = part SUBSEP "batch" SUBSEP 1
      printf "\n%s (ranges over rounds; ratios per round)\n", part
      printf "| | %d single requests | one %d-key batch | batch / singles |\n| --- | ---: | ---: | ---: |\n", batch, batch
      printf "| keys %s per second, 16 connections | %s | %s | %s |\n", verb, range(rate, s16, 1, "%d"), range(rate, b16, batch, "%d"), ratios(b16, batch, s16, 1)
      printf "| p50 / p99 ms of one request, 16 connections | %.2f / %.2f | %.2f / %.2f | |\n", median(p50, s16), median(p99, s16), median(p50, b16), median(p99, b16)
      printf "| time for %d keys, 1 connection (median p50) | %.2f ms (%d x %.2f) | %.2f ms | %.2fx |\n", batch, median(p50, s1) * batch, batch, median(p50, s1), median(p50, b1), median(p50, b1) / (median(p50, s1) * batch)
      printf "| errors | %d | %d | |\n", err[part, "single"], err[part, "batch"]
    }
  }' "$raw" | tee -a "$raw"
