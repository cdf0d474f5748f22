-- Runs Kong's own route path code on paths, for generate.ts. Usage:
--   luajit oracle.lua <tree>   (paths on stdin, one per line, hex-encoded)
-- <tree> holds kong/tools/uri.lua and kong/db/migrations/migrate_path_280_300.lua extracted
-- from a Kong tag. For each path it prints one line: the path, what the 3.0 migration writes for
-- it, and normalize(path, true) (the form 3.1+ requires of a prefix path), all hex-encoded and
-- separated by spaces.
--
-- Those two modules use ngx.re for exactly two patterns; the stand-ins below answer those two
-- with Lua patterns of the same meaning and stop on any other, so a Kong change to the patterns
-- shows up as an error here instead of a silently different answer.

local tree = assert(arg[1], "usage: luajit oracle.lua <tree>")
package.path = tree .. "/?.lua;" .. package.path

local PLAIN_CLASS = [[[a-zA-Z0-9\.\-_~/%]*$]]
local ESCAPE = "%([\\dA-F]{2})"

ngx = { re = {} }

function ngx.re.find(subject, regex, options)
  assert(regex == PLAIN_CLASS and options == "ajo", "unexpected ngx.re.find pattern: " .. regex)
  -- "a" anchors at the start and the class repeats to the end: every byte must be in the class.
  if subject:find("^[%w%.%-_~/%%]*$") then return 1, #subject end
  return nil
end

function ngx.re.gsub(subject, regex, replace, options)
  assert(regex == ESCAPE and options == "joi", "unexpected ngx.re.gsub pattern: " .. regex)
  -- "i": hex digits in either case.
  return subject:gsub("%%(%x%x)", function(hex)
    return replace({ [0] = "%" .. hex, [1] = hex })
  end)
end

local function to_hex(s)
  return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

local function from_hex(h)
  return (h:gsub("%x%x", function(x) return string.char(tonumber(x, 16)) end))
end

local normalize = require("kong.tools.uri").normalize
local migrate_path = require("kong.db.migrations.migrate_path_280_300")

for line in io.lines() do
  if line ~= "" then
    local path = from_hex(line)
    local migrated = migrate_path(path)
    io.write(line, " ", to_hex(migrated), " ", to_hex(normalize(path, true)), "\n")
  end
end
