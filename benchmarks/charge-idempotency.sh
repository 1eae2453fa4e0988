#!/usr/bin/env bash
# What the shared idempotency store costs a booking: the charging API with its in-memory store against the same API
# with the shared store (SharedStore: Garnet), each in front of the same Release balancer and substation, side by side.
#
#   benchmarks/charge-idempotency.sh [--rounds 3] [--seconds 10] [--warmup 10] [--quick]
#
# Per round, in alternating order: wrk with 16 connections (throughput, p50, p99) and with 1 connection (latency) of
# POST /api/charge, each request with a fresh Idempotency-Key (every one claims a key, books a tiny session that ends
# at once, and keeps the assignment). Prints medians and the ratios; raw lines go to
# benchmarks/results/charge-idempotency/. Installs wrk from Debian when missing. Everything listens on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

rounds=3 seconds=10 warmup=10
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --quick) rounds=1 seconds=5 warmup=3; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

. "$repo/benchmarks/common.sh" # install_missing, start_work, stop_all, wait_up, start_service, ports_free
install_missing wrk:wrk curl:curl
start_work charge-idempotency
export WRK_LUA_DIR="$repo/benchmarks/kv"

echo "building Release binaries into $work"
for project in Substation Balancer ChargeRequest SharedStore; do
  dotnet publish "$project" -c Release -o "$work/$project" --nologo -v quiet >/dev/null
done

ports_free 7411 7412 7413 7414 7415 6391

password=benchmark-store-password-0123456789
start_service substation Substation ASPNETCORE_URLS=http://127.0.0.1:7411 Substation__Id=s1 Substation__CapacityKw=100000 Simulation__Speed=100000
start_service balancer Balancer ASPNETCORE_URLS=http://127.0.0.1:7412 Balancer__Substations__s1=http://127.0.0.1:7411
start_service store SharedStore ASPNETCORE_URLS=http://127.0.0.1:7413 SharedStore__Port=6391 SharedStore__Password=$password
start_service memory ChargeRequest ASPNETCORE_URLS=http://127.0.0.1:7414 services__balancer__http__0=http://127.0.0.1:7412
start_service shared ChargeRequest ASPNETCORE_URLS=http://127.0.0.1:7415 services__balancer__http__0=http://127.0.0.1:7412 \
  "ConnectionStrings__idempotency=127.0.0.1:6391,password=$password"
for port in 7411 7412 7413 7414 7415; do wait_up "http://127.0.0.1:$port/health"; done

results="$repo/benchmarks/results/charge-idempotency"
mkdir -p "$results"
raw="$results/$(date -u +%Y-%m-%dT%H%M%SZ).txt"
{
  echo "# $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes') rounds=$rounds seconds=$seconds warmup=$warmup"
  echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), dotnet $(dotnet --version), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
} | tee "$raw"

. "$repo/benchmarks/kv/cluster.sh" # wrk_run
ports=(7414 7415) names=(memory shared)
for round in $(seq "$rounds"); do
  for i in 0 1; do
    j=$(((i + round) % 2))
    url=http://127.0.0.1:${ports[$j]}
    wrk_run charge-keyed.lua 16 "$warmup" "$url" >/dev/null
    echo "round=$round store=${names[$j]} connections=16 $(wrk_run charge-keyed.lua 16 "$seconds" "$url")" | tee -a "$raw"
    echo "round=$round store=${names[$j]} connections=1 $(wrk_run charge-keyed.lua 1 "$seconds" "$url")" | tee -a "$raw"
  done
done
stop_all

echo
echo "Medians over $rounds round(s), ranges in brackets (raw lines: ${raw#"$repo"/})"
awk '
  /^round=/ { split($2, s, "="); split($3, c, "="); k = s[2] SUBSEP c[2]; n[k]++; rate[k, n[k]] = $4; p50[k, n[k]] = $5; p99[k, n[k]] = $6; err[s[2]] += $7 }
  function median(a, k,   i, j, t, m, x) {
    m = n[k]; for (i = 1; i <= m; i++) x[i] = a[k, i]
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (x[j] + 0 < x[i] + 0) { t = x[i]; x[i] = x[j]; x[j] = t }
    return x[int((m + 1) / 2)]
  }
  END {
    m16 = "memory" SUBSEP 16; s16 = "shared" SUBSEP 16; m1 = "memory" SUBSEP 1; s1 = "shared" SUBSEP 1
    printf "| | in-memory keys | shared store (Garnet) | shared / memory |\n| --- | ---: | ---: | ---: |\n"
    printf "| bookings per second, 16 connections | %d | %d | %.2fx |\n", median(rate, m16), median(rate, s16), median(rate, s16) / median(rate, m16)
    printf "| p50 / p99 ms, 16 connections | %.2f / %.2f | %.2f / %.2f | |\n", median(p50, m16), median(p99, m16), median(p50, s16), median(p99, s16)
    printf "| p50 / p99 ms, 1 connection | %.2f / %.2f | %.2f / %.2f | +%.2f ms p50 |\n", median(p50, m1), median(p99, m1), median(p50, s1), median(p99, s1), median(p50, s1) - median(p50, m1)
    printf "| errors | %d | %d | |\n", err["memory"], err["shared"]
  }' "$raw" | tee -a "$raw"
