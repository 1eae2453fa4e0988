-- GET /kv/k<random> over keys written beforehand (k1..k$WRK_KEYS).
package.path = package.path .. ";" .. (os.getenv("WRK_LUA_DIR") or ".") .. "/?.lua"
local report = require("wrk-report")
local keys = tonumber(os.getenv("WRK_KEYS") or "1000")
report.seed_threads()

function request()
  return wrk.format("GET", "/kv/k" .. math.random(1, keys))
end

done = report.done
