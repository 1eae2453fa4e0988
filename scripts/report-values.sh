#!/usr/bin/env bash
# Prints the report's numbers as pandoc metadata (values: {name: "..."}), each read from an output file of the run
# in $1 (made by make-report.sh), so the report never carries a number typed by hand.
#   report-values.sh <build dir> <scenario exit code> <quick 0|1> <prometheus yes|""> <grafana yes|"">
set -euo pipefail
OUT=$1 SCENARIO_EXIT=$2 QUICK=$3 PROMETHEUS=${4:-} GRAFANA=${5:-}
cd "$(dirname "$0")/.."

emit() { printf '  %s: "%s"\n' "$1" "$(printf '%s' "$2" | sed 's/"/\\"/g')"; }
pct() { jq -r "$1 * 100 | . * 10 | round / 10" "$2"; }

echo "values:"
emit commit "$(git rev-parse --short=10 HEAD)"
emit commit_state "$(git diff --quiet HEAD -- . ':!project_report.pdf' ':!docs/demo' ':!docs/api' && echo "clean working tree" || echo "working tree with uncommitted changes")"
emit run_date "$(date -u '+%Y-%m-%d %H:%M UTC')"
emit machine_cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
emit machine_cores "$(nproc)"
emit machine_memory "$(free -g | awk '/^Mem:/ {print $2}') GiB"
emit machine_os "$(. /etc/os-release && echo "$PRETTY_NAME"), $(uname -r)"
emit dotnet_version "$(dotnet --version)"
emit scenario_verdict "$([ "$SCENARIO_EXIT" = "0" ] && echo "passed (exit code 0)" || echo "FAILED (exit code $SCENARIO_EXIT)")"
emit charge_substation "$(jq -r .substationId "$OUT/charge.json")"
emit kv_write_clock "$(jq -c .clock "$OUT/kv-write.json")"
emit rush_mode "$([ "$QUICK" = "1" ] && echo "a short single LeastLoad run (REPORT_QUICK=1): not a measurement to quote" || echo "the full seeded rush hour, once per policy")"

for run in leastload leastload--5-s-poll naiveleastloaded--5-s-poll poweroftwochoices roundrobin; do
  key=$(echo "$run" | tr -c 'a-z0-9\n' '_' | sed 's/__*/_/g')
  file=$OUT/rush/$run/summary.json
  if [ ! -f "$file" ]; then
    for field in requests admitted rejected avoidable avoidable_pct p50 p95 p99 mean_spread max_spread jain min_jain peak errors crowded worst_crowded throttled time_to_full; do
      emit "${key}_$field" "n/a"
    done
    continue
  fi
  emit "${key}_requests" "$(jq -r .requests "$file")"
  emit "${key}_admitted" "$(jq -r .admitted "$file")"
  emit "${key}_rejected" "$(jq -r .rejected "$file")"
  emit "${key}_avoidable" "$(jq -r .avoidableRejections "$file")"
  emit "${key}_avoidable_pct" "$(pct .avoidableRate "$file") %"
  emit "${key}_p50" "$(jq -r '.latencyMs.p50Ms | . * 10 | round / 10' "$file") ms"
  emit "${key}_p95" "$(jq -r '.latencyMs.p95Ms | . * 10 | round / 10' "$file") ms"
  emit "${key}_p99" "$(jq -r '.latencyMs.p99Ms | . * 10 | round / 10' "$file") ms"
  emit "${key}_mean_spread" "$(pct .hold.meanSpread "$file") %"
  emit "${key}_max_spread" "$(pct .hold.maxSpread "$file") %"
  emit "${key}_jain" "$(jq -r '.hold.meanJain | . * 1000 | round / 1000' "$file")"
  emit "${key}_min_jain" "$(jq -r '.hold.minJain | . * 1000 | round / 1000' "$file")"
  emit "${key}_peak" "$(pct .hold.peakAggregateUtilisation "$file") %"
  emit "${key}_errors" "$(jq -r .errors "$file")"
  emit "${key}_crowded" "$(pct .vehicles.meanCrowdedShare "$file") %"
  emit "${key}_worst_crowded" "$(pct .vehicles.worstCrowdedShare "$file") %"
  emit "${key}_throttled" "$(pct .vehicles.meanThrottledShare "$file") %"
  emit "${key}_time_to_full" "$(jq -r 'if .timeToFullMinutes.mean == null then "n/a" else (.timeToFullMinutes.mean * 10 | round / 10 | tostring) + " min" end' "$file")"
done

sweep_field() { grep '^SWEEP' "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }
CHAOS=$OUT/chaos.txt
emit chaos_seeds "$(sweep_field "$CHAOS" seeds)"
emit chaos_ops "$(sweep_field "$CHAOS" ops)"
emit chaos_ok "$(sweep_field "$CHAOS" ok)"
emit chaos_batch_reads "$(sweep_field "$CHAOS" batch-reads-ok)"
emit chaos_batch_writes "$(sweep_field "$CHAOS" multi-key-writes-ok)"
emit chaos_faults "$(sweep_field "$CHAOS" faults)"
emit chaos_kills "$(grep '^SWEEP' "$CHAOS" | grep -o 'kill [0-9]*' | cut -d' ' -f2)"
emit chaos_lost_disks "$(grep '^SWEEP' "$CHAOS" | grep -o 'lost disk [0-9]*' | cut -d' ' -f3)"
emit chaos_converged_max "$(grep '^SWEEP' "$CHAOS" | grep -o 'max=[0-9]* ms' | cut -d= -f2)"
emit chaos_violations "$(sweep_field "$CHAOS" violations)"
CHAOS_WA=$OUT/chaos-wa.txt
emit chaos_wa_ops "$(sweep_field "$CHAOS_WA" ops)"
emit chaos_wa_faults "$(sweep_field "$CHAOS_WA" faults)"
emit chaos_wa_violations "$(sweep_field "$CHAOS_WA" violations)"
WA_LONG=benchmarks/results/chaos/sweep-wide-area-50-seeds.log
emit wa_long_seeds "$(sweep_field "$WA_LONG" seeds)"
emit wa_long_ops "$(sweep_field "$WA_LONG" ops)"
emit wa_long_faults "$(sweep_field "$WA_LONG" faults)"
emit wa_long_violations "$(sweep_field "$WA_LONG" violations)"
emit wa_long_converged_max "$(grep '^SWEEP' "$WA_LONG" | grep -o 'max=[0-9]* ms' | cut -d= -f2)"
emit wa_long_commit "$(git log -1 --format=%h -- "$WA_LONG")"
WIDE_AREA=$(ls benchmarks/results/kv-wide-area/*.txt | sort | tail -1)
emit wide_area_run "$(head -1 "$WIDE_AREA" | sed 's/^# //'), raw file $(basename "$WIDE_AREA") committed in $(git log -1 --format=%h -- "$WIDE_AREA")"
changes_of() { grep '^SWEEP' "$1" | grep -oE '(join|removed|left|leave refused) [0-9]+' | paste -sd, - | sed 's/,/, /g'; }
CHAOS_M=$OUT/chaos-m.txt
emit chaos_m_ops "$(sweep_field "$CHAOS_M" ops)"
emit chaos_m_faults "$(sweep_field "$CHAOS_M" faults)"
emit chaos_m_changes "$(changes_of "$CHAOS_M")"
emit chaos_m_violations "$(sweep_field "$CHAOS_M" violations)"
M_LONG=benchmarks/results/chaos/sweep-100-seeds-membership.log
emit m_long_seeds "$(sweep_field "$M_LONG" seeds)"
emit m_long_ops "$(sweep_field "$M_LONG" ops)"
emit m_long_faults "$(sweep_field "$M_LONG" faults)"
emit m_long_changes "$(changes_of "$M_LONG")"
emit m_long_violations "$(sweep_field "$M_LONG" violations)"
emit m_long_converged_max "$(grep '^SWEEP' "$M_LONG" | grep -o 'max=[0-9]* ms' | cut -d= -f2)"
emit m_long_commit "$(git log -1 --format=%h -- "$M_LONG")"
MEMBERSHIP=$(ls benchmarks/results/kv-membership/*.txt | sort | tail -1)
emit membership_run "$(head -1 "$MEMBERSHIP" | sed 's/^# //'), raw file $(basename "$MEMBERSHIP") committed in $(git log -1 --format=%h -- "$MEMBERSHIP")"
LONG=benchmarks/results/chaos/sweep-200-seeds.log
emit long_seeds "$(sweep_field "$LONG" seeds)"
emit long_ops "$(sweep_field "$LONG" ops)"
emit long_faults "$(sweep_field "$LONG" faults)"
emit long_kills "$(grep '^SWEEP' "$LONG" | grep -o 'kill [0-9]*' | cut -d' ' -f2)"
emit long_lost_disks "$(grep '^SWEEP' "$LONG" | grep -o 'lost disk [0-9]*' | cut -d' ' -f3)"
emit long_violations "$(sweep_field "$LONG" violations)"
emit long_converged_max "$(grep '^SWEEP' "$LONG" | grep -o 'max=[0-9]* ms' | cut -d= -f2)"
emit long_commit "$(git log -1 --format=%h -- "$LONG")"

emit frames "$(ls "$OUT/frames" | wc -l)"
emit demo_seconds "$(ffprobe -v error -show_entries format=duration -of csv=p=0 docs/demo/rush-hour.mp4 | cut -d. -f1)"
emit prometheus_note "$([ -n "$PROMETHEUS" ] && echo "Prometheus ran in a container next to the AppHost and scraped every service; the graphs below are its own" || echo "no container runtime answered on this run, so there are no Prometheus graphs")"
emit grafana_note "$([ -n "$GRAFANA" ] && echo "Grafana ran too; its dashboard is shown below" || echo "Grafana did not run on this machine (its image cannot be pulled here: no registry), so its dashboard is not pictured; the dashboard's every query is checked against a real Prometheus by a test instead")"
