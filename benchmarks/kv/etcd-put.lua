-- etcd v3 gRPC gateway: POST /v3/kv/put {"key": base64, "value": base64} with a 100-byte value. Any 8 characters of
-- the base64 alphabet are the encoding of some 6-byte key, so a random key costs 8 random picks, not an encoder.
package.path = package.path .. ";" .. (os.getenv("WRK_LUA_DIR") or ".") .. "/?.lua"
local report = require("wrk-report")
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
-- 100 bytes of 'v' in base64 (132 characters + padding).
local value = string.rep("dnZ2", 33) .. "dg=="
report.seed_threads()

function request()
  local key = {}
  for i = 1, 8 do
    local n = math.random(1, 64)
    key[i] = alphabet:sub(n, n)
  end
  local body = '{"key":"' .. table.concat(key) .. '","value":"' .. value .. '"}'
  return wrk.format("POST", "/v3/kv/put", { ["Content-Type"] = "application/json" }, body)
end

done = report.done
