// Tells Kong's own `kong/plugins/` apart from a custom rock's. On a host, `luarocks install` puts a
// custom plugin into the same LuaRocks tree as Kong (/usr/local/share/lua/5.1: Kong's image reads
// kong/templates/kong_defaults.lua there, build/dockerfiles/entrypoint.sh@3.4.0), so a
// --plugin-dir on that tree also sees every bundled plugin. Those are replaced by the target's own
// files at the upgrade: their code is not the operator's to fix.

import * as fs from 'fs';
import * as path from 'path';

// Files Kong's rock installs next to kong/plugins/ (kong-3.4.0-0.rockspec@3.4.0 maps `kong` to
// kong/init.lua, and installs kong/constants.lua and kong/templates/*); a custom rock ships none.
const KONG_OWN_FILES = ['init.lua', 'constants.lua'];
const KONG_OWN_DIRS = ['templates'];

/** True when `pluginFolder` is `<tree>/kong/plugins/<name>` and `<tree>/kong` also holds Kong's own code. */
export function isInKongCodeTree(pluginFolder: string): boolean {
  const plugins = path.dirname(path.resolve(pluginFolder));
  const kong = path.dirname(plugins);
  if (path.basename(plugins) !== 'plugins' || path.basename(kong) !== 'kong') return false;
  return KONG_OWN_FILES.some((f) => isKind(path.join(kong, f), 'file')) || KONG_OWN_DIRS.some((d) => isKind(path.join(kong, d), 'dir'));
}

function isKind(p: string, kind: 'file' | 'dir'): boolean {
  if (!fs.existsSync(p)) return false;
  const stat = fs.statSync(p);
  return kind === 'file' ? stat.isFile() : stat.isDirectory();
}
