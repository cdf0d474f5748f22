-- Reads Kong's PostgreSQL migrations from a source tree extracted from a Kong tag, for
-- generate.ts. Usage: luajit read-migrations.lua <tree> <subsystem>...
-- (`core`, a plugin name, and on an Enterprise tree `enterprise` or `enterprise.<plugin>`, the
-- namespaces of kong/db/migrations/subsystems.lua@FTI-6378). Prints JSON: for each subsystem, its migrations in the order of
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

-- kong.configuration as kong.conf's defaults leave it: Enterprise's enterprise/000_base.lua
-- builds its audit tables' ttl from audit_log_record_ttl (kong/templates/kong_defaults.lua@FTI-6378).
-- Values stay strings, as in the template; keys the template lacks are stubs.
do
  local defaults = {}
  local file = io.open(tree .. "/kong/templates/kong_defaults.lua")
  if file then
    for key, value in file:read("*a"):gmatch("\n([%w_]+) = ([^\n]*)") do
      defaults[key] = value:gsub("%s+$", "")
    end
    file:close()
  end
  kong.configuration = setmetatable(defaults, { __index = stub("kong.configuration") })
end

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
  if name:match("^kong%.db%.migrations%.") or name:match("^kong%.plugins%.[^.]+%.migrations")
    or name:match("^kong%.enterprise_edition%.db%.migrations%.")
    -- SQL templates that some Enterprise plugin migrations format into their `up`
    or name:match("^kong%.enterprise_edition%.tools%.redis%.v2%.schema_migrations_templates%.") then
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

-- A connector that asks generate.ts to run each query on the database being built, the way
-- `kong migrations` runs up_f and teardown functions against the live database
-- (kong/db/init.lua run_migrations). Enterprise needs it: enterprise/000_base.lua seeds RBAC
-- roles, and the teardown of enterprise/007_1500_to_2100.lua reads them back to move them into
-- their workspace. Each request is one line on stdout (`query <JSON string>`); the answer is one
-- line on stdin, a Lua chunk returning the rows or `error <message>`.
local function live_connector(sent)
  local connector = recording_connector(sent)
  function connector:query(sql)
    sent[#sent + 1] = sql
    io.stdout:write("query ", encode_string(sql), "\n")
    io.stdout:flush()
    local answer = assert(io.stdin:read("*l"), "generate.ts closed the connection")
    local message = answer:match("^error (.*)$")
    if message then return nil, message end
    return assert(loadstring(answer, "rows"))()
  end
  function connector:iterate(sql)
    local rows, err = self:query(sql)
    if not rows then error(err, 0) end
    local i = 0
    return function()
      i = i + 1
      if rows[i] then return rows[i] end
    end
  end
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
-- Main
---------------------------------------------------------------------------------------------

-- The namespaces of kong/db/migrations/subsystems.lua (OSS: core and plugins; Enterprise adds
-- `enterprise` and the `enterprise.<plugin>` subsystems).
local function namespace_of(subsystem)
  if subsystem == "core" then return "kong.db.migrations.core" end
  if subsystem == "enterprise" then return "kong.enterprise_edition.db.migrations.enterprise" end
  local plugin = subsystem:match("^enterprise%.(.+)$")
  if plugin then return "kong.plugins." .. plugin .. ".migrations.enterprise" end
  return "kong.plugins." .. subsystem .. ".migrations"
end

-- `--live`: list the migrations without running their functions, then run each up_f or
-- teardown when generate.ts asks (`run <subsystem> <migration> <up_f|teardown>` on stdin),
-- against the live database; answer `done` or `failed <JSON string>`.
local live = arg[2] == "--live"
local first = live and 3 or 2

local modules = {}
local out = {}
for i = first, #arg do
  local subsystem = arg[i]
  local namespace = namespace_of(subsystem)
  local ok, index = pcall(real_require, namespace)
  if not ok then index = real_require(namespace .. ".init") end
  local migrations = {}
  modules[subsystem] = {}
  for _, name in ipairs(index) do
    local module = real_require(namespace .. "." .. name)
    local pg = assert(module.postgres, name .. ": no postgres strategy")
    modules[subsystem][name] = pg
    local up = pg.up
    assert(up == nil or type(up) == "string", name .. ": up is not a string")
    migrations[#migrations + 1] = object({
      { "name", name },
      { "up", up or "" },
      { "hasUpF", pg.up_f ~= nil },
      { "up_f", (not live and pg.up_f) and run(pg.up_f) or {} },
      { "hasTeardown", pg.teardown ~= nil },
      { "teardown", (not live and pg.teardown) and run(pg.teardown) or {} },
    })
  end
  out[#out + 1] = object({ { "subsystem", subsystem }, { "migrations", migrations } })
end

io.write(encode(out), "\n")
io.stdout:flush()
if not live then return end

for line in io.stdin:lines() do
  local subsystem, name, phase = line:match("^run (%S+) (%S+) (%S+)$")
  if not subsystem then break end
  local pg = modules[subsystem] and modules[subsystem][name]
  local ok, err = pcall(function()
    local f = assert(pg and pg[phase], subsystem .. " " .. name .. ": no " .. phase)
    local okf, result, ferr = pcall(f, live_connector({}))
    if not okf then error(result, 0) end
    if result == nil and ferr then error(tostring(ferr), 0) end
  end)
  io.stdout:write(ok and "done" or ("failed " .. encode_string(tostring(err))), "\n")
  io.stdout:flush()
end
