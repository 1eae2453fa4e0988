-- Shared by the wrk scripts here: one parseable line per run (read by the benchmark scripts), and threads that each
-- draw their own random keys.
local M = {}

-- Defines wrk's setup and init so each thread seeds its own random sequence (thread number, time, and $WRK_SEED).
function M.seed_threads()
  local thread_id = 0
  _G.setup = function(thread)
    thread_id = thread_id + 1
    thread:set("seed", thread_id)
  end
  _G.init = function(args)
    math.randomseed(os.time() * 1000 + (_G.seed or 0) + tonumber(os.getenv("WRK_SEED") or "0"))
  end
end

function M.done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d errors=%d p50_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end

return M
