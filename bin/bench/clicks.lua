-- wrk script for 'bin/newsletter-bench clicks': GETs the click-tracked paths listed in $PATHS, each
-- thread walking its own stretch of the list, with a browser's User-Agent (so the scanner list and the
-- window after delivery are checked, as for a person's click).
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  paths[#paths + 1] = line
end
local started = 0

function setup(thread)
  thread:set("first", started)
  started = started + 1
end

function init(args)
  counter = first * math.floor(#paths / 4)
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  return wrk.format("GET", path, {["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"})
end
