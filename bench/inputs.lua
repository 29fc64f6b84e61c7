-- POSTs an action-inputs request whose inputs differ every time, so no cache could answer it.
-- wrk -s inputs.lua <url> -- <body-prefix> <body-suffix> [pause=<ms>] [header: value]...
-- pause: an average wait before each request (fractions of a millisecond spread as whole ones, wrk's
-- unit), to serve the calls at about the rate of another measurement.
local prefix, suffix
local n = 0
local threads = 0
local pause = 0
local owed = 0

function setup(thread)
    threads = threads + 1
    thread:set("first", threads * 1000000000)
end

function init(args)
    prefix = args[1]
    suffix = args[2]
    for i = 3, #args do
        local ms = args[i]:match("^pause=([%d.]+)$")
        if ms then
            pause = tonumber(ms)
        else
            local name, value = args[i]:match("^([^:]+):%s*(.*)$")
            wrk.headers[name] = value
        end
    end
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    n = first
end

function request()
    n = n + 1
    return wrk.format(nil, nil, nil, prefix .. n .. suffix)
end

function delay()
    owed = owed + pause
    local whole = math.floor(owed)
    owed = owed - whole
    return whole
end
