#!/usr/bin/env bash
# Do independent balancer replicas herd? The same seeded evening-peak rush hour (demand about 130 % of a 400/300/300 kW
# grid) through one charging API in front of 1, 2 and 3 LeastLoad balancers, at a 1 s and a 5 s poll. Each balancer
# knows only its own polls and what it routed itself, so with N replicas each sees 1/N of the traffic between polls.
#
#   benchmarks/balancer-replicas.sh [--rounds 2] [--hold 40] [--quick]
#
# Balance is measured at the substations (their /metrics each second, as the load tester always does), never through
# a balancer. Per round the replica counts run in alternating order, each on fresh substations and balancers. Prints
# one table row per run; raw tables go to benchmarks/results/balancer-replicas/. Everything listens on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

rounds=2 hold=40
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --hold) hold=$2; shift 2 ;;
    --quick) rounds=1 hold=15; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

. "$repo/benchmarks/common.sh" # install_missing, start_work, stop_all, wait_up, start_service, ports_free
install_missing curl:curl
start_work balancer-replicas

echo "building Release binaries into $work"
for project in Substation Balancer ChargeRequest LoadTester; do
  dotnet publish "$project" -c Release -o "$work/$project" --nologo -v quiet >/dev/null
done

ports_free 7421 7422 7423 7431 7432 7433 7435

key=local-dev-balancer-key-change-me
grid() { # replicas: starts three substations, that many balancers (peers of each other) and one API
  local n=$1 i j capacities=(400 300 300) settings
  for i in 1 2 3; do
    start_service "s$i" Substation ASPNETCORE_URLS=http://127.0.0.1:742$i Substation__Id=substation$i \
      Substation__CapacityKw=${capacities[$((i - 1))]} Simulation__Speed=600 Substation__AdminKey=$key
  done
  for i in $(seq "$n"); do
    settings=(ASPNETCORE_URLS=http://127.0.0.1:743$i Balancer__AdminKey=$key Balancer__Replica=balancer$i)
    for j in 1 2 3; do settings+=("Balancer__Substations__substation$j=http://127.0.0.1:742$j"); done
    for j in $(seq "$n"); do [ "$j" = "$i" ] || settings+=("Balancer__Peers__balancer$j=http://127.0.0.1:743$j"); done
    start_service "balancer$i" Balancer "${settings[@]}"
  done
  settings=(ASPNETCORE_URLS=http://127.0.0.1:7435)
  for i in $(seq "$n"); do settings+=("services__balancer__http__$((i - 1))=http://127.0.0.1:743$i"); done
  start_service api ChargeRequest "${settings[@]}"
  for port in 7421 7422 7423 $(seq 7431 $((7430 + n))) 7435; do wait_up "http://127.0.0.1:$port/health"; done
}

results="$repo/benchmarks/results/balancer-replicas"
mkdir -p "$results"
raw="$results/$(date -u +%Y-%m-%dT%H%M%SZ).txt"
{
  echo "# $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes') rounds=$rounds hold=$hold profile=evening-peak seed=42"
  echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), dotnet $(dotnet --version)"
} | tee "$raw"

order=(1 2 3)
for round in $(seq "$rounds"); do
  for n in "${order[@]}"; do
    grid "$n"
    out="$work/round$round-replicas$n"
    (cd "$work/LoadTester" && dotnet LoadTester.dll rush --target http://127.0.0.1:7435 --balancer http://127.0.0.1:7431 \
      --admin-key "$key" --profile evening-peak --ramp-up 10 --hold "$hold" --ramp-down 10 --compare LeastLoad --stale-poll 5 \
      --output "$out" >"$work/loadtester-$round-$n.log" 2>&1) || { tail -20 "$work/loadtester-$round-$n.log" >&2; exit 1; }
    grep '^| LeastLoad' "$out/comparison.md" | sed "s/^| /| $n | $round | /" | tee -a "$raw"
    stop_all
  done
  order=($(printf '%s\n' "${order[@]}" | tac)) # the next round runs them the other way round
done

echo
echo "| Balancers | Round | Run | Requests | Admitted | Turned away (avoidable, seen by balancer 1) | p95 ms | Most crowded substation, power per vehicle vs balanced: mean / worst second | Vehicles throttled | Time to full, mean / p95 min | Mean utilisation | Imbalance, mean / max | Jain per second, mean / min |"
echo "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
grep '^| [0-9]' "$raw" | sort -t'|' -k2,2n -k4,4 -k3,3n
