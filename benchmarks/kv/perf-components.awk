# Reads `perf script -F comm,ip,sym` of a whole machine (one sample per paragraph: the thread's name, then its stack,
# innermost frame first) and prints the share of all samples per component of a KV node, most first. Used by
# kv-where-time-goes.sh --perf. The first rule that matches a sample's stack wins.
BEGIN { RS = ""; FS = "\n" }
{
  comm = $1; sub(/^[ \t]+/, "", comm); sub(/[ \t]+$/, "", comm)
  stack = $0; leaf = $2
  n++
  if (comm ~ /^wrk/) c = "wrk (load generator)"
  else if (comm ~ /^kworker/) c = "kernel workers (block I/O completion, writeback)"
  else if (comm !~ /^(\.NET|kv-journal|dotnet)/) c = "other processes"
  else if (comm ~ /^kv-journal/) c = "journal flusher (write + fsync)"
  else if (stack ~ /WriteSnapshot|SnapshotFile/) c = "snapshot writer"
  else if (stack ~ /LowLevelSpinWaiter|LowLevelLifoSemaphore|sched_yield/) c = "thread pool waiting for work"
  else if (comm ~ /BGC/ || stack ~ /gc_heap|GCHeap|WKS::|SVR::/) c = "garbage collector"
  else if (leaf ~ /OpenTelemetry/ || stack ~ /AggregatorStore/) c = "metrics"
  else if (stack ~ /ReplicationEndpoints|CausalNode.ReceiveAsync|ReceiveAsync/) c = "replication: receiving batches"
  else if (stack ~ /PeerLink|System\.Net\.Http/) c = "replication: sending batches (HttpClient)"
  else if (stack ~ /KvEndpoints|CausalContextFilter/) c = "client writes: endpoint, node, JSON"
  else if (stack ~ /tcp_|sock_|__sys_(send|recv)|net_rx|ip_|skb|epoll/) c = "kernel networking (sockets)"
  else if (stack ~ /Kestrel/) c = "Kestrel (HTTP parsing, responses)"
  else if (stack ~ /schedule|finish_task_switch/) c = "kernel scheduling"
  else c = "other .NET runtime"
  count[c]++
}
END {
  for (c in count) printf "%6.2f%% %s\n", 100 * count[c] / n, c | "sort -rn"
}
