-- Reads Kong's PostgreSQL migrations from a source tree extracted from a Kong tag, for
-- generate.ts. Usage: luajit read-migrations.lua <tree> <subsystem>...
-- (`core`, or a plugin name). Prints JSON: for each subsystem, its migrations in the order of
-- its init.lua, each with the `up` SQL and the statements its `up_f` and `teardown` functions
-- send when run against an empty database.
--
-- The migration modules run for real, so SQL that Kong assembles in Lua (the ws_id columns of
-- 2.1, built by kong/db/migrations/operations/200_to_210.lua) comes out exactly as Kong sends it.
-- Only Kong's migration code is loaded from the tree; everything else it requires (ngx, resty.*,
-- cassandra, kong.tools.*) is a stub, because with no rows to migrate those modules are never
-- really used. Generated ids are fixed, so the output is the same on every run.

local tree = assert(arg[1], "usage: luajit read-migrations.lua <tree> <subsystem>...")

package.path = tree .. "/?.lua;" .. tree .. "/?/init.lua;" .. package.path

---------------------------------------------------------------------------------------------
-- Stubs
---------------------------------------------------------------------------------------------

local stubbed = {}

-- A value whose every field is another stub and which returns nothing when called.
local function stub(name)
  return setmetatable({}, {
    __index = function(self, key)
      local value = stub(name .. "." .. tostring(key))
      rawset(self, key, value)
      return value
    end,
    __call = function() return nil end,
  })
end

local uuid_count = 0
-- Fixed ids: Kong draws random ones (default workspace, cluster_id).
local function fixed_uuid()
  uuid_count = uuid_count + 1
  return string.format("00000000-0000-4000-8000-%012d", uuid_count)
end

local null = setmetatable({}, { __tostring = function() return "null" end })

ngx = stub("ngx")
ngx.null = null
ngx.time = function() return 946684800 end -- 2000-01-01T00:00:00Z
ngx.now = ngx.time
ngx.log = function() end
kong = stub("kong")

local overrides = {
  ["resty.jit-uuid"] = { generate_v4 = fixed_uuid, seed = function() end },
  ["kong.tools.uuid"] = { uuid = fixed_uuid },
  ["kong.tools.utils"] = setmetatable({ uuid = fixed_uuid }, getmetatable(stub("kong.tools.utils"))),
}

local real_require = require
-- Kong's migration code comes from the tree; anything else is a stub (listed on stderr).
function require(name)
  if package.loaded[name] ~= nil then return package.loaded[name] end
  if overrides[name] then
    package.loaded[name] = overrides[name]
    return overrides[name]
  end
  if name:match("^kong%.db%.migrations%.") or name:match("^kong%.plugins%.[^.]+%.migrations") then
    return real_require(name)
  end
  if not stubbed[name] then
    stubbed[name] = true
    io.stderr:write("read-migrations: stub for ", name, "\n")
  end
  package.loaded[name] = stub(name)
  return package.loaded[name]
end

---------------------------------------------------------------------------------------------
-- A connector that records what a migration function sends. The database is empty, so
-- queries return no rows and iterations end at once.
---------------------------------------------------------------------------------------------

local function recording_connector(sent)
  local connector = { config = { schema = "public" } }
  function connector:query(sql)
    sent[#sent + 1] = sql
    return {}
  end
  function connector:iterate(sql)
    sent[#sent + 1] = sql
    return function() return nil end
  end
  function connector:escape_literal(value)
    if value == nil or value == null then return "NULL" end
    return "'" .. tostring(value):gsub("'", "''") .. "'"
  end
  function connector:escape_identifier(value)
    return '"' .. tostring(value):gsub('"', '""') .. '"'
  end
  function connector:connect_migrations() return true end
  return connector
end

local function run(f)
  local sent = {}
  local ok, result, err = pcall(f, recording_connector(sent))
  if not ok then error(result, 0) end
  if result == nil and err then error(tostring(err), 0) end
  return sent
end

---------------------------------------------------------------------------------------------
-- JSON output (strings, booleans, arrays of those, objects with ordered keys)
---------------------------------------------------------------------------------------------

local function encode_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == "\\" then return "\\\\"
    elseif c == "\n" then return "\\n" elseif c == "\t" then return "\\t"
    elseif c == "\r" then return "\\r" end
    return string.format("\\u%04x", c:byte())
  end) .. '"'
end

local encode
local function encode_object(pairs_list)
  local parts = {}
  for _, kv in ipairs(pairs_list) do
    parts[#parts + 1] = encode_string(kv[1]) .. ":" .. encode(kv[2])
  end
  return "{" .. table.concat(parts, ",") .. "}"
end

function encode(value)
  local t = type(value)
  if t == "string" then return encode_string(value) end
  if t == "boolean" then return tostring(value) end
  if value == nil or value == null then return "null" end
  if value.__object then return encode_object(value.__object) end
  local parts = {}
  for i, v in ipairs(value) do parts[i] = encode(v) end
  return "[" .. table.concat(parts, ",") .. "]"
end

local function object(list) return { __object = list } end

---------------------------------------------------------------------------------------------
-- Main
---------------------------------------------------------------------------------------------

local function namespace_of(subsystem)
  if subsystem == "core" then return "kong.db.migrations.core" end
  return "kong.plugins." .. subsystem .. ".migrations"
end

local out = {}
for i = 2, #arg do
  local subsystem = arg[i]
  local namespace = namespace_of(subsystem)
  local ok, index = pcall(real_require, namespace)
  if not ok then index = real_require(namespace .. ".init") end
  local migrations = {}
  for _, name in ipairs(index) do
    local module = real_require(namespace .. "." .. name)
    local pg = assert(module.postgres, name .. ": no postgres strategy")
    local up = pg.up
    assert(up == nil or type(up) == "string", name .. ": up is not a string")
    migrations[#migrations + 1] = object({
      { "name", name },
      { "up", up or "" },
      { "up_f", pg.up_f and run(pg.up_f) or {} },
      { "hasTeardown", pg.teardown ~= nil },
      { "teardown", pg.teardown and run(pg.teardown) or {} },
    })
  end
  out[#out + 1] = object({ { "subsystem", subsystem }, { "migrations", migrations } })
end

io.write(encode(out), "\n")
