-- POSTs an action-inputs request whose inputs differ every time, so no cache could answer it.
-- wrk -s inputs.lua <url> -- <body-prefix> <body-suffix> [header: value]...
local prefix, suffix
local n = 0
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("first", threads * 1000000000)
end

function init(args)
    prefix = args[1]
    suffix = args[2]
    for i = 3, #args do
        local name, value = args[i]:match("^([^:]+):%s*(.*)$")
        wrk.headers[name] = value
    end
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    n = first
end

function request()
    n = n + 1
    return wrk.format(nil, nil, nil, prefix .. n .. suffix)
end
