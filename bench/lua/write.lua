-- POST a one-candidate recommendation with a fresh Idempotency-Key on every request.
-- The Authorization header comes from `wrk -H`; each request copies wrk.headers and adds the key.
local counter = 0
local prefix = "bench"
local started = 0

function setup(thread)
  started = started + 1
  thread:set("tid", started)
end

function init(args)
  math.randomseed(os.time() + (tid or 0) * 7919)
  prefix = string.format("bench-%d-%d-%d", tid or 0, os.time(), math.random(1, 1000000000))
end

-- A random mobile per request: each push recommends a new engineer, as real pushes do (the
-- same name + mobile every time would link every candidate to one engineer).
local body = '{"enterprise":{"name":"中国路桥工程有限责任公司","contact_name":"王五",'
  .. '"contact_mobile":"13700000000"},"candidates":[{"name":"张三","mobile":"138%08d",'
  .. '"field_code":"civil","location":"缅甸","level":"professional",'
  .. '"practice":"曾参与仰光大桥工程项目，负责主桥结构设计。"}]}'

function request()
  counter = counter + 1
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["Content-Type"] = "application/json"
  headers["Idempotency-Key"] = prefix .. "-" .. counter
  return wrk.format("POST", nil, headers, string.format(body, math.random(0, 99999999)))
end
