-- GET /kv/k<random> over keys written beforehand (k1..k$WRK_KEYS).
package.path = package.path .. ";" .. (os.getenv("WRK_LUA_DIR") or ".") .. "/?.lua"
local report = require("wrk-report")
local keys = tonumber(os.getenv("WRK_KEYS") or "1000")
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("seed", thread_id)
end

function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0))
end

function request()
  return wrk.format("GET", "/kv/k" .. math.random(1, keys))
end

done = report.done
