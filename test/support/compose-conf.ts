// Settings read from a compose file alone (no kong.conf): the Kong service's environment as the
// check reads it with --image-file, for rule tests about messages that name where settings came from.

import { join } from 'node:path';
import type { KongConf } from '../../src/inputs/kong-conf/types';
import { loadKongConf } from '../../src/inputs/kong-conf';
import { loadPlatformInputs } from '../../src/inputs/platform';
import { tempDir } from './temp';

export function composeSettings(compose: string): { file: string; kongConf: KongConf } {
  const file = join(tempDir({ 'compose.yml': compose }), 'compose.yml');
  const layer = loadPlatformInputs({ imageFiles: [file] }).containerLayer;
  if (!layer) throw new Error('the compose file sets no KONG_* variable of a Kong service');
  return { file, kongConf: loadKongConf(undefined, {}, { layer }) };
}
