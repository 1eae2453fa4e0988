#!/usr/bin/env bash
# What one admission costs a substation as the sessions on it grow: this build against an earlier one (by default the
# commit before the substation kept sessions in groups of equal demand), side by side in one run.
#
#   benchmarks/substation-admissions.sh [--rounds 2] [--seconds 10] [--warmup 5] [--sessions "0 42 441 3999"]
#                                       [--modes "Shared Fixed"] [--baseline 93f4f88] [--quick]
#
# For each number of sessions, mode and build (in alternating order per round), a fresh Release substation (capacity
# 100,000 kW, speed 1,000) first admits that many long sessions (500 kWh at 7.4, 11 or 22 kW: they charge for minutes),
# then wrk drives POST /sessions with 16 connections, each a tiny session that is full a fraction of a millisecond
# later, so the number charging stays where it was put. Prints admissions/s per point and the ratio of this build to
# the baseline; raw lines go to benchmarks/results/substation-admissions/. Installs wrk from Debian when missing.
# Everything listens on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

rounds=2 seconds=10 warmup=5 points="0 42 441 3999" modes="Shared Fixed" baseline=93f4f88
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --sessions) points=$2; shift 2 ;;
    --modes) modes=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    --quick) rounds=1 seconds=5 warmup=2 points="0 441"; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

. "$repo/benchmarks/common.sh" # install_missing, start_work, stop_all
install_missing wrk:wrk curl:curl
start_work substation-admissions
port=7431
if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then
  echo "port $port is already in use: stop whatever listens there first" >&2; exit 1
fi

echo "building Release binaries of this tree and of $baseline into $work"
dotnet publish Substation -c Release -o "$work/current" --nologo -v quiet >/dev/null
git worktree add -q --detach "$work/baseline-src" "$baseline"
trap 'stop_all; git -C "$repo" worktree remove --force "$work/baseline-src" 2>/dev/null; rm -rf "$work"' EXIT
dotnet publish "$work/baseline-src/Substation" -c Release -o "$work/baseline" --nologo -v quiet >/dev/null

cat >"$work/post.lua" <<EOF
package.path = package.path .. ";$repo/benchmarks/kv/?.lua"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"vehicleId":"short","requestedKwh":0.1,"maxKw":1000}'
done = require("wrk-report").done
EOF

# Long sessions at one power, sent 16 at a time by one curl.
fill() { # count kw
  [ "$1" -gt 0 ] || return 0
  for _ in $(seq "$1"); do printf 'url = "http://127.0.0.1:%s/sessions"\noutput = "/dev/null"\n' "$port"; done >"$work/fill.cfg"
  curl -s --no-progress-meter --parallel --parallel-max 16 -K "$work/fill.cfg" -H 'Content-Type: application/json' \
    -d "{\"vehicleId\":\"long\",\"requestedKwh\":500,\"maxKw\":$2}" >/dev/null
}

charging() { # -> sessions charging now, from the substation's own gauge
  curl -s "http://127.0.0.1:$port/metrics" | awk '/^substation_sessions_active[{ ]/ { print $NF; exit }'
}

results="$repo/benchmarks/results/substation-admissions"
mkdir -p "$results"
raw="$results/$(date -u +%Y-%m-%dT%H%M%SZ).txt"
{
  echo "# $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes') baseline $baseline rounds=$rounds seconds=$seconds warmup=$warmup"
  echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), dotnet $(dotnet --version)"
} | tee "$raw"

builds=(baseline current)
for round in $(seq "$rounds"); do
  for mode in $modes; do
    for n in $points; do
      for i in 0 1; do
        build=${builds[$(((i + round + n) % 2))]}
        (cd "$work/$build" && exec env ASPNETCORE_URLS=http://127.0.0.1:$port Logging__LogLevel__Default=Warning \
          Substation__Id=s1 Substation__CapacityKw=100000 Substation__Allocation="$mode" Simulation__Speed=1000 \
          dotnet Substation.dll >"$work/$build.log" 2>&1) &
        pids+=($!)
        for _ in $(seq 300); do curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/metrics" && break; sleep 0.1; done
        for kw in 7.4 11 22; do fill $((n / 3)) "$kw"; done
        wrk -t2 -c16 -d"${warmup}s" -s "$work/post.lua" "http://127.0.0.1:$port/sessions" >/dev/null
        before=$(charging)
        line=$(wrk -t2 -c16 -d"${seconds}s" -s "$work/post.lua" "http://127.0.0.1:$port/sessions" | grep '^RESULT')
        echo "round=$round mode=$mode sessions=$n build=$build charging_before=$before charging_after=$(charging) $line" | tee -a "$raw"
        stop_all
      done
    done
  done
done

echo
echo "Medians over $rounds round(s) (raw lines: ${raw#"$repo"/})"
awk '
  /^round=/ {
    for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    k = v["mode"] SUBSEP v["sessions"] SUBSEP v["build"]; n[k]++
    rate[k, n[k]] = v["requests"] / (v["duration_us"] / 1e6); p99[k, n[k]] = v["p99_us"] / 1000; err[k] += v["errors"]
    if (!(v["mode"] SUBSEP v["sessions"] in seen)) { seen[v["mode"] SUBSEP v["sessions"]] = 1; order[++points] = v["mode"] SUBSEP v["sessions"] }
  }
  function median(a, k,   i, j, t, m, x) {
    m = n[k]; for (i = 1; i <= m; i++) x[i] = a[k, i]
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (x[j] + 0 < x[i] + 0) { t = x[i]; x[i] = x[j]; x[j] = t }
    return x[int((m + 1) / 2)]
  }
  END {
    printf "| Mode | Sessions charging | Baseline admissions/s | This build admissions/s | ratio | p99 ms baseline / this | errors |\n"
    printf "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
    for (o = 1; o <= points; o++) {
      split(order[o], p, SUBSEP); b = order[o] SUBSEP "baseline"; c = order[o] SUBSEP "current"
      printf "| %s | %d | %d | %d | %.2fx | %.2f / %.2f | %d / %d |\n", p[1], p[2], median(rate, b), median(rate, c),
        median(rate, c) / median(rate, b), median(p99, b), median(p99, c), err[b], err[c]
    }
  }' "$raw" | tee -a "$raw"
