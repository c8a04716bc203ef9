-- wrk script for 'bin/newsletter-bench serve': requests the unsubscribe paths listed in $PATHS, each
-- thread walking its own stretch of the list, as GET (the page) or POST (RFC 8058 one-click) per $METHOD.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  paths[#paths + 1] = line
end
local method = os.getenv("METHOD") or "GET"
local started = 0

function setup(thread)
  thread:set("first", started)
  started = started + 1
end

function init(args)
  -- Threads start far apart so POSTs mostly reach people not yet unsubscribed (real writes).
  counter = first * math.floor(#paths / 4)
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  if method == "POST" then
    return wrk.format("POST", path, {["Content-Type"] = "application/x-www-form-urlencoded"}, "List-Unsubscribe=One-Click")
  end
  return wrk.format("GET", path)
end
