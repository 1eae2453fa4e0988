-- POST /batch/write of WRK_BATCH distinct random keys out of k1..k$WRK_KEYS, each with a 100-byte value: one atomic write.
package.path = package.path .. ";" .. (os.getenv("WRK_LUA_DIR") or ".") .. "/?.lua"
local report = require("wrk-report")
local keys = tonumber(os.getenv("WRK_KEYS") or "1000")
local batch = tonumber(os.getenv("WRK_BATCH") or "10")
local value = '"' .. string.rep("v", 100) .. '"'
report.seed_threads()

function request()
  local picked, pairs = {}, {}
  while #pairs < batch do
    local k = math.random(1, keys)
    if not picked[k] then
      picked[k] = true
      pairs[#pairs + 1] = '"k' .. k .. '":' .. value
    end
  end
  return wrk.format("POST", "/batch/write", { ["Content-Type"] = "application/json" }, '{"put":{' .. table.concat(pairs, ",") .. '}}')
end

done = report.done
