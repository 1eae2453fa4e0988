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
