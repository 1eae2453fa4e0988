-- POST /batch/read of WRK_BATCH distinct random keys out of k1..k$WRK_KEYS (written beforehand).
package.path = package.path .. ";" .. (os.getenv("WRK_LUA_DIR") or ".") .. "/?.lua"
local report = require("wrk-report")
local keys = tonumber(os.getenv("WRK_KEYS") or "1000")
local batch = tonumber(os.getenv("WRK_BATCH") or "10")
report.seed_threads()

function request()
  local picked, names = {}, {}
  while #names < batch do
    local k = math.random(1, keys)
    if not picked[k] then
      picked[k] = true
      names[#names + 1] = '"k' .. k .. '"'
    end
  end
  return wrk.format("POST", "/batch/read", { ["Content-Type"] = "application/json" }, '{"keys":[' .. table.concat(names, ",") .. ']}')
end

done = report.done
