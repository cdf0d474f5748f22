// Where systemd looks for system units and their drop-ins, and where Kong's packages put theirs.
//
// systemd.unit(5) (systemd/systemd@00d0abd8 man/systemd.unit.xml, "System Unit Search Path" and
// "Description"): units load from /etc/systemd/system before /run/systemd/system before the
// package folders (/usr/local/lib/systemd/system, /usr/lib/systemd/system; /lib/systemd/system on
// distributions whose /lib is not /usr/lib), the first file of a name winning. Drop-in folders
// `NAME.d/` may sit in any of /etc, /run and /usr/lib, whichever folder holds the unit; a drop-in
// in /etc replaces one of the same file name in /run, which replaces one in /usr/lib, and all of
// them are applied in the order of their file names. So `systemctl edit kong` (which writes
// /etc/systemd/system/kong.service.d/override.conf) changes the packaged /lib/systemd/system/kong.service.
//
// Kong's packages install /lib/systemd/system/kong.service (open source) or
// kong-enterprise-edition.service (Enterprise), and Kong's guide puts customised copies in
// /etc/systemd/system (Kong/docs.konghq.com@714820d2:app/_src/gateway/production/running-kong/systemd.md).

import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The system unit folders, highest precedence first. */
export const SYSTEM_UNIT_DIRS: readonly string[] = [
  '/etc/systemd/system',
  '/run/systemd/system',
  '/usr/local/lib/systemd/system',
  '/usr/lib/systemd/system',
  '/lib/systemd/system',
];

/** The unit names Kong's packages install. */
export const KONG_UNIT_NAMES: readonly string[] = ['kong-enterprise-edition.service', 'kong.service'];

/**
 * The folders whose `NAME.d/` drop-ins apply to `file`, highest precedence first: every system
 * unit folder when the unit lies in one of them (the unit systemd loads), else only its own
 * folder (a copy kept in a repository).
 */
export function dropInFoldersFor(file: string, systemDirs: readonly string[] = SYSTEM_UNIT_DIRS): string[] {
  const own = dirname(resolve(file));
  return systemDirs.some((dir) => resolve(dir) === own) ? systemDirs.map((dir) => resolve(dir)) : [own];
}

/** Kong's units on this machine, the file systemd loads for each name (the first folder holding it). */
export function kongUnitsOnHost(systemDirs: readonly string[] = SYSTEM_UNIT_DIRS): string[] {
  const found: string[] = [];
  for (const name of KONG_UNIT_NAMES) {
    const file = systemDirs.map((dir) => join(dir, name)).find(isUnitFile);
    if (file) found.push(file);
  }
  return found;
}

/** A unit file systemd would load: a non-empty file (an empty one, or a link to /dev/null, is masked). */
function isUnitFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile() && statSync(path).size > 0;
  } catch {
    return false;
  }
}
