-- Counts wrk's responses per millisecond (CLOCK_MONOTONIC, read through
-- LuaJIT's ffi), so the benchmark can take the steady rate in the middle of
-- a run. wrk's own requests/sec divides by the whole run, which includes the
-- start (every connection opening at once) and the requests cut off in
-- flight at the end: up to 0.5 s of each connection's work when each handler
-- sleeps 0.5 s, 5% of a 10-second run.
--
-- Each wrk thread counts in its own Lua state; done() adds them up and
-- prints one line per millisecond that saw responses: `bench-ms MS N`.

local ffi = require("ffi")
ffi.cdef[[
struct bench_timespec { long tv_sec; long tv_nsec; };
int clock_gettime(int clk_id, struct bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("struct bench_timespec")

local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    per_ms = {}
end

function response(status, headers, body)
    ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
    local ms = tonumber(ts.tv_sec) * 1000 + math.floor(tonumber(ts.tv_nsec) / 1000000)
    per_ms[ms] = (per_ms[ms] or 0) + 1
end

function done(summary, latency, requests)
    local total = {}
    for _, thread in ipairs(threads) do
        local counts = thread:get("per_ms")
        if counts then
            for ms, n in pairs(counts) do
                total[ms] = (total[ms] or 0) + n
            end
        end
    end
    for ms, n in pairs(total) do
        io.write(string.format("bench-ms %d %d\n", ms, n))
    end
end
