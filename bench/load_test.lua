-- wrk script: a fixed mix of public pages, read from a file of paths (one a line) that
-- bench/load_test.py writes; each thread walks the list from its own offset, so the mix
-- is the same on every run. Counts responses by status class for the report.
--   wrk -t2 -c32 -d30s --latency -s bench/load_test.lua http://127.0.0.1:8106 -- paths.txt

local paths = {}
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7919)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(paths, line) end
  end
  i = offset or 0
  s2, s3, s4, s5 = 0, 0, 0, 0
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end

function response(status, headers, body)
  if status >= 500 then s5 = s5 + 1
  elseif status >= 400 then s4 = s4 + 1
  elseif status >= 300 then s3 = s3 + 1
  else s2 = s2 + 1 end
end

function done(summary, latency, requests)
  local t = {s2 = 0, s3 = 0, s4 = 0, s5 = 0}
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
  end
  io.write(string.format("STATUS 2xx=%d 3xx=%d 4xx=%d 5xx=%d\n", t.s2, t.s3, t.s4, t.s5))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("LATENCY p%s=%.2fms\n", p, latency:percentile(p) / 1000))
  end
  local e = summary.errors
  io.write(string.format("TOTAL requests=%d socket_errors=%d seconds=%.1f\n", summary.requests,
    e.connect + e.read + e.write + e.timeout, summary.duration / 1e6))
end
