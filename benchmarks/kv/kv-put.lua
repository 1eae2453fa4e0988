-- PUT /kv/k<random> with a 100-byte value: GridAspire's KvNode and the bare endpoint share this script.
package.path = package.path .. ";" .. (os.getenv("WRK_LUA_DIR") or ".") .. "/?.lua"
local report = require("wrk-report")
local body = '{"value":"' .. string.rep("v", 100) .. '"}'
local keys = tonumber(os.getenv("WRK_KEYS") or "1000000")
report.seed_threads()

function request()
  return wrk.format("PUT", "/kv/k" .. math.random(1, keys), { ["Content-Type"] = "application/json" }, body)
end

done = report.done
