#!/usr/bin/env bash
# Regenerates project_report.pdf, the demo recordings (docs/demo/) and the API reference (docs/api/)
# from real runs on this machine, so that every figure, log and picture in the report comes from this script:
#   1. builds the solution and starts the whole system with the AppHost (dashboard without login, for screenshots);
#   2. runs `kvclient scenario causal` and keeps its log; plays the scenario in the causality explorer, frame by frame
#      (docs/demo/causal-explorer.mp4 and .png); sends one charge request and one replicated write with
#      known trace ids and screenshots their traces and the resources page in the Aspire dashboard (headless Chromium);
#   3. runs the rush-hour policy comparison with the load tester while taking a Prometheus screenshot every 5 s
#      (the frames of the demo recording), then screenshots Prometheus (and Grafana, when it runs) over the whole run;
#      then the same seeded rush hour with fixed and with shared power, demand above capacity at the peak;
#   4. runs a 10-seed chaos sweep of the KV store, 3 seeds across emulated regions and 4 with membership changes; takes
#      the tables of the latest recorded wide-area and membership runs (benchmarks/results/) and draws the wide-area chart;
#   5. renders docs/report/report.md with pandoc, filling every number from the runs' own output files, prints it
#      to PDF with Chromium, and checks the pages as images (pdftoppm) and as text (no placeholder, right commit).
# Takes about 20 minutes on 2 cores. REPORT_QUICK=1 runs one short rush hour instead of the comparison (to check
# the script itself; the report then says so).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/build/report
QUICK=${REPORT_QUICK:-0}
DASHBOARD=http://localhost:15080
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1

log() { echo "make-report: $*" >&2; }

# --- tools, from Debian (installed by this script on a fresh machine) ------------------------------------------------
missing=()
for tool in pandoc:pandoc chromium:chromium pdftoppm:poppler-utils ffmpeg:ffmpeg dot:graphviz jq:jq curl:curl node:nodejs; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool##*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=$([ "$(id -u)" -eq 0 ] && echo "" || echo "sudo")
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}" fonts-dejavu-core >/dev/null
fi

rm -rf "$OUT"
mkdir -p "$OUT"/{shots,frames,logs,pages} docs/demo docs/api

shot() { # url file [width,height] [text to wait for]
  node scripts/screenshot.mjs "$1" "$2" "${3:-1600,1000}" "${4:-}" 2>/dev/null || true
  [ -s "$2" ] || { log "screenshot of $1 failed"; return 1; }
}

wait_http() { # url seconds
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { log "$1 did not answer within $2 s"; return 1; }
    sleep 1
  done
}

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# --- 1. build and start the system -----------------------------------------------------------------------------------
log "building"
dotnet build GridAspire.sln -v q -nologo > "$OUT/logs/build.log" 2>&1 || { tail -20 "$OUT/logs/build.log"; exit 1; }

log "starting the AppHost"
ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true setsid dotnet run --project AppHost --no-build > "$OUT/logs/apphost.log" 2>&1 &
APPHOST=$!
stop_apphost() {
  if kill -0 "$APPHOST" 2>/dev/null; then
    kill -TERM -- "-$APPHOST" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$APPHOST" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$APPHOST" 2>/dev/null || true
  fi
  command -v docker >/dev/null 2>&1 && docker ps -aq --filter label=gridaspire.container | xargs -r docker rm -f >/dev/null 2>&1 || true
}
trap stop_apphost EXIT
for url in http://127.0.0.1:5080/health http://127.0.0.1:5090/health http://127.0.0.1:7101/health \
           http://127.0.0.1:7102/health http://127.0.0.1:7103/health http://127.0.0.1:7100/health $DASHBOARD; do
  wait_http "$url" 240
done
PROMETHEUS=""
if wait_http http://127.0.0.1:9090/-/ready 60 2>/dev/null; then PROMETHEUS=http://127.0.0.1:9090; fi
GRAFANA=""
if curl -fsS -o /dev/null http://127.0.0.1:3000/api/health 2>/dev/null; then GRAFANA=http://127.0.0.1:3000; fi
log "system up (prometheus: ${PROMETHEUS:-none}, grafana: ${GRAFANA:-none})"

# --- 2. causal scenario, two traced requests, dashboard screenshots ---------------------------------------------------
log "causal scenario"
SCENARIO_EXIT=0
dotnet run --project KvClient --no-build -- scenario causal > "$OUT/scenario.txt" 2>&1 || SCENARIO_EXIT=$?

log "causal scenario played in the causality explorer"
node scripts/explorer-demo.mjs http://127.0.0.1:7100/ "$OUT/explorer-frames" "$OUT/shots/explorer.png" \
  || { log "the explorer never showed kv3 delivering y"; exit 1; }
cp "$OUT/shots/explorer.png" docs/demo/causal-explorer.png
ffmpeg -y -loglevel error -framerate 4 -pattern_type glob -i "$OUT/explorer-frames/*.png" \
  -vf "scale=1280:-2,format=yuv420p" -c:v libx264 -crf 30 -movflags +faststart docs/demo/causal-explorer.mp4

CHARGE_TRACE=$(random_hex 16)
curl -fsS -H "traceparent: 00-$CHARGE_TRACE-$(random_hex 8)-01" -H "Idempotency-Key: report-$CHARGE_TRACE" \
  -H 'Content-Type: application/json' -d '{"vehicleId":"report-ev","requestedKwh":20,"maxKw":11}' \
  http://127.0.0.1:5080/api/charge > "$OUT/charge.json"
KV_TRACE=$(random_hex 16)
curl -fsS -X PUT -H "traceparent: 00-$KV_TRACE-$(random_hex 8)-01" -H 'Content-Type: application/json' \
  -d '{"value":"written-by-make-report"}' http://127.0.0.1:7101/kv/report-key > "$OUT/kv-write.json"

log "dashboard screenshots"
shot "$DASHBOARD/" "$OUT/shots/resources.png" 1600,1000 substation3
shot "$DASHBOARD/traces/detail/$CHARGE_TRACE" "$OUT/shots/trace-charge.png" 1600,700 substation
# The screenshot waits until the trace shows kv3's delivery span, so no fixed pause is needed for export.
shot "$DASHBOARD/traces/detail/$KV_TRACE" "$OUT/shots/trace-kv.png" 1600,700 kv3

log "API reference from the services' OpenAPI documents"
# A substation's port is dynamic: ask the balancer, which knows every substation's address.
SUBSTATION_PORT=$(curl -fsS http://127.0.0.1:5090/balancer/state | jq -r '.destinations[0].address' | sed -E 's#.*:([0-9]+)/?$#\1#' || true)
for pair in kv:7101 explorer:7100 chargerequest:5080 balancer:5090 ${SUBSTATION_PORT:+substation:$SUBSTATION_PORT}; do
  name=${pair%%:*}
  curl -fsS "http://127.0.0.1:${pair##*:}/openapi/v1.json" | jq . > "docs/api/$name.openapi.json"
  bash scripts/openapi-to-markdown.sh "docs/api/$name.openapi.json" > "docs/api/$name.md"
done

# --- 3. rush hour, with the demo's frames ----------------------------------------------------------------------------
PROM_GRAPH="$PROMETHEUS/graph?g0.expr=substation_load_watts%20%2F%20substation_capacity_watts&g0.tab=0&g0.range_input=15m"
if [ "$QUICK" = "1" ]; then
  RUSH_ARGS=(--profile evening-peak --ramp-up 15 --hold 15 --ramp-down 15 --compare LeastLoad,RoundRobin --stale-poll 0)
else
  RUSH_ARGS=(--profile evening-peak --compare LeastLoad,PowerOfTwoChoices,RoundRobin --stale-poll 5)
fi
log "rush hour: ${RUSH_ARGS[*]}"
RUSH_START=$(date -u +%s)
dotnet run --project LoadTester --no-build -- rush "${RUSH_ARGS[@]}" --output "$OUT/rush" > "$OUT/logs/loadtester.log" 2>&1 &
RUSH=$!
frame=0
while kill -0 "$RUSH" 2>/dev/null && [ $frame -lt 400 ]; do
  if [ -n "$PROMETHEUS" ]; then
    shot "$PROM_GRAPH" "$OUT/frames/$(printf %04d $frame).png" 1280,960 || true
  else
    shot "$DASHBOARD/" "$OUT/frames/$(printf %04d $frame).png" 1280,960 substation3 || true
  fi
  frame=$((frame + 1))
  sleep 4
done
wait "$RUSH"
RUSH_MINUTES=$(( ($(date -u +%s) - RUSH_START + 59) / 60 ))

if [ -n "$PROMETHEUS" ]; then
  shot "$PROMETHEUS/graph?g0.expr=substation_load_watts%20%2F%20substation_capacity_watts&g0.tab=0&g0.range_input=${RUSH_MINUTES}m" "$OUT/shots/prometheus-utilisation.png"
  shot "$PROMETHEUS/graph?g0.expr=max(substation_load_watts%20%2F%20substation_capacity_watts)%20-%20min(substation_load_watts%20%2F%20substation_capacity_watts)&g0.tab=0&g0.range_input=${RUSH_MINUTES}m" "$OUT/shots/prometheus-spread.png"
fi
[ -n "$GRAFANA" ] && shot "$GRAFANA/d/gridaspire/gridaspire?orgId=1&from=now-${RUSH_MINUTES}m&to=now" "$OUT/shots/grafana.png"

# Fixed against shared power, demand above capacity at the peak (see benchmarks/README.md).
if [ "$QUICK" = "1" ]; then
  ALLOCATION_ARGS=(--peak 8.7 --ramp-up 5 --hold 15 --ramp-down 5)
else
  ALLOCATION_ARGS=(--peak 8.7)
fi
log "fixed against shared power: ${ALLOCATION_ARGS[*]}"
dotnet run --project LoadTester --no-build -- rush --allocations Fixed,Shared "${ALLOCATION_ARGS[@]}" --output "$OUT/allocation" \
  > "$OUT/logs/allocation.log" 2>&1 || { tail -20 "$OUT/logs/allocation.log"; exit 1; }

stop_apphost
trap - EXIT

# --- 4. chaos sweep --------------------------------------------------------------------------------------------------
log "chaos sweep (10 seeds)"
dotnet run --project tests/KvNode.Chaos --no-build -- --seeds 10 --data "$OUT/chaos" > "$OUT/chaos.txt" 2>&1 || true
log "chaos sweep across emulated regions (3 seeds)"
dotnet run --project tests/KvNode.Chaos --no-build -- --seeds 3 --wide-area true --data "$OUT/chaos-wa" > "$OUT/chaos-wa.txt" 2>&1 || true
log "chaos sweep with joins, removals and leaves (4 seeds)"
dotnet run --project tests/KvNode.Chaos --no-build -- --seeds 4 --membership true --data "$OUT/chaos-m" > "$OUT/chaos-m.txt" 2>&1 || true
# What membership changes cost is measured by benchmarks/kv-membership.sh (a million-key join takes minutes): the report
# shows its latest recorded run, as it does the wide-area comparison.
MEMBERSHIP=$(ls benchmarks/results/kv-membership/*.txt | sort | tail -1)
grep -e '^|' -e '^$' "$MEMBERSHIP" > "$OUT/membership-table.md" # the blank line keeps its two tables apart

# The wide-area comparison with etcd takes ten minutes of a quiet machine: the report shows the latest recorded run of
# benchmarks/kv-wide-area.sh (its raw file is committed and names its commit), as it does the long chaos sweep.
WIDE_AREA=$(ls benchmarks/results/kv-wide-area/*.txt | sort | tail -1)
grep '^|' "$WIDE_AREA" > "$OUT/wide-area-table.md"
grep -E '^(MET|NOT MET)' "$WIDE_AREA" > "$OUT/wide-area-goals.txt"
bash scripts/wide-area-chart.sh "$WIDE_AREA" > "$OUT/wide-area.svg"

# --- 5. demo recording, values, report --------------------------------------------------------------------------------
log "demo recording from $(ls "$OUT/frames" | wc -l) frames"
ffmpeg -y -loglevel error -framerate 4 -pattern_type glob -i "$OUT/frames/*.png" \
  -vf "scale=1280:-2,format=yuv420p" -c:v libx264 -crf 30 -movflags +faststart docs/demo/rush-hour.mp4

dot -Tsvg docs/report/architecture.dot > "$OUT/architecture.svg"
# Figures that exist only in some runs get their Markdown here, so the report never points at a missing picture.
if [ -f "$OUT/rush/naiveleastloaded--5-s-poll/load-per-substation.png" ]; then
  echo '![Load per substation under naive least-loaded with a 5 s poll: between polls every request goes to the same substation.](build/report/rush/naiveleastloaded--5-s-poll/load-per-substation.png)' > "$OUT/naive-figure.md"
else
  echo 'This run had no naive least-loaded run to picture.' > "$OUT/naive-figure.md"
fi
{
  RUNS=$(find "$OUT/rush" -name summary.json | wc -l)
  SPAN="the whole comparison: $RUNS rush hours one after another, $RUSH_MINUTES minutes"
  [ -f "$OUT/shots/prometheus-utilisation.png" ] && echo "![Utilisation per substation over $SPAN, from Prometheus.](build/report/shots/prometheus-utilisation.png)" && echo
  [ -f "$OUT/shots/prometheus-spread.png" ] && echo "![Imbalance (max - min utilisation) over $SPAN, from Prometheus.](build/report/shots/prometheus-spread.png)" && echo
  [ -f "$OUT/shots/grafana.png" ] && echo "![The GridAspire Grafana dashboard over $SPAN.](build/report/shots/grafana.png)"
  true
} > "$OUT/prometheus-figures.md"
[ -s "$OUT/prometheus-figures.md" ] || echo 'No Prometheus graphs in this run.' > "$OUT/prometheus-figures.md"
bash scripts/report-values.sh "$OUT" "$SCENARIO_EXIT" "$QUICK" "${PROMETHEUS:+yes}" "${GRAFANA:+yes}" > "$OUT/values.yaml"
pandoc docs/report/report.md --metadata-file="$OUT/values.yaml" --lua-filter=docs/report/substitute.lua \
  --standalone --self-contained --resource-path="$ROOT" --css=docs/report/style.css --toc --toc-depth=2 \
  --metadata title="GridAspire — project report" -o "$OUT/report.html" 2> "$OUT/logs/pandoc.log" || { cat "$OUT/logs/pandoc.log"; exit 1; }
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf-no-header \
  --print-to-pdf="$ROOT/project_report.pdf" "file://$OUT/report.html" >/dev/null 2>&1

# --- checks: the pages render, and say what this run measured --------------------------------------------------------
pdftoppm -r 30 -png project_report.pdf "$OUT/pages/page"
PAGES=$(ls "$OUT/pages" | wc -l)
[ "$PAGES" -ge 8 ] || { log "the PDF has only $PAGES pages"; exit 1; }
# The first page opens the report, not just its contents.
FIRST_PAGE_WORDS=$(pdftotext -f 1 -l 1 project_report.pdf - | wc -w)
[ "$FIRST_PAGE_WORDS" -ge 300 ] || { log "page 1 has only $FIRST_PAGE_WORDS words: the contents fill it"; exit 1; }
for page in "$OUT"/pages/*.png; do
  [ "$(stat -c %s "$page")" -gt 2000 ] || { log "$page looks blank"; exit 1; }
done
TEXT=$(pdftotext -layout project_report.pdf -)
if grep -q '{{' <<< "$TEXT"; then log "a placeholder survived into the PDF"; exit 1; fi
grep -q "$(git rev-parse --short=10 HEAD)" <<< "$TEXT" || { log "the PDF does not name the commit"; exit 1; }
log "wrote project_report.pdf ($PAGES pages), docs/demo/rush-hour.mp4, docs/demo/causal-explorer.{png,mp4}, docs/api/"
