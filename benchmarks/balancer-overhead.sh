#!/usr/bin/env bash
# What a proxy hop costs: one substation called directly, through nginx (least_conn, keepalive), HAProxy (leastconn),
# bare YARP (one route, nothing else) and the GridAspire balancer (LeastLoad), side by side in one run.
#
#   benchmarks/balancer-overhead.sh [--rounds 3] [--seconds 10] [--warmup 10] [--connections 16] [--quick]
#
# Each round starts every proxy fresh, in a rotated order, warms it up, then drives POST /sessions (a tiny session,
# so nothing is refused) with wrk and reads the proxy's CPU time from /proc before and after: CPU per request is
# (user + system time of the proxy's processes) / requests. Prints medians with ratios to direct, to nginx and to bare
# YARP; raw lines go to benchmarks/results/balancer-overhead/. Installs nginx, haproxy and wrk from Debian when
# missing. Everything listens on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

rounds=3 seconds=10 warmup=10 connections=16
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --quick) rounds=1 seconds=5 warmup=3; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

. "$repo/benchmarks/common.sh" # install_missing, start_work, stop_all
install_missing nginx:nginx-light haproxy:haproxy wrk:wrk curl:curl
nginx=$(command -v nginx || echo /usr/sbin/nginx)
haproxy=$(command -v haproxy || echo /usr/sbin/haproxy)

start_work balancer-overhead

echo "building Release binaries into $work"
for project in Substation Balancer benchmarks/BareYarp; do
  dotnet publish "$project" -c Release -o "$work/$(basename "$project")" --nologo -v quiet >/dev/null
done

substation=7401
quiet=(Logging__LogLevel__Default=Warning)
for port in $substation 7402 7403 7404 7405; do
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then
    echo "port $port is already in use: stop whatever listens there first" >&2; exit 1
  fi
done
wait_up() { # url: until anything answers (any HTTP status), at most 30 s
  for _ in $(seq 300); do curl -s -o /dev/null --max-time 1 "$1" && return 0; sleep 0.1; done
  echo "nothing answers at $1 (see the logs in $work)" >&2; return 1
}

# The substation: room for everything, and sessions that end at once.
(cd "$work/Substation" && exec env ASPNETCORE_URLS=http://127.0.0.1:$substation "${quiet[@]}" Substation__Id=s1 \
  Substation__CapacityKw=100000 Simulation__Speed=100000 dotnet Substation.dll >"$work/substation.log" 2>&1) &
substation_pid=$!
wait_up "http://127.0.0.1:$substation/metrics"

cat >"$work/nginx.conf" <<EOF
worker_processes auto;
pid $work/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream substations { least_conn; server 127.0.0.1:$substation; keepalive 64; }
  server {
    listen 127.0.0.1:7402;
    location / { proxy_pass http://substations; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
EOF
cat >"$work/haproxy.cfg" <<EOF
global
  log stderr format raw local0 warning
defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  http-reuse always
frontend in
  bind 127.0.0.1:7403
  default_backend substations
backend substations
  balance leastconn
  server s1 127.0.0.1:$substation
EOF

start_proxy() { # name -> echoes "port pid"
  case "$1" in
    direct) echo "$substation $substation_pid"; return ;;
    nginx) "$nginx" -c "$work/nginx.conf" -p "$work" -g 'daemon off;' >"$work/nginx.log" 2>&1 & echo "7402 $!" ;;
    haproxy) "$haproxy" -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 & echo "7403 $!" ;;
    bare-yarp) (cd "$work/BareYarp" && exec env ASPNETCORE_URLS=http://127.0.0.1:7404 "${quiet[@]}" \
      BareYarp__Target=http://127.0.0.1:$substation dotnet BareYarp.dll >"$work/bare-yarp.log" 2>&1) & echo "7404 $!" ;;
    balancer) (cd "$work/Balancer" && exec env ASPNETCORE_URLS=http://127.0.0.1:7405 "${quiet[@]}" \
      Balancer__Substations__s1=http://127.0.0.1:$substation dotnet Balancer.dll >"$work/balancer.log" 2>&1) & echo "7405 $!" ;;
  esac
}

cpu_ticks() { # pid (and its children) -> user+system clock ticks
  local total=0
  for p in $1 $(pgrep -P "$1" || true); do
    [ -r "/proc/$p/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo $total
}

cat >"$work/post.lua" <<EOF
package.path = package.path .. ";$repo/benchmarks/kv/?.lua"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"vehicleId":"bench","requestedKwh":0.001,"maxKw":1}'
done = require("wrk-report").done
EOF

results="$repo/benchmarks/results/balancer-overhead"
mkdir -p "$results"
raw="$results/$(date -u +%Y-%m-%dT%H%M%SZ).txt"
{
  echo "# $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes') rounds=$rounds seconds=$seconds warmup=$warmup connections=$connections"
  echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), dotnet $(dotnet --version), $("$nginx" -v 2>&1 | cut -d' ' -f3), $("$haproxy" -v | head -1 | cut -d' ' -f1-3)"
} | tee "$raw"

hz=$(getconf CLK_TCK)
targets=(direct nginx haproxy bare-yarp balancer)
for round in $(seq "$rounds"); do
  for i in "${!targets[@]}"; do
    name=${targets[$(((i + round - 1) % ${#targets[@]}))]}
    read -r port pid < <(start_proxy "$name")
    [ "$name" != direct ] && pids+=("$pid")
    wait_up "http://127.0.0.1:$port/sessions"
    wrk -t2 -c"$connections" -d"${warmup}s" -s "$work/post.lua" "http://127.0.0.1:$port/sessions" >/dev/null
    before=$(cpu_ticks "$pid")
    line=$(wrk -t2 -c"$connections" -d"${seconds}s" -s "$work/post.lua" "http://127.0.0.1:$port/sessions" | grep '^RESULT')
    after=$(cpu_ticks "$pid")
    echo "round=$round target=$name $line cpu_ticks=$((after - before)) hz=$hz" | tee -a "$raw"
    if [ "$name" != direct ]; then stop_all; fi
  done
done
kill "$substation_pid" 2>/dev/null || true

echo
echo "Medians over $rounds round(s) (raw lines: ${raw#"$repo"/})"
awk '
  /^round=/ {
    for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    t = v["target"]; n[t]++
    rate[t, n[t]] = v["requests"] / (v["duration_us"] / 1e6)
    p50[t, n[t]] = v["p50_us"] / 1000; p99[t, n[t]] = v["p99_us"] / 1000; err[t] += v["errors"]
    cpu[t, n[t]] = (t == "direct") ? 0 : v["cpu_ticks"] / v["hz"] * 1e6 / v["requests"]
  }
  function median(a, k,   i, j, t, m, x) {
    m = n[k]; for (i = 1; i <= m; i++) x[i] = a[k, i]
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (x[j] + 0 < x[i] + 0) { t = x[i]; x[i] = x[j]; x[j] = t }
    return x[int((m + 1) / 2)]
  }
  END {
    split("direct nginx haproxy bare-yarp balancer", order, " ")
    d = median(rate, "direct"); ng = median(rate, "nginx"); by = median(cpu, "bare-yarp")
    printf "| Target | Requests/s | / direct | / nginx | p50 / p99 ms | CPU per request in the proxy | / bare YARP | Errors |\n"
    printf "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
    for (o = 1; o <= 5; o++) {
      t = order[o]; if (!n[t]) continue
      c = median(cpu, t)
      printf "| %s | %d | %.2f | %.2f | %.2f / %.2f | %s | %s | %d |\n", t, median(rate, t), median(rate, t) / d, median(rate, t) / ng,
        median(p50, t), median(p99, t), (t == "direct" ? "-" : sprintf("%.0f us", c)), (t == "direct" || !by ? "-" : sprintf("%.2f", c / by)), err[t]
    }
  }' "$raw" | tee -a "$raw"
