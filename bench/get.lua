-- GETs with the headers given: wrk -s get.lua <url> -- [header: value]...
function init(args)
    for i = 1, #args do
        local name, value = args[i]:match("^([^:]+):%s*(.*)$")
        wrk.headers[name] = value
    end
end
