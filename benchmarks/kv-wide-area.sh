#!/usr/bin/env bash
# The causal KV store and a 3-member etcd across an emulated wide area, side by side in one run.
#
#   benchmarks/kv-wide-area.sh [--rtts 0,20,100,200,regions] [--seconds 8] [--warmup 10] [--visibility-writes 100] [--quick]
#
# Every link between two nodes goes through DelayProxy (this repository's delay proxy): kv_i -> kv_j and etcd member
# i -> member j alike, each direction delayed by half the round trip (the TCP handshake to the proxy is not delayed;
# both systems keep their connections open). `regions` is three regions 10, 40 and 75 ms apart one way
# (kv1-kv2 10, kv1-kv3 40, kv2-kv3 75). etcd's members each run in a mount namespace of their own whose /etc/hosts
# sends its peers' names to its own proxies (one advertised URL per member, yet a delay per link); its heartbeat and
# election timeout follow etcd's tuning guide for the round trip (heartbeat >= RTT, election >= 10 x RTT). Clients are
# next to the node they call (loopback, no delay). Per round trip, each system starts fresh and gets, in turn:
#   one client writing one key after another for the first seconds after start (cold: .NET is still compiling its
#     hot paths to optimised code then), a warm-up (writes on all three nodes), then the measured loads:
#   write latency, one client writing one key after another, and 16 connections (wrk, 100-byte values);
#   visibility: a write at kv1, then a read at kv2 and kv3 carrying its context, which each answers the moment it has
#     delivered it (ours only: etcd's followers serve linearizable reads through the leader);
#   writes/s with one node loaded, and how far its peers are behind (writes, and time to catch up) when the load stops;
#   writes/s with all three loaded, and the CPU the nodes and the proxy spent per write meanwhile;
#   a partition: kv3 (or an etcd follower) cut off from the other two for 5 s, writes issued on both sides (1 s
#     timeout each), then healed: writes accepted on each side and the time until every node has everything.
# Prints one table (ours / etcd per cell) and the goals of issue #27 checked against it; raw lines go to
# benchmarks/results/kv-wide-area/. Installs etcd-server, wrk and curl from Debian when missing. Everything listens on
# loopback addresses (127.0.0.0/8). Needs root for the mount namespaces (unshare -m).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

rtts="0,20,100,200,regions" seconds=8 warmup=10 visibility_writes=100 partition_seconds=5
while [ $# -gt 0 ]; do
  case "$1" in
    --rtts) rtts=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --visibility-writes) visibility_writes=$2; shift 2 ;;
    --quick) rtts="0,100" seconds=4 warmup=4 visibility_writes=30 partition_seconds=3; shift ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

. "$repo/benchmarks/common.sh" # install_missing, start_work, stop_all
install_missing etcd:etcd-server wrk:wrk curl:curl unshare:util-linux
start_work kv-wide-area

echo "building Release binaries into $work"
dotnet publish KvNode -c Release -o "$work/kvnode" --nologo -v quiet >/dev/null
dotnet publish DelayProxy -c Release -o "$work/proxy" --nologo -v quiet >/dev/null
dotnet publish benchmarks/WideAreaProbe -c Release -o "$work/probe" --nologo -v quiet >/dev/null
export WRK_LUA_DIR="$repo/benchmarks/kv"
key=bench-cluster-key-0123456789
. "$repo/benchmarks/kv/cluster.sh" # wrk_run, wrk_three, wait_http
probe() { dotnet "$work/probe/WideAreaProbe.dll" "$@"; }

results="$repo/benchmarks/results/kv-wide-area"
mkdir -p "$results"
raw="$results/$(date -u +%Y-%m-%dT%H%M%SZ).txt"
record() { echo "$*" | tee -a "$raw"; }
record "# $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes') $(nproc) cores, $(uname -r); rtts $rtts, ${seconds}s loads, ${warmup}s warm-up"

# One proxy process for every link. Ours: kv_i -> kv_j listens on 127.0.0.1:76ij and forwards to kv_j on 76j0 + ... (760j).
# etcd's: member i -> member j listens on 127.2.i.j:2380 and forwards to member j's peer port on 127.1.0.j:2380.
links=()
for i in 1 2 3; do for j in 1 2 3; do
  [ "$i" = "$j" ] && continue
  links+=(--link "kv$i-kv$j=127.0.0.1:76$i$j>127.0.0.1:760$j@0" --link "e$i-e$j=127.2.$i.$j:2380>127.1.0.$j:2380@0")
done; done
if curl -s -o /dev/null http://127.0.0.1:7480/links; then
  echo "something already answers on 127.0.0.1:7480 (a proxy of an earlier run?): stop it first" >&2; exit 1
fi
(exec dotnet "$work/proxy/DelayProxy.dll" --admin 127.0.0.1:7480 "${links[@]}" >"$work/proxy.log" 2>&1) &
proxy_pid=$!
wait_http http://127.0.0.1:7480/links 60
kill -0 "$proxy_pid" 2>/dev/null || { cat "$work/proxy.log" >&2; exit 1; }

# One-way delay of the link between nodes i and j, in ms, for a round trip (or "regions").
one_way() { # rtt i j
  if [ "$1" = regions ]; then
    case "$(( $2 < $3 ? $2 : $3 ))$(( $2 < $3 ? $3 : $2 ))" in 12) echo 10 ;; 13) echo 40 ;; 23) echo 75 ;; esac
  else
    echo $(( $1 / 2 ))
  fi
}
# CPU time (ms, user + system) the processes of a system have used so far: "nodes proxy".
cpu_ms() { # process-name pattern (pgrep -f)
  local nodes=0 p
  for p in $(pgrep -f "$1"); do nodes=$((nodes + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done
  echo "$((nodes * 1000 / $(getconf CLK_TCK))) $(( $(awk '{print $14 + $15}' "/proc/$proxy_pid/stat") * 1000 / $(getconf CLK_TCK) ))"
}
# The three-node load with the CPU it cost: "writes/s p50 p99 errors cpu-us-per-write nodes=<us> proxy=<us>".
loaded_three() { # script url-prefix port-prefix pattern
  local before after out
  before=$(cpu_ms "$4"); out=$(wrk_three "$1" "$2" "$3" "$seconds"); after=$(cpu_ms "$4")
  echo "$out" "$before" "$after" | awk '{ n = $1 * '"$seconds"'; if (n < 1) n = 1
    printf "%s %s %s %s cpu-us-per-write nodes=%.0f proxy=%.0f\n", $1, $2, $3, $4, ($7 - $5) * 1000 / n, ($8 - $6) * 1000 / n }'
}

set_links() { # rtt
  for i in 1 2 3; do for j in 1 2 3; do
    [ "$i" = "$j" ] && continue
    local d; d=$(one_way "$1" "$i" "$j")
    for name in "kv$i-kv$j" "e$i-e$j"; do
      curl -sf -X PUT -H 'content-type: application/json' -d "{\"oneWayMs\":$d,\"cut\":false}" "http://127.0.0.1:7480/links/$name" >/dev/null
    done
  done; done
}
links_of() { # system(kv|e) node: every link to and from the node, comma-separated
  local n=$2 other names=()
  for other in 1 2 3; do
    [ "$other" = "$n" ] && continue
    names+=("$1$n-$1$other" "$1$other-$1$n")
  done
  (IFS=,; echo "${names[*]}")
}
cut_node() { # system(kv|e) node: cuts every link to and from the node (the converged probe heals them)
  local name
  for name in $(links_of "$1" "$2" | tr , ' '); do
    curl -sf -X PUT -H 'content-type: application/json' -d '{"cut":true}' "http://127.0.0.1:7480/links/$name" >/dev/null
  done
}

start_ours() {
  rm -rf "$work/kv"; mkdir -p "$work/kv"
  for i in 1 2 3; do
    local peers=() j
    for j in 1 2 3; do [ "$i" != "$j" ] && peers+=("Kv__Peers__kv$j=http://127.0.0.1:76$i$j"); done
    (cd "$work/kvnode" && exec env ASPNETCORE_URLS="http://127.0.0.1:760$i" Logging__LogLevel__Default=Warning \
      Kv__NodeId="kv$i" Kv__ClusterKey="$key" Kv__DataDir="$work/kv/kv$i" "${peers[@]}" \
      DOTNET_GCgen0size=0x400000 dotnet KvNode.dll >"$work/kv$i.log" 2>&1) &
    pids+=($!)
  done
  for i in 1 2 3; do
    for _ in $(seq 600); do
      curl -sf -o /dev/null -X PUT -H 'content-type: application/json' -d '{"value":"ready"}' "http://127.0.0.1:760$i/kv/ready" && break
      sleep 0.1
    done
  done
}

start_etcd() { # rtt-ms-for-timeouts
  rm -rf "$work/etcd"; mkdir -p "$work/etcd"
  local heartbeat=$(( $1 > 100 ? $1 : 100 )) election=$(( $1 * 10 > 1000 ? $1 * 10 : 1000 ))
  local cluster=e1=http://etcd1:2380,e2=http://etcd2:2380,e3=http://etcd3:2380
  for i in 1 2 3; do
    local hosts="$work/etcd/hosts$i" j
    echo "127.0.0.1 localhost" >"$hosts"
    for j in 1 2 3; do
      if [ "$i" = "$j" ]; then echo "127.1.0.$j etcd$j" >>"$hosts"; else echo "127.2.$i.$j etcd$j" >>"$hosts"; fi
    done
    (exec unshare -m sh -c "mount --bind '$hosts' /etc/hosts && exec etcd --name e$i --data-dir '$work/etcd/e$i' --log-level error \
      --heartbeat-interval $heartbeat --election-timeout $election \
      --listen-client-urls http://127.0.0.1:2379$i --advertise-client-urls http://127.0.0.1:2379$i \
      --listen-peer-urls http://127.1.0.$i:2380 --initial-advertise-peer-urls http://etcd$i:2380 \
      --initial-cluster $cluster --initial-cluster-state new --initial-cluster-token wide" >"$work/e$i.log" 2>&1) &
    pids+=($!)
  done
  for i in 1 2 3; do
    for _ in $(seq 600); do curl -sf "http://127.0.0.1:2379$i/health" | grep -q '"health":"true"' && break; sleep 0.1; done
  done
}
etcd_leader() { # prints the member number (1-3) of the leader
  local i status
  for i in 1 2 3; do
    status=$(curl -s -X POST -d '{}' "http://127.0.0.1:2379$i/v3/maintenance/status")
    if [ "$(echo "$status" | grep -o '"member_id":"[0-9]*"' | grep -o '[0-9]*')" = "$(echo "$status" | grep -o '"leader":"[0-9]*"' | grep -o '[0-9]*')" ]; then
      echo "$i"; return
    fi
  done
  echo 1
}

measure_ours() { # rtt
  local r=$1 out majority behind
  start_ours
  record "rtt=$r system=gridaspire load=latency-c1-cold $(wrk_run kv-put.lua 1 "$seconds" http://127.0.0.1:7601)"
  wrk_three kv-put.lua http://127.0.0.1: 760 "$warmup" >/dev/null
  record "rtt=$r system=gridaspire load=latency-c1 $(wrk_run kv-put.lua 1 "$seconds" http://127.0.0.1:7601)"
  # The probe watches beside the load (started before it, so its own start-up is not counted).
  probe behind http://127.0.0.1:7601 http://127.0.0.1:7602,http://127.0.0.1:7603 "$seconds" >"$work/behind" &
  behind=$!
  record "rtt=$r system=gridaspire load=one-node-c16 $(wrk_run kv-put.lua 16 "$seconds" http://127.0.0.1:7601)"
  wait "$behind" || true
  record "rtt=$r system=gridaspire load=behind $(cat "$work/behind")"
  record "rtt=$r system=gridaspire load=three-nodes-c16 $(loaded_three kv-put.lua http://127.0.0.1: 760 KvNode.dll)"
  probe converged kv http://127.0.0.1:7601,http://127.0.0.1:7602,http://127.0.0.1:7603 120 >/dev/null || true
  record "rtt=$r system=gridaspire load=visibility $(probe visibility http://127.0.0.1:7601 http://127.0.0.1:7602,http://127.0.0.1:7603 "$visibility_writes" 20)"
  cut_node kv 3
  probe accepted kv http://127.0.0.1:7601 "$partition_seconds" 1000 >"$work/majority" &
  majority=$!
  probe accepted kv http://127.0.0.1:7603 "$partition_seconds" 1000 >"$work/minority"
  wait "$majority"; out="$(cat "$work/majority") $(cat "$work/minority")"
  record "rtt=$r system=gridaspire load=partition accepted-majority-minority $out healed-ms $(probe converged kv http://127.0.0.1:7601,http://127.0.0.1:7602,http://127.0.0.1:7603 120 http://127.0.0.1:7480 "$(links_of kv 3)")"
  stop_all
}

measure_etcd() { # rtt
  local r=$1 out majority leader follower rtt_ms
  rtt_ms=$([ "$r" = regions ] && echo 150 || echo "$r")
  start_etcd "$rtt_ms"
  leader=$(etcd_leader); follower=$(( leader % 3 + 1 ))
  record "rtt=$r system=etcd load=latency-c1-cold $(wrk_run etcd-put.lua 1 "$seconds" "http://127.0.0.1:2379$leader")"
  wrk_three etcd-put.lua http://127.0.0.1: 2379 "$warmup" >/dev/null
  record "rtt=$r system=etcd load=latency-c1 $(wrk_run etcd-put.lua 1 "$seconds" "http://127.0.0.1:2379$leader")"
  record "rtt=$r system=etcd load=one-node-c16 $(wrk_run etcd-put.lua 16 "$seconds" "http://127.0.0.1:2379$leader")"
  record "rtt=$r system=etcd load=three-nodes-c16 $(loaded_three etcd-put.lua http://127.0.0.1: 2379 'etcd --name')"
  cut_node e "$follower"
  probe accepted etcd "http://127.0.0.1:2379$leader" "$partition_seconds" 1000 >"$work/majority" &
  majority=$!
  probe accepted etcd "http://127.0.0.1:2379$follower" "$partition_seconds" 1000 >"$work/minority"
  wait "$majority"; out="$(cat "$work/majority") $(cat "$work/minority")"
  record "rtt=$r system=etcd load=partition accepted-majority-minority $out healed-ms $(probe converged etcd http://127.0.0.1:23791,http://127.0.0.1:23792,http://127.0.0.1:23793 120 http://127.0.0.1:7480 "$(links_of e "$follower")")"
  stop_all
}

round=0
for r in ${rtts//,/ }; do
  set_links "$r"
  round=$((round + 1))
  if [ $((round % 2)) = 1 ]; then measure_ours "$r"; measure_etcd "$r"; else measure_etcd "$r"; measure_ours "$r"; fi
done
kill "$proxy_pid" 2>/dev/null || true

echo
echo "Round trips: ${rtts//,/, } (ms; regions: 10/40/75 ms one way). Cells: GridAspire / etcd. Raw lines: $raw"
awk -v rtts="$rtts" -v secs="$seconds" '
  /^rtt=/ {
    split($1, a, "="); split($2, b, "="); split($3, c, "="); r = a[2]; s = b[2]; l = c[2]
    if (l == "partition") { v[r, s, "acc"] = $5 "/" $6 " : " $7 "/" $8; v[r, s, "heal"] = $10 }
    else if (l == "behind") { v[r, s, "bw"] = $4; v[r, s, "bms"] = $5 }
    else if (l == "visibility") { v[r, s, "vis"] = $4 " / " $5 }
    else { v[r, s, l "_rate"] = $4; v[r, s, l "_p50"] = $5; v[r, s, l "_p99"] = $6 }
    if ($8 == "cpu-us-per-write") { split($9, cn, "="); split($10, cp, "="); v[r, s, "cpu"] = cn[2] " + " cp[2] }
  }
  function cell(r, k,   g, e) { g = v[r, "gridaspire", k]; e = v[r, "etcd", k]; return (g == "" ? "-" : g) " / " (e == "" ? "-" : e) }
  END {
    n = split(rtts, R, ",")
    head = "| Measure |"; sep = "| --- |"
    for (i = 1; i <= n; i++) { head = head " " R[i] " |"; sep = sep " ---: |" }
    print head; print sep
    row("write p50 ms, 1 client, first " secs " s after start", "latency-c1-cold_p50")
    row("write p99 ms, 1 client, first " secs " s after start", "latency-c1-cold_p99")
    row("write p50 ms, 1 client", "latency-c1_p50"); row("write p99 ms, 1 client", "latency-c1_p99")
    row("write p50 ms, 16 conns", "one-node-c16_p50"); row("write p99 ms, 16 conns", "one-node-c16_p99")
    row("writes/s, one node loaded", "one-node-c16_rate"); row("writes/s, three loaded", "three-nodes-c16_rate")
    row("... CPU us per write, nodes + proxy", "cpu")
    row("peers behind when load stops (writes)", "bw"); row("... and ms until caught up", "bms")
    row("visibility p50 / p99 ms (ours)", "vis")
    row("partition: accepted majority : cut-off side", "acc"); row("ms from healing until all agree", "heal")
    goals()
  }
  # One-way delay (ms) of the longest link a measure crosses: regions are 10/40/75 ms one way.
  function oneway(r) { return r == "regions" ? 75 : r / 2 }
  function rtt(r) { return r == "regions" ? 150 : r }
  function check(ok, text) { printf "%s %s\n", (ok ? "MET    " : "NOT MET"), text }
  function goals(   i, r, g, e, p, a) {
    print ""; print "Goals of issue #27 (GridAspire):"
    for (i = 1; i <= n; i++) {
      r = R[i]
      if (v[r, "gridaspire", "latency-c1_p50"] != "")
        check(v[r, "gridaspire", "latency-c1_p50"] <= 1 && v[r, "gridaspire", "latency-c1_p99"] <= 5,
          sprintf("rtt %s: write p50 %s <= 1 ms, p99 %s <= 5 ms (etcd %s / %s)", r, v[r, "gridaspire", "latency-c1_p50"],
            v[r, "gridaspire", "latency-c1_p99"], v[r, "etcd", "latency-c1_p50"], v[r, "etcd", "latency-c1_p99"]))
      if (v[r, "gridaspire", "vis"] != "") {
        split(v[r, "gridaspire", "vis"], p, " / ")
        check(p[1] <= oneway(r) + 5 && p[2] <= oneway(r) + 30,
          sprintf("rtt %s: visibility p50 %s <= %d ms, p99 %s <= %d ms", r, p[1], oneway(r) + 5, p[2], oneway(r) + 30))
      }
      if (v[r, "gridaspire", "bms"] != "")
        check(v[r, "gridaspire", "bms"] >= 0 && v[r, "gridaspire", "bms"] <= rtt(r) + 100,
          sprintf("rtt %s: peers caught up %s ms after the load stopped <= %d ms (%s writes behind)", r, v[r, "gridaspire", "bms"], rtt(r) + 100, v[r, "gridaspire", "bw"]))
      if (r != 0 && v[r, "gridaspire", "one-node-c16_rate"] != "" && v[0, "gridaspire", "one-node-c16_rate"] != "")
        check(v[r, "gridaspire", "one-node-c16_rate"] >= 0.9 * v[0, "gridaspire", "one-node-c16_rate"],
          sprintf("rtt %s: writes/s one node loaded %s >= 0.9 x %s at 0 ms (%.2fx)", r, v[r, "gridaspire", "one-node-c16_rate"],
            v[0, "gridaspire", "one-node-c16_rate"], v[r, "gridaspire", "one-node-c16_rate"] / v[0, "gridaspire", "one-node-c16_rate"]))
      if (v[r, "gridaspire", "acc"] != "") {
        split(v[r, "gridaspire", "acc"], a, "[ /:]+")
        check(a[1] == a[2] && a[3] == a[4] && a[1] > 0 && a[3] > 0,
          sprintf("rtt %s: partition, every write accepted on both sides: %s (etcd %s)", r, v[r, "gridaspire", "acc"], v[r, "etcd", "acc"]))
        check(v[r, "gridaspire", "heal"] >= 0 && v[r, "gridaspire", "heal"] <= rtt(r) + 1000,
          sprintf("rtt %s: all nodes agree %s ms after healing <= %d ms", r, v[r, "gridaspire", "heal"], rtt(r) + 1000))
      }
    }
    g = v[0, "gridaspire", "three-nodes-c16_rate"]; e = v[0, "etcd", "three-nodes-c16_rate"]
    if (g != "" && e > 0)
      check(g >= 3 * e && v[0, "gridaspire", "three-nodes-c16_p99"] <= v[0, "etcd", "three-nodes-c16_p99"],
        sprintf("rtt 0: three nodes loaded %s writes/s >= 3 x etcd %s (%.2fx), p99 %s <= etcd %s ms", g, e, g / e,
          v[0, "gridaspire", "three-nodes-c16_p99"], v[0, "etcd", "three-nodes-c16_p99"]))
  }
  function row(label, k,   line, i) { line = "| " label " |"; for (i = 1; i <= n; i++) line = line " " cell(R[i], k) " |"; print line }
' "$raw" | tee -a "$raw"
