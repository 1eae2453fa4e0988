#!/usr/bin/env bash
# Container end-to-end: builds the published docker-compose.yml's images and starts it with the README's own command
# (`docker-compose up -d`: everything but the profiles, Grafana and the load tester), then checks, against the
# containers:
#   1. the causal scenario (kvclient, run in a container on the compose network: KV ports are not published);
#   2. a burst of charge requests through the published API port spreads over the three substation replicas, and with
#      one balancer killed both API ports still book every vehicle;
#   3. Prometheus has scraped every substation replica (DNS service discovery);
#   4. the load tester, run as README says (`--profile loadtest run --rm --user ...`), compares two policies on a short
#      rush hour and leaves its results in ./results on the host.
# Tears everything down on exit, success or failure. Needs docker and docker-compose (1.29) or docker compose (v2).
set -euo pipefail
cd "$(dirname "$0")/.."

PROJECT=gridaspire-e2e
if command -v docker-compose >/dev/null; then COMPOSE=(docker-compose); else COMPOSE=(docker compose); fi
compose() { "${COMPOSE[@]}" -p "$PROJECT" -f docker-compose.yml "$@"; }
log() { echo "e2e: $*" >&2; }
fail() { log "FAIL: $*"; compose ps >&2 || true; compose logs --tail=40 >&2 || true; exit 1; }
cleanup() { log "tearing down"; compose down -v --remove-orphans >/dev/null 2>&1 || true; rm -rf "$WORK"; }
WORK=$(mktemp -d)
trap cleanup EXIT

# shellcheck disable=SC1091
source .env
log "building images"
compose build kv1 substation balancer chargerequest sharedstore loadtester >&2
log "starting the stack as the README does"
compose up -d >&2
started=$(docker ps --filter "label=com.docker.compose.project=$PROJECT" --format '{{.Label "com.docker.compose.service"}}' | sort -u | xargs)
[[ $started == "balancer balancer2 chargerequest chargerequest2 kv1 kv2 kv3 prometheus sharedstore substation" ]] || fail "compose up -d started: $started"

# Waiting on containers we do not control: poll their state, bounded.
wait_healthy() {
  local service=$1 deadline=$((SECONDS + 180))
  while (( SECONDS < deadline )); do
    local ids; ids=$(compose ps -q "$service")
    if [[ -n $ids ]] && ! docker inspect -f '{{.State.Health.Status}}' $ids | grep -qv healthy; then return 0; fi
    sleep 2
  done
  fail "$service did not become healthy"
}
for s in kv1 kv2 kv3 substation sharedstore balancer balancer2 chargerequest chargerequest2; do wait_healthy "$s"; done
replicas=$(compose ps -q substation | wc -l)
[[ $replicas -eq 3 ]] || fail "expected 3 substation replicas, found $replicas"
log "all services healthy; $replicas substation replicas"

log "1/4 causal scenario against the KV containers (fault injection turned on by docker-compose.chaos.yml)"
"${COMPOSE[@]}" -p "$PROJECT" -f docker-compose.yml -f docker-compose.chaos.yml up -d kv1 kv2 kv3 >&2
for s in kv1 kv2 kv3; do wait_healthy "$s"; done
# README's recipe, word for word but for the project name.
dotnet publish KvClient -c Release -o build/kvclient --nologo -v quiet >&2
network=$(docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}' "$(compose ps -q kv1)")
docker run --rm --network "$network" -v "$PWD/build/kvclient:/app:ro" mcr.microsoft.com/dotnet/aspnet:10.0 \
  dotnet /app/kvclient.dll scenario causal --nodes kv1=http://kv1:8080,kv2=http://kv2:8080,kv3=http://kv3:8080 \
  --cluster-key "$(sed -n 's/^KV_CLUSTER_KEY=//p' .env)" || fail "causal scenario"

log "2/4 a burst of 30 charge requests through 127.0.0.1:5080"
: >"$WORK/assignments"
for i in $(seq 1 30); do
  status=$(curl -s -o "$WORK/response" -w '%{http_code}' -X POST http://127.0.0.1:5080/api/charge \
    -H 'content-type: application/json' -d "{\"vehicleId\":\"e2e-$i\",\"requestedKwh\":10,\"maxKw\":11}")
  [[ $status == 201 ]] || fail "request $i answered $status: $(cat "$WORK/response")"
  grep -o '"substationId":"[^"]*"' "$WORK/response" >>"$WORK/assignments"
done
distinct=$(sort -u "$WORK/assignments" | wc -l)
log "assignments per replica: $(sort "$WORK/assignments" | uniq -c | awk '{print $1}' | xargs)"
[[ $distinct -eq 3 ]] || fail "requests went to $distinct substation replicas, expected 3"

log "2/4 (cont.) balancer2 killed: both APIs still book every vehicle, through balancer"
docker kill "$(compose ps -q balancer2)" >/dev/null
for i in $(seq 1 10); do
  port=$((5080 + i % 2))
  status=$(curl -s -m 5 -o "$WORK/response" -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/charge" \
    -H 'content-type: application/json' -H "Idempotency-Key: e2e-failover-$i" -d "{\"vehicleId\":\"e2e-failover-$i\",\"requestedKwh\":10,\"maxKw\":11}")
  [[ $status == 201 ]] || fail "with balancer2 killed, request $i at $port answered $status: $(cat "$WORK/response")"
done

log "3/4 Prometheus scraped every substation replica"
deadline=$((SECONDS + 60)); up=0
while (( SECONDS < deadline )); do
  up=$(curl -s 'http://127.0.0.1:9090/api/v1/query' --data-urlencode 'query=count(up{job="substation"} == 1)' \
    | grep -o '"value":\[[^]]*\]' | grep -o '"[0-9]*"]' | tr -dc 0-9 || true)
  [[ ${up:-0} -eq 3 ]] && break
  sleep 2
done
[[ ${up:-0} -eq 3 ]] || fail "Prometheus sees ${up:-0} substation replicas up, expected 3"
loads=$(curl -s 'http://127.0.0.1:9090/api/v1/query' --data-urlencode 'query=count(substation_load_watts)' | grep -o '"[0-9]*"]' | tr -dc 0-9)
[[ $loads -eq 3 ]] || fail "Prometheus has substation_load_watts for $loads replicas, expected 3"

log "4/4 the load tester through compose, results kept on the host"
mkdir -p results
before=$(ls results | wc -l)
compose --profile loadtest run --rm --user "$(id -u):$(id -g)" loadtester rush --compare LeastLoad,RoundRobin \
  --ramp-up 1 --hold 4 --ramp-down 1 --stale-poll 0 >"$WORK/loadtest.out" 2>&1 || { cat "$WORK/loadtest.out" >&2; fail "the load tester"; }
newest=$(ls -t results | head -1)
(( $(ls results | wc -l) > before )) && [[ -s results/$newest/comparison.md && -s results/$newest/leastload/summary.json ]] \
  || { cat "$WORK/loadtest.out" >&2; ls -R "results/$newest" >&2 || true; fail "no comparison in ./results"; }
rm -rf "results/$newest"

log "PASS: causal scenario, spread over $distinct replicas, $up replicas scraped, load test results on the host"
