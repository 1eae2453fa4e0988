# Shared by the KV benchmark scripts (sourced, not run): start three KV nodes on loopback, drive them with wrk, and
# check that they converged. The caller sets $work and pids (start_work, benchmarks/common.sh), $key (the cluster key)
# and WRK_LUA_DIR, and builds KvNode into "$work/kvnode".

wait_http() { # url [seconds]: until it answers 2xx
  for _ in $(seq $((${2:-30} * 10))); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "no answer from $1" >&2; return 1
}

# The nodes run as the AppHost and deploy/k8s run them: with a 4 MiB gen0 budget (DOTNET_GCgen0size, see
# benchmarks/README.md: the store lives on the managed heap, and smaller young collections keep its pauses short).
start_kv() { # data root, extra env...
  local data=$1; shift
  for i in 1 2 3; do
    (cd "$work/kvnode" && exec env ASPNETCORE_URLS="http://127.0.0.1:730$i" Logging__LogLevel__Default=Warning \
      Kv__NodeId="kv$i" Kv__ClusterKey="$key" Kv__DataDir="$data/kv$i" \
      Kv__Peers__kv1=http://127.0.0.1:7301 Kv__Peers__kv2=http://127.0.0.1:7302 Kv__Peers__kv3=http://127.0.0.1:7303 \
      DOTNET_GCgen0size=0x400000 "$@" dotnet KvNode.dll >"$work/kv$i.log" 2>&1) &
    pids+=($!)
  done
  for i in 1 2 3; do wait_http "http://127.0.0.1:730$i/health" 120; done
  # A node opens to writes once it knows it reuses no counter (it asks its peers first).
  for i in 1 2 3; do
    for _ in $(seq 300); do
      curl -sf -o /dev/null -X PUT -H 'content-type: application/json' -d '{"value":"ready"}' "http://127.0.0.1:730$i/kv/ready" && break
      sleep 0.1
    done
  done
}

# The process id of node kv<n> (the dotnet process, not the subshell that started it).
kv_pid() { # n
  local p
  for p in $(pgrep -f 'KvNode.dll'); do
    grep -qz "Kv__NodeId=kv$1" "/proc/$p/environ" 2>/dev/null && { echo "$p"; return 0; }
  done
  return 1
}

# After a GridAspire run the nodes must hold the same writes, or the numbers are void: a node that stopped
# replicating would be doing less work. Prints "converged=<seconds>" or "converged=NO ..." with every node's clock.
kv_converged() {
  local started=$SECONDS clocks
  for _ in $(seq 300); do
    clocks=$(for i in 1 2 3; do curl -s "http://127.0.0.1:730$i/status" | grep -o '"clock":{[^}]*}' | head -1; done)
    if [ "$(echo "$clocks" | sort -u | wc -l)" -eq 1 ] && ! curl -s http://127.0.0.1:7301/status | grep -q '"problem":"'; then
      echo "converged=$((SECONDS - started))s"
      return 0
    fi
    sleep 0.1
  done
  echo "converged=NO $(echo $clocks | tr -d ' ')"
}

# One wrk run: prints "writes/s p50_ms p99_ms errors".
wrk_run() { # script connections seconds url
  local threads=$(($2 < 2 ? 1 : 2))
  wrk -t"$threads" -c"$2" -d"$3s" -s "$WRK_LUA_DIR/$1" "$4" | awk '/^RESULT/ {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "%.0f %.2f %.2f %d\n", v["requests"] / (v["duration_us"] / 1e6), v["p50_us"] / 1000, v["p99_us"] / 1000, v["errors"] }'
}

# Three wrk processes at once, one per node (6+5+5 connections): total rate, worst p50 and p99, errors.
wrk_three() { # script url-prefix port-prefix seconds
  local out=()
  for i in 1 2 3; do
    local c=$((i == 1 ? 6 : 5))
    wrk_run "$1" "$c" "$4" "$2$3$i" >"$work/three.$i" &
    out+=($!)
  done
  wait "${out[@]}"
  cat "$work"/three.? | awk '{ r += $1; if ($2 > p50) p50 = $2; if ($3 > p99) p99 = $3; e += $4 } END { printf "%.0f %.2f %.2f %d\n", r, p50, p99, e }'
}
