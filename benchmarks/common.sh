# Shared by the benchmark scripts (sourced, not run): what they install, and the processes they start and stop.

# Installs from Debian the package of every command that is missing: install_missing etcd:etcd-server wrk:wrk ...
install_missing() {
  local wanted missing=()
  for wanted in "$@"; do
    command -v "${wanted%%:*}" >/dev/null 2>&1 || missing+=("${wanted#*:}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# A scratch directory in $work and the list of started processes in pids; on exit both go.
start_work() { # name
  work=$(mktemp -d "/tmp/$1.XXXXXX")
  pids=()
  trap 'stop_all; rm -rf "$work"' EXIT
}

# Stops every process in pids and waits for it.
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}

# Waits until a URL answers 2xx, at most 30 s: wait_up http://127.0.0.1:7411/health
wait_up() {
  for _ in $(seq 300); do curl -sf -o /dev/null --max-time 1 "$1" && return 0; sleep 0.1; done
  echo "nothing healthy at $1 (see the logs in $work)" >&2; return 1
}

# Runs one of the Release builds in $work as a background process (added to pids), logging to $work/<name>.log:
# start_service <name> <project folder in $work> [VAR=value ...]
start_service() {
  local name=$1 dir=$2; shift 2
  (cd "$work/$dir" && exec env Logging__LogLevel__Default=Warning "$@" dotnet "$dir.dll" >"$work/$name.log" 2>&1) &
  pids+=($!)
}

# Stops with a message when something already answers on one of the ports: ports_free 7411 7412 ...
ports_free() {
  local port
  for port in "$@"; do
    if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then
      echo "port $port is already in use: stop whatever listens there first" >&2; exit 1
    fi
  done
}
