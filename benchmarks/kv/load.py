#!/usr/bin/env python3
"""Loads a KV node fast and exactly: load.py <base url> puts <first> <count> [--batch N] | deletes <first> <count>.

puts: keys k<first>..k<first+count-1> with 100-byte values, N keys per POST /batch/write (N=1: PUT /kv/{key}, one own
write each); deletes: DELETE /kv/{key} for those keys. Eight keep-alive connections; exits 1 on any non-2xx answer."""
import http.client, json, sys, threading
from urllib.parse import urlparse

url, kind, first, count = urlparse(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
batch = int(sys.argv[sys.argv.index("--batch") + 1]) if "--batch" in sys.argv else 1
value = "v" * 100
failures = []

def work(part, parts):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    keys = list(range(first + part, first + count, parts))
    for i in range(0, len(keys), batch if kind == "puts" else 1):
        chunk = keys[i:i + (batch if kind == "puts" else 1)]
        if kind == "deletes":
            conn.request("DELETE", f"/kv/k{chunk[0]}")
        elif len(chunk) == 1:
            conn.request("PUT", f"/kv/k{chunk[0]}", json.dumps({"value": value}), {"Content-Type": "application/json"})
        else:
            conn.request("POST", "/batch/write", json.dumps({"put": {f"k{k}": value for k in chunk}}), {"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        if response.status // 100 != 2:
            failures.append(response.status)
            return

threads = [threading.Thread(target=work, args=(p, 8)) for p in range(8)]
for t in threads: t.start()
for t in threads: t.join()
if failures:
    print(f"load failed: {failures[:5]}", file=sys.stderr)
    sys.exit(1)
