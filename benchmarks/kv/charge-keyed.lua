-- POST /api/charge with a fresh Idempotency-Key per request (so every request claims a key and books): what the
-- idempotency store costs a booking. Shared by benchmarks/charge-idempotency.sh's two API variants.
package.path = package.path .. ";" .. (os.getenv("WRK_LUA_DIR") or ".") .. "/?.lua"
local report = require("wrk-report")
report.seed_threads()
local body = '{"vehicleId":"bench","requestedKwh":0.1,"maxKw":1}'
local counter = 0

function request()
  counter = counter + 1
  local key = string.format("bench-%d-%d-%d", math.random(1, 1000000000), counter, math.random(1, 1000000000))
  return wrk.format("POST", "/api/charge", { ["Content-Type"] = "application/json", ["Idempotency-Key"] = key }, body)
end

done = report.done
