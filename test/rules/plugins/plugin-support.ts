// Shared by the plugin rule tests: loads fixture plugins as the CLI would.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Inputs } from '../../../src/engine/inputs';
import { loadPluginDirs } from '../../../src/inputs/plugins/load';

export const FIXTURES = path.join(__dirname, '../../../fixtures/plugins');
export const LEGACY = path.join(FIXTURES, 'legacy-2x');
export const CLEAN = path.join(FIXTURES, 'clean-3x');
export const EXTERNAL = path.join(FIXTURES, 'external');

/** A rule-tester `inputs` callback that adds the plugins under the given folders. */
export function withPlugins(...dirs: string[]): (ctx: { inputs: Inputs }) => Inputs {
  return ({ inputs }) => ({ ...inputs, customPlugins: loadPluginDirs(dirs) });
}

/**
 * Writes a plugin folder from inline files (`{ 'handler.lua': '...' }`) under a fresh temporary
 * directory and returns an `inputs` callback that loads it, so each case shows its own Lua.
 */
export function inlinePlugin(files: Record<string, string>, name = 'my-plugin'): (ctx: { inputs: Inputs }) => Inputs {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kp-plugin-')), name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return withPlugins(dir);
}

/** A minimal 3.x handler, for cases about other files. */
export const CLEAN_HANDLER = 'return { PRIORITY = 10, VERSION = "1.0.0" }\n';
