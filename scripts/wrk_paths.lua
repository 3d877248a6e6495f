-- wrk script for `scripts/bench serve`: requests the paths listed in the file named by
-- $WRK_PATHS, one per line, in turn (each thread from its own starting point), and prints
-- one summary line with p50/p95/p99 latency and every kind of error.
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
    paths[#paths + 1] = line
end
local i = math.random(#paths)

request = function()
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
end

done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "requests %d (%.0f/s), latency p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms; errors: connect %d, read %d, write %d, timeout %d, non-2xx %d\n",
        summary.requests, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(95) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000,
        e.connect, e.read, e.write, e.timeout, e.status))
end
