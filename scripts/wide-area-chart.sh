#!/usr/bin/env bash
# Draws the report's wide-area picture from a raw file of benchmarks/kv-wide-area.sh: per round trip, the write latency
# a client sees at a node (p50, one client) for GridAspire and etcd, and how long a GridAspire write takes to be
# readable at another node (visibility p50), on a log scale. Prints SVG.
#   scripts/wide-area-chart.sh benchmarks/results/kv-wide-area/<run>.txt > wide-area.svg
set -euo pipefail
awk '
  /^# / && rtts == "" { for (i = 1; i <= NF; i++) if ($i == "rtts") { rtts = $(i + 1); sub(/,$/, "", rtts) } }
  /^rtt=/ {
    split($1, a, "="); split($2, b, "="); split($3, c, "=")
    if (c[2] == "latency-c1") p50[a[2], b[2]] = $5
    if (c[2] == "visibility") vis[a[2]] = $4
  }
  function y(ms) { if (ms < 0.1) ms = 0.1; return top + height - (log(ms) / log(10) + 1) * height / 4 } # 0.1 ms .. 1 s
  function bar(x, ms, colour, label) {
    if (ms == "") return
    printf "<rect x=\"%d\" y=\"%.1f\" width=\"26\" height=\"%.1f\" fill=\"%s\"/>\n", x, y(ms), top + height - y(ms), colour
    printf "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">%s</text>\n", x + 13, y(ms) - 4, label
  }
  END {
    n = split(rtts, R, ","); top = 40; height = 300; left = 70; group = 120
    width = left + n * group + 40
    printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"DejaVu Sans, sans-serif\">\n", width, top + height + 90
    printf "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
    printf "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Write latency at a node, and visibility elsewhere (p50, ms, log scale)</text>\n", left
    for (d = -1; d <= 3; d++) {
      ms = 10 ^ d; yy = y(ms)
      printf "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", left, width - 20, yy, yy
      printf "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>\n", left - 6, yy + 4, (ms < 1 ? "0.1" : sprintf("%d", ms))
    }
    for (i = 1; i <= n; i++) {
      r = R[i]; x = left + (i - 1) * group + 12
      bar(x, p50[r, "gridaspire"], "#2b6cb0", p50[r, "gridaspire"])
      bar(x + 30, vis[r], "#90cdf4", vis[r])
      bar(x + 60, p50[r, "etcd"], "#c05621", p50[r, "etcd"])
      printf "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>\n", x + 43, top + height + 18, (r == "regions" ? "regions 10/40/75" : "RTT " r " ms")
    }
    ly = top + height + 45
    printf "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"#2b6cb0\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">GridAspire write, acknowledged at the node</text>\n", left, ly, left + 16, ly + 11
    printf "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"#90cdf4\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">GridAspire write readable at the other nodes</text>\n", left, ly + 18, left + 16, ly + 29
    printf "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"#c05621\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">etcd write at its leader (3 members)</text>\n", left + 340, ly, left + 356, ly + 11
    print "</svg>"
  }
' "$1"
