// How a message names the settings the check read when it speaks of one they lack. The settings
// may come from kong.conf, but also from a compose file, a manifest, a Dockerfile's ENV or Helm
// values (stacked under the KONG_* variables, src/installation.ts): "kong.conf does not set it"
// is then wrong, and the operator needs to know which files were searched.

import type { KongConf } from './types';

/**
 * `kong.conf` when every setting was read from the kong.conf given or from KONG_* variables over
 * it; `the KONG_* environment` when only those were read; otherwise `the settings read here (compose.yml, KONG_* environment)`, naming each source.
 */
export function settingsReadIn(conf: KongConf): string {
  const files = new Set<string>();
  let env = false;
  for (const setting of conf.rawSettings()) {
    if (setting.origin.kind === 'file' && setting.origin.file !== conf.file) files.add(setting.origin.file);
    else if (setting.origin.kind === 'env') env = true;
  }
  if (files.size === 0) return conf.file !== undefined ? 'kong.conf' : 'the KONG_* environment';
  const sources = [...(conf.file !== undefined ? [conf.file] : []), ...files, ...(env ? ['KONG_* environment'] : [])];
  return `the settings read here (${sources.join(', ')})`;
}
