-- Counts wrk's responses per wall-clock second, so the benchmark can take
-- the steady rate over whole seconds in the middle of a run: wrk's own
-- requests/sec divides by the whole run, which includes the start (every
-- connection opening at once) and the requests cut off in flight at the end,
-- up to 0.5 s of each connection's work when each handler sleeps 0.5 s.
--
-- Each wrk thread counts in its own Lua state; done() adds them up and
-- prints one line per second: `bench-second UNIX_SECOND RESPONSES`.

local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    per_second = {}
end

function response(status, headers, body)
    local now = os.time()
    per_second[now] = (per_second[now] or 0) + 1
end

function done(summary, latency, requests)
    local total = {}
    for _, thread in ipairs(threads) do
        local counts = thread:get("per_second")
        if counts then
            for second, n in pairs(counts) do
                total[second] = (total[second] or 0) + n
            end
        end
    end
    for second, n in pairs(total) do
        io.write(string.format("bench-second %d %d\n", second, n))
    end
end
